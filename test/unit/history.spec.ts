import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { JsonObject } from '@/lib/request/claims-request'
import {
  diffAttempts,
  HISTORY_LIMIT,
  HISTORY_MAX_AGE_MS,
  keptClaims,
  parseClientNotes,
  parseHistory,
  seenSession,
  type Attempt,
} from '@/lib/session/history'
import { STORAGE_KEY_HISTORY } from '@/lib/storage/storage-keys'
import { useHistoryStore } from '@/stores/history'
import { MemoryStorage } from '../fixtures/storage'

const target = { mode: 'oidc' as const, url: '', realm: '', issuer: 'http://idp', clientId: 'c' }
const attempt = (
  id: string,
  startedAt: number,
  acr: string,
  extra: Record<string, unknown>,
): Attempt => ({
  id,
  startedAt,
  target,
  request: { scope: 'openid', acrValues: acr },
  outcome: {
    kind: 'tokens',
    acr,
    loa: acr === 'gold' ? 3 : 2,
    verdict: 'satisfied',
    idToken: { acr, ...extra },
  },
})

describe('diffAttempts', () => {
  it('lists what changed, with identifiers and times last', () => {
    const a = attempt('a', 1, 'silver', { auth_time: 100, amr: ['pwd', 'otp'], iat: 1, sub: 'bob' })
    const b = attempt('b', 2, 'gold', {
      auth_time: 160,
      amr: ['pwd', 'otp', 'hwk'],
      iat: 2,
      sub: 'bob',
    })
    const changes = diffAttempts(a, b)
    expect(changes.map((c) => c.name)).toEqual([
      'request.acr_values',
      'acr',
      'LoA',
      'id_token.acr',
      'id_token.auth_time',
      'id_token.amr',
      'id_token.iat',
    ])
    expect(changes.find((c) => c.name === 'id_token.amr')).toEqual({
      name: 'id_token.amr',
      before: '["pwd","otp"]',
      after: '["pwd","otp","hwk"]',
    })
  })

  it('shows times with the UTC time they stand for', () => {
    const a = attempt('a', 1, 'silver', { auth_time: 1765076400 })
    const b = attempt('b', 2, 'silver', { auth_time: 1765076460 })
    expect(diffAttempts(a, b)).toEqual([
      {
        name: 'id_token.auth_time',
        before: '1765076400 (2025-12-07 03:00:00 UTC)',
        after: '1765076460 (2025-12-07 03:01:00 UTC)',
      },
    ])
  })

  it('against a login that failed: one row for the tokens, not one "(none)" per claim', () => {
    const a = attempt('a', 1, 'silver', { auth_time: 100, amr: ['pwd'], iat: 1, sid: 's' })
    const failed: Attempt = {
      id: 'b',
      startedAt: 2,
      target,
      request: { scope: 'openid', acrValues: 'gold', prompt: 'none' },
      outcome: { kind: 'error', error: 'login_required' },
    }
    expect(diffAttempts(a, failed)).toEqual([
      { name: 'request.acr_values', before: 'silver', after: 'gold' },
      { name: 'request.prompt', before: '(none)', after: 'none' },
      { name: 'outcome', before: 'tokens', after: 'error' },
      { name: 'acr', before: 'silver', after: '(none)' },
      { name: 'LoA', before: '2', after: '(none)' },
      { name: 'verdict', before: 'satisfied', after: '(none)' },
      { name: 'error', before: '(none)', after: 'login_required' },
      { name: 'tokens', before: 'tokens (acr silver; claims not compared)', after: '(no tokens)' },
    ])
  })

  it('shows a claim that appears as coming from (none)', () => {
    const a = attempt('a', 1, 'silver', {})
    const b = attempt('b', 2, 'silver', { email: 'x@example' })
    expect(diffAttempts(a, b)).toEqual([
      { name: 'id_token.email', before: '(none)', after: 'x@example' },
    ])
  })
})

describe('parseHistory', () => {
  it.each([null, '', 'nope', '{}', '[1, null, {"id": 3}]'])('never throws on %j', (raw) => {
    expect(parseHistory(raw)).toEqual([])
  })

  it('keeps well-formed attempts', () => {
    const a = attempt('a', 1, 'silver', {})
    expect(parseHistory(JSON.stringify([a, { broken: true }]))).toEqual([a])
  })
})

/** What an ID token of a real provider carries: the kept claims and personal ones. */
const FULL_ID_TOKEN = {
  acr: 'silver',
  amr: ['pwd', 'otp'],
  auth_time: 100,
  sid: 's-1',
  iss: 'http://idp',
  aud: 'c',
  azp: 'c',
  exp: 400,
  iat: 100,
  sub: '4f0c-uuid',
  name: 'Bob Example',
  given_name: 'Bob',
  family_name: 'Example',
  email: 'bob@example.com',
  email_verified: true,
  preferred_username: 'bob',
  nonce: 'n-1',
  jti: 'j-1',
  realm_access: { roles: ['admin'] },
}
const PERSONAL = ['4f0c-uuid', 'Bob', 'bob@example.com', 'bob', 'admin']

