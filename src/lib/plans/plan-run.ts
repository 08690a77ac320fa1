// A test plan's run, begun before the first redirect and finished after the last: which step is
// under way, what each one gave, and the judgement of each against its expectations. Pure, so every
// branch is a table test; src/stores/plan.ts holds the run (sessionStorage, across the redirects)
// and does the I/O.
import type { Freshness } from '../tokens/freshness'
import { isRecord } from '../core/json-value'
import { parsePlan, serializePlan, type Plan, type PlanStep, type StepExpectation } from './plan'
import { err, ok, type Result } from '../core/result'
import type { Verdict } from '../verdict/verdict'

/** What a step gave, read from the login store after the return. */
export type StepOutcome =
  | {
      kind: 'tokens'
      acr?: string
      loa?: number
      verdict: Verdict
      freshness: Freshness
      amr: string[]
      authTime?: number
      /** Who signed in (preferred_username, else sub): so a report shows the session's user. */
      subject?: string
    }
  | { kind: 'error'; error: string; description?: string }
  /** The login never came back: it stopped on the provider's page. */
  | { kind: 'stopped' }
  /** The playground could not start the step (provider unreachable, request refused, …). */
  | { kind: 'not-started'; reason: string }

export interface Check {
  /** What was checked, as the plan names it: acr, loa, verdict, freshness, amr, authTime, outcome. */
  name: string
  expected: string
  actual: string
  passed: boolean
}

export interface StepResult {
  status: 'passed' | 'failed'
  outcome: StepOutcome
  checks: Check[]
  at: number
}

type RunPhase = 'logout' | 'login'

export interface PlanRun {
  plan: Plan
  /** The step under way; plan.steps.length when the run is over. */
  index: number
  /** What the step under way waits for: its session ended first, or its login. */
  phase: RunPhase
  /** A redirect for the step is under way: the next page load finishes it. */
  awaiting: RunPhase | null
  results: StepResult[]
  startedAt: number
  finishedAt?: number
}

type RunAction =
  | { kind: 'logout'; index: number }
  | { kind: 'login'; index: number; step: PlanStep }
  | { kind: 'done' }

function phaseFor(step: PlanStep | undefined): RunPhase {
  return step?.session === 'new' ? 'logout' : 'login'
}

export function beginRun(plan: Plan, now: number): PlanRun {
  return {
    plan,
    index: 0,
    phase: phaseFor(plan.steps[0]),
    awaiting: null,
    results: [],
    startedAt: now,
  }
}

/** What the run does next. */
export function nextAction(run: PlanRun): RunAction {
  const step = run.plan.steps[run.index]
  if (!step || run.finishedAt !== undefined) return { kind: 'done' }
  return run.phase === 'logout'
    ? { kind: 'logout', index: run.index }
    : { kind: 'login', index: run.index, step }
}

/** The step's session has ended (or could not be ended and the step goes on regardless). */
export function sessionEnded(run: PlanRun): PlanRun {
  return { ...run, phase: 'login', awaiting: null }
}

/** A redirect for the step under way is leaving. */
export function leaving(run: PlanRun, phase: RunPhase): PlanRun {
  return { ...run, awaiting: phase }
}

/** The previous tokens' auth_time, for `authTime: new | same`. */
function previousAuthTime(results: StepResult[]): number | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const outcome = results[i]?.outcome
    if (outcome?.kind === 'tokens') return outcome.authTime
  }
  return undefined
}

export function describeOutcome(outcome: StepOutcome): string {
  switch (outcome.kind) {
    case 'tokens': {
      const parts = [
        `acr ${outcome.acr ?? '(none)'}${outcome.loa !== undefined ? ` (LoA ${outcome.loa})` : ''}`,
        outcome.verdict,
      ]
      if (outcome.freshness !== 'not-requested') parts.push(outcome.freshness)
      if (outcome.amr.length) parts.push(`amr ${outcome.amr.join(' ')}`)
      if (outcome.subject) parts.push(`as ${outcome.subject}`)
      return parts.join(', ')
    }
    case 'error':
      return `error ${outcome.error}`
    case 'stopped':
      return "stopped on the provider's page"
    case 'not-started':
      return `not started: ${outcome.reason}`
  }
}

export function describeExpectation(expect: StepExpectation): string {
  if (expect.stops) return "stops on the provider's page"
  if (expect.error !== undefined) return `error ${expect.error}`
  const parts: string[] = []
  if (expect.acr !== undefined) parts.push(`acr ${expect.acr}`)
  if (expect.loa !== undefined) parts.push(`LoA ≥ ${expect.loa}`)
  if (expect.verdict !== undefined) parts.push(expect.verdict)
  if (expect.freshness !== undefined) parts.push(expect.freshness)
  if (expect.amr !== undefined) parts.push(`amr ⊇ ${expect.amr.join(' ')}`)
  if (expect.authTime !== undefined)
    parts.push(expect.authTime === 'new' ? 'new auth_time' : 'same auth_time')
  return parts.length ? parts.join(', ') : 'tokens'
}

