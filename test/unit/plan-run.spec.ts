import { describe, expect, it } from 'vitest'

import { parsePlan, type Plan, type StepExpectation } from '@/lib/plans/plan'
import {
  abortRun,
  beginRun,
  judgeStep,
  nextAction,
  readOpenRun,
  readRun,
  recordStep,
  reportJson,
  reportMarkdown,
  serializeOpenRun,
  serializeRun,
  sessionEnded,
  startDelay,
  type StepOutcome,
  type StepResult,
} from '@/lib/plans/plan-run'

function plan(steps: Record<string, unknown>[]): Plan {
  const parsed = parsePlan(
    JSON.stringify({
      acrPlaygroundPlan: 1,
      name: 'Ladder | pipes',
      profiles: { demo: { issuer: 'http://localhost:9400', client_id: 'a' } },
      steps,
    }),
  )
  if (!parsed.ok) throw new Error(parsed.error.join('\n'))
  return parsed.value
}

const tokens = (over: Partial<Extract<StepOutcome, { kind: 'tokens' }>> = {}): StepOutcome => ({
  kind: 'tokens',
  acr: 'silver',
  loa: 2,
  verdict: 'satisfied',
  freshness: 'not-requested',
  amr: ['pwd', 'otp'],
  authTime: 1000,
  ...over,
})
const earlier = (authTime?: number): StepResult[] => [
  {
    status: 'passed',
    outcome: tokens(authTime === undefined ? {} : { authTime }),
    checks: [],
    at: 0,
  },
]

describe('judgeStep', () => {
  it.each<[string, StepExpectation, StepOutcome, StepResult[], Record<string, boolean>]>([
    ['no expectation: any tokens', {}, tokens(), [], { outcome: true }],
    ['acr equal', { acr: 'silver' }, tokens(), [], { acr: true }],
    ['acr differs', { acr: 'gold' }, tokens(), [], { acr: false }],
    ['loa at least', { loa: 2 }, tokens(), [], { loa: true }],
    ['loa below', { loa: 3 }, tokens(), [], { loa: false }],
    ['loa unknown', { loa: 1 }, tokens({ loa: undefined }), [], { loa: false }],
    ['verdict', { verdict: 'downgraded' }, tokens(), [], { verdict: false }],
    ['freshness', { freshness: 'fresh' }, tokens({ freshness: 'fresh' }), [], { freshness: true }],
    ['amr subset', { amr: ['otp'] }, tokens(), [], { amr: true }],
    ['amr missing', { amr: ['hwk'] }, tokens(), [], { amr: false }],
    ['amr absent', { amr: ['pwd'] }, tokens({ amr: [] }), [], { amr: false }],
    [
      'auth_time new',
      { authTime: 'new' },
      tokens({ authTime: 1005 }),
      earlier(1000),
      { authTime: true },
    ],
    ['auth_time not new', { authTime: 'new' }, tokens(), earlier(1000), { authTime: false }],
    ['auth_time same', { authTime: 'same' }, tokens(), earlier(1000), { authTime: true }],
    ['auth_time without an earlier one', { authTime: 'same' }, tokens(), [], { authTime: false }],
    ['stops, and it stopped', { stops: true }, { kind: 'stopped' }, [], { outcome: true }],
    ['stops, but tokens came', { stops: true }, tokens(), [], { outcome: false }],
    [
      'an error, that one',
      { error: 'login_required' },
      { kind: 'error', error: 'login_required' },
      [],
      { outcome: true },
    ],
    [
      'an error, another one',
      { error: 'login_required' },
      { kind: 'error', error: 'interaction_required' },
      [],
      { outcome: false },
    ],
    [
      'tokens, but an error came',
      { acr: 'silver' },
      { kind: 'error', error: 'access_denied' },
      [],
      { outcome: false },
    ],
    ['not started fails', {}, { kind: 'not-started', reason: 'offline' }, [], { outcome: false }],
  ])('%s', (_, expectation, outcome, before, wanted) => {
    const checks = judgeStep(expectation, outcome, before)
    expect(Object.fromEntries(checks.map((c) => [c.name, c.passed]))).toEqual(wanted)
  })

  it('says what it got, in words', () => {
    const [check] = judgeStep({ acr: 'gold' }, tokens(), [])
    expect(check).toEqual({ name: 'acr', expected: 'gold', actual: 'silver', passed: false })
  })
})

