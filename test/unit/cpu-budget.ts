// Guards against pathological slowness (a quadratic reader, a regex that backtracks) in unit tests,
// on a machine shared with other work: the bound is scaled by how fast this machine does a fixed
// piece of work right now, so load makes neither a false failure nor a looser bound on a quiet one.
// Budgets of what a user waits for live in the benchmark (scripts/bench.mjs), not here.

/** How long parsing 1 MB of JSON takes now, ms (the best of three). ~3 ms on a quiet machine. */
function referenceMs(): number {
  const text = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => ({ i, s: `v${i}` })))
  let best = Infinity
  for (let run = 0; run < 3; run++) {
    const started = performance.now()
    JSON.parse(text)
    best = Math.min(best, performance.now() - started)
  }
  return best
}

const QUIET_REFERENCE_MS = 8

/** `ms` on a quiet machine, scaled up while this one is slower than that. */
export function cpuScaledMs(ms: number): number {
  return ms * Math.max(1, referenceMs() / QUIET_REFERENCE_MS)
}
