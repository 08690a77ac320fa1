// `npm test`: every check and every test tier, then a table of the steps' times and one closing
// line with the totals. Steps share the machine's cores as slots (the CI machine has two): each
// step takes its weight in slots, and a free slot goes to the first step in the list below that can
// run. Both Keycloaks start first, together in one slot (a JVM warming up waits on its disk as much
// as on a core), beside the build, the unit tests and the checks; the e2e tier comes last and takes
// every slot (three browsers, the providers and Keycloak answering them). Nothing runs niced beside
// another step: CI once ran everything at once on two cores, and the Keycloaks, niced, did not
// answer within five minutes while the unit tests' workers timed out. Each step runs even when
// another failed, so one run shows everything that is wrong.
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

import { E2E_COPY, KEYCLOAK_VERSIONS, KeycloakSetupError, startKeycloak } from '../keycloak/run.mjs'
import { STARTING_VARIABLE, writeKeycloakState } from '../test/e2e/keycloak-state.mjs'

const root = resolve(import.meta.dirname, '..')
const results = resolve(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

/** The e2e tier's Keycloaks: as test/e2e/keycloak-target.ts names them (version, port). */
const KEYCLOAKS = [
  { version: KEYCLOAK_VERSIONS[0], port: 8180 },
  { version: KEYCLOAK_VERSIONS[1], port: 8190 },
]

const bin = (name, ...args) => [
  process.execPath,
  [resolve(root, 'node_modules/.bin', name), ...args],
]
const node = (...args) => [process.execPath, args]

/** CPU slots: the machine's cores, at least two (the e2e tier runs three browsers). */
const SLOTS = Math.max(2, availableParallelism())

/** name, the command (or an async function), the steps it waits for, its weight in slots (1). */
const steps = [
  // A fresh Debian machine as root gets what the tiers need; elsewhere the exact command is printed.
  { name: 'prerequisites', command: node('scripts/prerequisites.mjs') },
  // Keycloak's distributions from Maven Central, cached in ~/.cache/acr-playground; fetched first
  // so a download failure stands apart from test failures.
  ...KEYCLOAKS.map(({ version }) => ({
    name: `Keycloak ${version} distribution`,
    command: node('keycloak/run.mjs', '--fetch-only', '--version', version, '--copy', E2E_COPY),
    after: ['prerequisites'],
  })),
  ...KEYCLOAKS.map((keycloak) => ({
    name: `Keycloak ${keycloak.version} start (port ${keycloak.port})`,
    run: () => startInBackground(keycloak),
    after: [`Keycloak ${keycloak.version} distribution`],
    weight: 1 / KEYCLOAKS.length,
  })),
  { name: 'build', command: bin('vite', 'build'), after: ['prerequisites'] },
  {
    name: 'unit and component tests',
    command: bin(
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ),
    after: ['prerequisites'],
  },
  { name: 'typecheck', command: bin('vue-tsc', '--build'), after: ['prerequisites'] },
  { name: 'lint', command: bin('eslint', '.'), after: ['prerequisites'] },
  { name: 'size budget', command: node('scripts/check-size.mjs'), after: ['build'] },
  { name: 'dead exports', command: node('scripts/dead-exports.mjs'), after: ['prerequisites'] },
  {
    name: 'format',
    command: bin('prettier', '--check', 'src/', 'test/', 'demo-idp/', 'scripts/', 'keycloak/'),
    after: ['prerequisites'],
  },
  {
    name: 'e2e tests (real Chromium, real providers)',
    command: bin('playwright', 'test'),
    // Last, on the whole machine. It needs the Keycloak starts to have ended, well or not: a
    // Keycloak project's workers read how theirs ended (test/e2e/keycloak-state.mjs) and, when it
    // could not start, every test on it fails with the reason.
    after: ['build', ...KEYCLOAKS.map((k) => `Keycloak ${k.version} start (port ${k.port})`)],
    weight: SLOTS,
    live: true,
    env: () => ({
      [STARTING_VARIABLE]: KEYCLOAKS.map((k) => `http://localhost:${k.port}`).join(','),
    }),
  },
]

/** Keycloaks started here, stopped at the end (or on Ctrl-C). */
const keycloaks = []

async function startInBackground({ version, port }) {
  const log = resolve(results, `keycloak-${version}.log`)
  try {
    const keycloak = await startKeycloak({
      version,
      copy: E2E_COPY,
      port,
      fresh: true,
      output: openSync(log, 'w'),
      log: () => {},
    })
    keycloaks.push(keycloak)
    writeKeycloakState(keycloak.url, { ready: true })
    return {
      ok: true,
      output: `Keycloak ${version} answers on ${keycloak.url} (its log: ${log})\n`,
    }
  } catch (error) {
    const message = error instanceof KeycloakSetupError ? error.message : String(error)
    writeKeycloakState(`http://localhost:${port}`, { reason: message })
    return { ok: false, output: `${message}\n(its log: ${log})\n` }
  }
}

async function stopKeycloaks() {
  await Promise.all(keycloaks.splice(0).map((k) => k.stop()))
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => stopKeycloaks().then(() => process.exit(130)))

/** Run one command; a parallel step's output is kept and printed whole when it ends. */
function runCommand([command, args], { live, env }) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env, ...(live ? {} : { FORCE_COLOR: '0' }) },
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    })
    const chunks = []
    child.stdout?.on('data', (chunk) => chunks.push(chunk))
    child.stderr?.on('data', (chunk) => chunks.push(chunk))
    child.on('error', (error) => done({ ok: false, output: `${error.message}\n` }))
    child.on('close', (code) => done({ ok: code === 0, output: Buffer.concat(chunks).toString() }))
  })
}