describe('a run, step by step', () => {
  const p = plan([
    { name: 'a', user: 'alice', expect: { acr: 'silver' } },
    { name: 'b', user: 'alice', request: { max_age: 0 }, expect: { authTime: 'new' } },
    { name: 'c', user: 'bob', expect: { stops: true } },
  ])

  it('ends the session first, logs in, goes on, ends the session for another user', () => {
    let run = beginRun(p, 0)
    expect(nextAction(run)).toEqual({ kind: 'logout', index: 0 })
    run = sessionEnded(run)
    expect(nextAction(run)).toMatchObject({ kind: 'login', index: 0 })
    run = recordStep(run, tokens(), 10)
    expect(nextAction(run)).toMatchObject({ kind: 'login', index: 1 })
    run = recordStep(run, tokens({ authTime: 1002 }), 20)
    expect(nextAction(run)).toEqual({ kind: 'logout', index: 2 })
    run = recordStep(sessionEnded(run), { kind: 'stopped' }, 30)
    expect(nextAction(run)).toEqual({ kind: 'done' })
    expect(run.finishedAt).toBe(30)
    expect(run.results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed'])
  })

  it('waits out the second of the last authentication before a max_age step', () => {
    const run = recordStep(sessionEnded(beginRun(p, 0)), tokens({ authTime: 1000 }), 0)
    expect(startDelay(run, p.steps[1]!, 1_000_400)).toBe(700)
    expect(startDelay(run, p.steps[1]!, 1_001_200)).toBe(0)
    expect(startDelay(run, p.steps[0]!, 1_000_400)).toBe(0)
    const checksAuthTime = { ...p.steps[0]!, expect: { authTime: 'new' as const } }
    expect(startDelay(run, checksAuthTime, 1_000_400)).toBe(700)
  })

  it('survives the redirect: serialized and read back to the same run', () => {
    const run = recordStep(sessionEnded(beginRun(p, 5)), tokens(), 10)
    expect(readRun(serializeRun(run))).toEqual({ ok: true, value: run })
  })

  it.each<[string, string]>([
    ['not JSON', '{'],
    ['another plan shape', '{"plan":{},"index":0}'],
    [
      'results of another kind',
      serializeRun({
        ...beginRun(p, 0),
        results: [{ status: 'passed', outcome: { kind: 'x' }, checks: [] } as never],
      }),
    ],
  ])('a damaged stored run is dropped with a reason: %s', (_, raw) => {
    expect(readRun(raw).ok).toBe(false)
  })

  it('the note of a run under way names its tab and reads back to the same run', () => {
    const run = recordStep(sessionEnded(beginRun(p, 5)), tokens(), 10)
    expect(readOpenRun(serializeOpenRun({ tab: 't1', run }))).toEqual({ tab: 't1', run })
  })

  it.each<[string, string | null]>([
    ['nothing noted', null],
    ['not JSON', '{'],
    ['not an object', '[1]'],
    ['no tab', JSON.stringify({ run: serializeRun(beginRun(p, 0)) })],
    ['a run that is not text', JSON.stringify({ tab: 't1', run: {} })],
    ['a damaged run', JSON.stringify({ tab: 't1', run: '{"plan":{}}' })],
  ])('a note that cannot be read is none: %s', (_, raw) => {
    expect(readOpenRun(raw)).toBeNull()
  })

  it('the report: a Markdown table for a ticket, pipes escaped, steps not run marked', () => {
    let run = recordStep(
      sessionEnded(beginRun(p, Date.UTC(2026, 10, 25, 12))),
      tokens({ acr: 'bronze' }),
      Date.UTC(2026, 10, 25, 12, 0, 5),
    )
    run = abortRun(run, Date.UTC(2026, 10, 25, 12, 0, 9))
    expect(reportMarkdown(run)).toBe(
      [
        '## Plan: Ladder \\| pipes',
        '',
        'Run 2026-11-25T12:00:00Z – 2026-11-25T12:00:09Z: 0 passed, 1 failed, 2 not run.',
        '',
        '| # | Step | User | Expected | Got | Result |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 1 | a | alice | acr silver | acr bronze (LoA 2), satisfied, amr pwd otp (acr: expected silver, got bronze) | failed |',
        '| 2 | b | alice | new auth_time |  | not run |',
        "| 3 | c | bob | stops on the provider's page |  | not run |",
        '',
      ].join('\n'),
    )
    const json = JSON.parse(reportJson(run)) as Record<string, unknown>
    expect(json).toMatchObject({ plan: 'Ladder | pipes', passed: 0, failed: 1, pending: 2 })
    expect((json.steps as { status: string }[]).map((s) => s.status)).toEqual([
      'failed',
      'not run',
      'not run',
    ])
  })
})