/** Judge one step's outcome against its expectations; `earlier` are the results before it. */
export function judgeStep(
  expect: StepExpectation,
  outcome: StepOutcome,
  earlier: StepResult[],
): Check[] {
  const wanted = expect.stops ? 'stopped' : expect.error !== undefined ? 'error' : 'tokens'
  const wantedText =
    wanted === 'stopped'
      ? "stops on the provider's page"
      : wanted === 'error'
        ? `error ${expect.error}`
        : 'tokens'
  if (
    outcome.kind !== wanted ||
    (wanted === 'error' && outcome.kind === 'error' && outcome.error !== expect.error)
  )
    return [
      { name: 'outcome', expected: wantedText, actual: describeOutcome(outcome), passed: false },
    ]
  if (outcome.kind !== 'tokens')
    return [
      { name: 'outcome', expected: wantedText, actual: describeOutcome(outcome), passed: true },
    ]

  const checks: Check[] = []
  const check = (name: string, expected: string, actual: string, passed: boolean) =>
    checks.push({ name, expected, actual, passed })
  if (expect.acr !== undefined)
    check('acr', expect.acr, outcome.acr ?? '(none)', outcome.acr === expect.acr)
  if (expect.loa !== undefined)
    check(
      'loa',
      `≥ ${expect.loa}`,
      outcome.loa === undefined ? '(no LoA: the acr is not in the LoA map)' : String(outcome.loa),
      outcome.loa !== undefined && outcome.loa >= expect.loa,
    )
  if (expect.verdict !== undefined)
    check('verdict', expect.verdict, outcome.verdict, outcome.verdict === expect.verdict)
  if (expect.freshness !== undefined)
    check('freshness', expect.freshness, outcome.freshness, outcome.freshness === expect.freshness)
  if (expect.amr !== undefined) {
    const missing = expect.amr.filter((m) => !outcome.amr.includes(m))
    check(
      'amr',
      expect.amr.join(' '),
      outcome.amr.length ? outcome.amr.join(' ') : '(no amr claim)',
      missing.length === 0,
    )
  }
  if (expect.authTime !== undefined) {
    const before = previousAuthTime(earlier)
    const now = outcome.authTime
    const actual =
      before === undefined
        ? 'no earlier step returned an auth_time'
        : now === undefined
          ? 'this token has no auth_time'
          : now === before
            ? `same (${now})`
            : `new (${before} → ${now})`
    const passed =
      before !== undefined &&
      now !== undefined &&
      (expect.authTime === 'new' ? now > before : now === before)
    check('authTime', expect.authTime, actual, passed)
  }
  if (checks.length === 0) check('outcome', 'tokens', describeOutcome(outcome), true)
  return checks
}

/**
 * How long to wait before a step's login leaves (ms). auth_time is whole seconds and providers
 * compare max_age in whole seconds (Keycloak: auth_time + max_age < now), so a step that sends
 * max_age or checks auth_time, left within the second of the previous authentication, could
 * neither be re-asked nor told apart from it: it starts once that second is over.
 */
export function startDelay(run: PlanRun, step: PlanStep, now: number): number {
  if (step.request.max_age === undefined && step.expect.authTime === undefined) return 0
  const before = previousAuthTime(run.results)
  if (before === undefined) return 0
  return Math.max(0, (before + 1) * 1000 + 100 - now)
}

/** The step under way gave `outcome`: judge it and move to the next step. */
export function recordStep(run: PlanRun, outcome: StepOutcome, now: number): PlanRun {
  const step = run.plan.steps[run.index]
  if (!step) return run
  const checks = judgeStep(step.expect, outcome, run.results)
  const results = [
    ...run.results,
    {
      status: checks.every((c) => c.passed) ? ('passed' as const) : ('failed' as const),
      outcome,
      checks,
      at: now,
    },
  ]
  const index = run.index + 1
  const next = run.plan.steps[index]
  return {
    ...run,
    index,
    phase: phaseFor(next),
    awaiting: null,
    results,
    ...(next ? {} : { finishedAt: now }),
  }
}

/** Stop the run here: the steps not run stay pending in the report. */
export function abortRun(run: PlanRun, now: number): PlanRun {
  return { ...run, awaiting: null, finishedAt: run.finishedAt ?? now }
}

export function serializeRun(run: PlanRun): string {
  return JSON.stringify({ ...run, plan: JSON.parse(serializePlan(run.plan)) as unknown })
}

/** A run under way, noted for other visits (localStorage) with the id of the tab that runs it. */
interface OpenRun {
  tab: string
  run: PlanRun
}

