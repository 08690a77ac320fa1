import { describe, expect, it } from 'vitest'

import { diffAttempts, parseHistory, type Attempt } from '@/lib/history'

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
