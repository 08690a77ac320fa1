import { describe, expect, it } from 'vitest'

import { judgeFreshness, type Freshness } from '@/lib/tokens/freshness'

/** The login started at this second (the attempt's startedAt is in ms). */
const START = 1_800_000_000
const STARTED_AT = START * 1000 + 400

describe('judgeFreshness', () => {
  it.each<[string, number | undefined, unknown, Freshness, number | undefined]>([
    ['no max_age: not requested', undefined, START - 5000, 'not-requested', undefined],
    ['no max_age, no auth_time: not requested', undefined, undefined, 'not-requested', undefined],
    ['re-authenticated during the login', 1, START + 3, 'fresh', -3],
    ['auth_time floored to the second of the start', 1, START, 'fresh', 0],
    ['auth_time a second before the start (clock slack)', 0, START - 1, 'fresh', 1],
    ['reused within max_age', 300, START - 120, 'fresh', 120],
    ['reused exactly at max_age', 120, START - 120, 'fresh', 120],
    ['reused beyond max_age', 60, START - 120, 'stale', 120],
    ['max_age=0 and a reused session', 0, START - 30, 'stale', 30],
    ['max_age but no auth_time', 60, undefined, 'no-auth-time', undefined],
    ['max_age and auth_time as text', 60, String(START), 'no-auth-time', undefined],
  ])('%s', (_, maxAge, authTime, verdict, ageAtStart) => {
    const judged = judgeFreshness(
      maxAge === undefined ? {} : { maxAge },
      authTime === undefined ? {} : { auth_time: authTime as number },
      STARTED_AT,
    )
    expect(judged.verdict).toBe(verdict)
    expect(judged.ageAtStart).toBe(ageAtStart)
  })

  it('says why with auth_time, max_age and the age in seconds', () => {
    const judged = judgeFreshness({ maxAge: 60 }, { auth_time: START - 120 }, STARTED_AT)
    expect(judged.reason).toContain(`auth_time ${START - 120}`)
    expect(judged.reason).toContain('max_age=60')
    expect(judged.reason).toContain('120 s old')
  })

  it('judges without an ID token as not requested or without auth_time', () => {
    expect(judgeFreshness({}, undefined, STARTED_AT).verdict).toBe('not-requested')
    expect(judgeFreshness({ maxAge: 5 }, undefined, STARTED_AT).verdict).toBe('no-auth-time')
  })
})