describe('keptClaims', () => {
  it('keeps only the allow-list', () => {
    expect(keptClaims(FULL_ID_TOKEN)).toEqual({
      acr: 'silver',
      amr: ['pwd', 'otp'],
      auth_time: 100,
      sid: 's-1',
      iss: 'http://idp',
      aud: 'c',
      azp: 'c',
      exp: 400,
      iat: 100,
    })
  })

  it.each<[string, unknown, (kept: JsonObject) => boolean]>([
    ['a 10,000-character iss', { iss: 'i'.repeat(10_000) }, (v) => (v.iss as string).length <= 512],
    [
      'an aud of 1,000 names',
      { aud: Array.from({ length: 1000 }, (_, i) => `a${i}`) },
      (v) => (v.aud as string[]).length === 20,
    ],
    [
      'an amr holding objects',
      { amr: [{ evil: 1 }, 'pwd'] },
      (v) => JSON.stringify(v.amr) === '["pwd"]',
    ],
    ['an acr that is an object', { acr: { nested: 'x' } }, (v) => !('acr' in v)],
    [
      'a __proto__ claim',
      JSON.parse('{"__proto__":{"polluted":1},"acr":"x"}'),
      (v) => JSON.stringify(v) === '{"acr":"x"}',
    ],
    ['no payload at all', null, (v) => JSON.stringify(v) === '{}'],
  ])('bounds %s', (_, payload, check) => {
    const kept = keptClaims(payload)
    expect(check(kept)).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('parseHistory keeps what the diff and the verdict need, for 12 hours', () => {
  const now = 1_000 * 60 * 60 * 24 * 365
  const at = (ageMs: number, extra: Record<string, unknown> = FULL_ID_TOKEN) =>
    attempt(`a${ageMs}`, now - ageMs, 'silver', extra)

  it('drops the personal claims an older version kept', () => {
    const raw = JSON.stringify([
      { ...at(0), outcome: { ...at(0).outcome, accessToken: FULL_ID_TOKEN } },
    ])
    const text = JSON.stringify(parseHistory(raw, now))
    for (const value of PERSONAL) expect(text).not.toContain(value)
    expect(text).toContain('"sid":"s-1"')
  })

  it.each<[string, number, number]>([
    ['a login a minute ago is kept', 60_000, 1],
    ['a login 11 hours 59 minutes ago is kept', HISTORY_MAX_AGE_MS - 60_000, 1],
    ['a login 12 hours and a minute ago is dropped', HISTORY_MAX_AGE_MS + 60_000, 0],
    ['a login a week ago is dropped', 7 * 24 * 3_600_000, 0],
  ])('%s', (_, age, kept) => {
    expect(parseHistory(JSON.stringify([at(age)]), now)).toHaveLength(kept)
  })

  it('keeps at most HISTORY_LIMIT attempts of a huge stored list', () => {
    const raw = JSON.stringify(Array.from({ length: 5000 }, (_, i) => at(i)))
    expect(parseHistory(raw, now)).toHaveLength(HISTORY_LIMIT)
  })
})

describe('seenSession', () => {
  const claims = '{"id_token":{"acr":{"essential":true,"values":["silver","gold"]}}}'
  it.each<[string, number, string | undefined]>([
    ['a note after the last login overrides its claims', 5, claims],
    ['a note before the session began is not of it', 0, undefined],
  ])('client notes (a session probe): %s', (_, at, expected) => {
    const login = attempt('a', 1, 'silver', { auth_time: 100, sid: 's' })
    const seen = seenSession([login], target, [{ target, at, claims }])
    expect(seen?.lastRequest).toEqual({
      acrValues: 'silver',
      ...(expected ? { claims: expected } : {}),
    })
  })

  it('a later login that sends claims wins over an older note; one without keeps it', () => {
    const first = attempt('a', 1, 'silver', { auth_time: 100, sid: 's' })
    const later = attempt('b', 10, 'bronze', { auth_time: 100, sid: 's' })
    later.request.claims = '{"id_token":{"acr":{"values":["bronze"]}}}'
    const note = { target, at: 5, claims }
    expect(seenSession([first, later], target, [note])?.lastRequest.claims).toBe(
      later.request.claims,
    )
    delete later.request.claims
    expect(seenSession([first, later], target, [note])?.lastRequest).toEqual({
      acrValues: 'bronze',
      claims,
    })
  })

  it('a login that recorded no level (brokered) leaves the levels out, its auth_time and request in', () => {
    const local = attempt('a', 1, 'silver', { auth_time: 100, sid: 's' })
    const brokered = attempt('b', 10, 'gold', { auth_time: 200, sid: 's' })
    const seen = seenSession([local, brokered], target, [], (a) => a.id !== 'b')
    expect(seen?.levelsAuthenticatedAt).toEqual({ 1: 100, 2: 100 })
    expect(seen?.loa).toBe(2)
    expect(seen?.authTime).toBe(200)
    expect(seen?.lastRequest.acrValues).toBe('gold')
    expect(seenSession([brokered], target, [], () => false)?.levelsAuthenticatedAt).toEqual({})
  })

  it('another client’s note is not this client’s', () => {
    const login = attempt('a', 1, 'silver', { auth_time: 100, sid: 's' })
    const other = { ...target, clientId: 'other' }
    expect(
      seenSession([login], target, [{ target: other, at: 5, claims }])?.lastRequest.claims,
    ).toBeUndefined()
  })

  it.each<[string, Partial<typeof target>, number | undefined, string | undefined]>([
    // change to the other login's target, the session's level, this client's last acr_values
    ['the same client', {}, 3, 'gold'],
    ['another client of the provider (one SSO session)', { clientId: 'other' }, 3, 'silver'],
    ['another provider', { issuer: 'http://other-idp' }, 2, 'silver'],
  ])('a later login at %s', (_, change, loa, acrValues) => {
    const mine = attempt('a', 1, 'silver', { auth_time: 100, sid: 's' })
    const other = { ...attempt('b', 2, 'gold', { auth_time: 110, sid: 's' }) }
    other.target = { ...target, ...change }
    const seen = seenSession([mine, other], target)
    expect(seen?.loa).toBe(loa)
    expect(seen?.lastRequest.acrValues).toBe(acrValues)
  })

  it.each<[string, string | null, number]>([
    ['nothing', null, 0],
    ['not JSON', '{', 0],
    [
      'one good, one damaged',
      JSON.stringify([
        { target, at: 1, claims },
        { target: 1, at: 'x' },
      ]),
      1,
    ],
  ])('parseClientNotes never throws: %s', (_, raw, count) => {
    expect(parseClientNotes(raw)).toHaveLength(count)
  })

  it('stays quick with a huge level (a hostile map or provider)', () => {
    const huge = attempt('h', 1, 'silver', { auth_time: 100, sid: 's' })
    if (huge.outcome?.kind === 'tokens') huge.outcome.loa = 2_000_000_000
    const started = performance.now()
    const seen = seenSession([huge], target)
    expect(performance.now() - started).toBeLessThan(50)
    expect(seen?.levelsAuthenticatedAt[2_000_000_000]).toBe(100)
    expect(seen?.levelsAuthenticatedAt[1]).toBe(100)
  })
})

describe('history store', () => {
  afterEach(() => vi.unstubAllGlobals())
  const useStore = (entries: Record<string, string> = {}) => {
    const storage = new MemoryStorage(entries)
    vi.stubGlobal('sessionStorage', storage)
    setActivePinia(createPinia())
    return { history: useHistoryStore(), storage }
  }
  const fresh = (id: string): Attempt => ({
    id,
    startedAt: Date.now(),
    target,
    request: { scope: 'openid', acrValues: 'silver' },
  })

  it('keeps no personal claim of a completed login, in memory or in storage', () => {
    const { history, storage } = useStore()
    history.add(fresh('a'))
    history.complete(fresh('a'), {
      kind: 'tokens',
      acr: 'silver',
      loa: 2,
      verdict: 'satisfied',
      idToken: FULL_ID_TOKEN,
      accessToken: FULL_ID_TOKEN,
    })
    const stored = storage.getItem(STORAGE_KEY_HISTORY) ?? ''
    for (const text of [stored, JSON.stringify(history.attempts)])
      for (const value of PERSONAL) expect(text).not.toContain(value)
    expect(history.attempts[0]?.outcome).toMatchObject({ idToken: { sid: 's-1', acr: 'silver' } })
  })

  it('drops expired attempts and personal claims from storage as it loads', () => {
    const old = { ...fresh('old'), startedAt: Date.now() - HISTORY_MAX_AGE_MS - 1 }
    const recent = attempt('new', Date.now(), 'silver', FULL_ID_TOKEN)
    const { history, storage } = useStore({
      [STORAGE_KEY_HISTORY]: JSON.stringify([recent, old]),
    })
    expect(history.attempts.map((a) => a.id)).toEqual(['new'])
    const stored = storage.getItem(STORAGE_KEY_HISTORY) ?? ''
    expect(stored).not.toContain('"old"')
    for (const value of PERSONAL) expect(stored).not.toContain(value)
  })

  it('clear empties memory and storage (Clear history, Forget everything, logout)', () => {
    const { history, storage } = useStore()
    history.add(fresh('a'))
    history.toggleSelected('a')
    history.clear()
    expect(history.attempts).toEqual([])
    expect(history.selected).toEqual([])
    expect(storage.getItem(STORAGE_KEY_HISTORY)).toBeNull()
  })
})