export function serializeOpenRun(open: OpenRun): string {
  return JSON.stringify({ tab: open.tab, run: serializeRun(open.run) })
}

/** Read the note of a run under way; anything damaged or absent is none. Never throws. */
export function readOpenRun(raw: string | null): OpenRun | null {
  if (raw === null) return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (!isRecord(value) || typeof value.tab !== 'string') return null
  const read = readRun(typeof value.run === 'string' ? value.run : null)
  return read.ok && read.value ? { tab: value.tab, run: read.value } : null
}

const OUTCOME_KINDS = ['tokens', 'error', 'stopped', 'not-started']

/** Read a run back from sessionStorage; anything damaged is dropped (it only ever held our own text). */
export function readRun(raw: string | null): Result<PlanRun | null> {
  if (raw === null) return ok(null)
  try {
    const json = JSON.parse(raw) as Partial<PlanRun> & { plan?: unknown }
    const plan = parsePlan(JSON.stringify(json.plan))
    if (!plan.ok) return err(`the plan under way could not be read back: ${plan.error[0] ?? ''}`)
    const results = Array.isArray(json.results) ? json.results : null
    if (
      typeof json.index !== 'number' ||
      (json.phase !== 'logout' && json.phase !== 'login') ||
      !results ||
      results.length > plan.value.steps.length ||
      !results.every(
        (r) =>
          (r?.status === 'passed' || r?.status === 'failed') &&
          OUTCOME_KINDS.includes(r.outcome?.kind) &&
          Array.isArray(r.checks),
      ) ||
      typeof json.startedAt !== 'number'
    )
      return err('the run under way could not be read back')
    return ok({
      plan: plan.value,
      index: Math.min(Math.max(0, Math.trunc(json.index)), plan.value.steps.length),
      phase: json.phase,
      awaiting: json.awaiting === 'logout' || json.awaiting === 'login' ? json.awaiting : null,
      results,
      startedAt: json.startedAt,
      ...(typeof json.finishedAt === 'number' ? { finishedAt: json.finishedAt } : {}),
    })
  } catch {
    return err('the run under way could not be read back')
  }
}

type StepStatus = 'pending' | 'passed' | 'failed'

export function stepStatus(run: PlanRun | null, index: number): StepStatus {
  return run?.results[index]?.status ?? 'pending'
}

interface RunSummary {
  passed: number
  failed: number
  pending: number
}

export function summarize(run: PlanRun): RunSummary {
  const passed = run.results.filter((r) => r.status === 'passed').length
  const failed = run.results.length - passed
  return { passed, failed, pending: run.plan.steps.length - run.results.length }
}

/** A table cell: one line, and a `|` does not end the cell. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|')
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The report for a ticket: the plan's table as Markdown. */
export function reportMarkdown(run: PlanRun): string {
  const { passed, failed, pending } = summarize(run)
  const lines = [
    `## Plan: ${cell(run.plan.name)}`,
    '',
    `Run ${isoTime(run.startedAt)}${run.finishedAt !== undefined ? ` – ${isoTime(run.finishedAt)}` : ''}: ` +
      `${passed} passed, ${failed} failed${pending ? `, ${pending} not run` : ''}.`,
    '',
    '| # | Step | User | Expected | Got | Result |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  run.plan.steps.forEach((step, i) => {
    const result = run.results[i]
    const failedChecks = result?.checks.filter((c) => !c.passed) ?? []
    const got = result
      ? failedChecks.length
        ? `${describeOutcome(result.outcome)} (${failedChecks.map((c) => `${c.name}: expected ${c.expected}, got ${c.actual}`).join('; ')})`
        : describeOutcome(result.outcome)
      : ''
    lines.push(
      `| ${i + 1} | ${cell(step.name)} | ${cell(step.user ?? '')} | ${cell(describeExpectation(step.expect))} | ${cell(got)} | ${result ? result.status : 'not run'} |`,
    )
  })
  return lines.join('\n') + '\n'
}

/** The report for a machine: the plan's name, the summary, and each step with its checks. */
export function reportJson(run: PlanRun): string {
  return JSON.stringify(
    {
      plan: run.plan.name,
      startedAt: isoTime(run.startedAt),
      ...(run.finishedAt !== undefined ? { finishedAt: isoTime(run.finishedAt) } : {}),
      ...summarize(run),
      steps: run.plan.steps.map((step, i) => {
        const result = run.results[i]
        return {
          step: i + 1,
          name: step.name,
          ...(step.user !== undefined ? { user: step.user } : {}),
          expected: step.expect,
          status: result?.status ?? 'not run',
          ...(result ? { outcome: result.outcome, checks: result.checks } : {}),
        }
      }),
    },
    null,
    2,
  )
}