const t0 = Date.now()
const seconds = (ms) => (ms / 1000).toFixed(1)
const state = new Map(steps.map((step) => [step.name, { status: 'waiting' }]))

function runStep(step) {
  const entry = state.get(step.name)
  entry.status = 'running'
  entry.started = Date.now()
  if (step.live) console.log(`\n=== ${step.name} (at ${seconds(entry.started - t0)} s)`)
  const run = step.run
    ? step.run()
    : runCommand(step.command, { live: step.live, env: step.env?.() })
  return run.then(({ ok, output }) => {
    entry.status = ok ? 'ok' : 'FAILED'
    entry.ended = Date.now()
    const took = `${seconds(entry.ended - entry.started)} s`
    if (!step.live) {
      console.log(`\n=== ${step.name}`)
      if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
    }
    console.log(`=== ${step.name}: ${entry.status === 'ok' ? 'ok' : 'FAILED'} (${took})`)
  })
}

await new Promise((allDone) => {
  const running = new Set()
  let busy = 0
  const schedule = () => {
    for (const step of steps) {
      const entry = state.get(step.name)
      if (entry.status !== 'waiting') continue
      const after = (step.after ?? []).map((name) => state.get(name).status)
      if (after.some((s) => s === 'waiting' || s === 'running')) continue
      const weight = Math.min(step.weight ?? 1, SLOTS)
      // A step that needs more slots than are free holds back every step after it in the list,
      // so the e2e tier is not kept waiting by steps that keep coming free one slot at a time.
      if (busy + weight > SLOTS + 1e-9) break
      busy += weight
      const promise = runStep(step).then(() => {
        busy -= weight
        running.delete(promise)
        schedule()
      })
      running.add(promise)
    }
    if (running.size === 0) allDone()
  }
  schedule()
})
await stopKeycloaks()
const total = Date.now() - t0

function readJson(file) {
  try {
    return JSON.parse(readFileSync(resolve(results, file), 'utf8'))
  } catch {
    return undefined
  }
}
let passed = 0
let failures = 0
let skipped = 0
const vitest = readJson('vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failures += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
}
const e2e = readJson('e2e.json')
if (e2e) {
  passed += e2e.stats.expected
  failures += e2e.stats.unexpected + e2e.stats.flaky
  skipped += e2e.stats.skipped
}
if (!existsSync(resolve(results, 'e2e.json'))) console.log('(the e2e tier wrote no report)')

const rows = steps.map((step) => {
  const { status, started, ended } = state.get(step.name)
  return [
    step.name,
    status,
    started ? seconds(started - t0) : '-',
    ended ? seconds(ended - started) : '-',
  ]
})
const header = ['step', 'result', 'start s', 'took s']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (cells) =>
  cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
for (const row of rows) console.log(line(row))
console.log(
  `${'total'.padEnd(widths[0])}  ${''.padEnd(widths[1])}  ${''.padStart(widths[2])}  ${seconds(total).padStart(widths[3])}`,
)

const failed = rows.filter(([, status]) => status !== 'ok').map(([name]) => name)
console.log(failed.length ? `\nFailed steps: ${failed.join(', ')}` : '\nAll steps passed.')
if (skipped) console.log(`(${skipped} tests skipped: none should be)`)
console.log(`tests: ${passed} passed, ${failures} failed`)
process.exit(failed.length ? 1 : 0)
