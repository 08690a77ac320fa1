import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/auth-request'
import { evaluate, type Verdict } from '@/lib/verdict'

const MAP = { bronze: 1, silver: 2, gold: 3 }
const essential = (values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })
const voluntary = (values: string[]) => JSON.stringify({ id_token: { acr: { values } } })

describe('evaluate: the verdict', () => {
  it.each<[string, AuthRequest, string | undefined, Verdict]>([
    ['nothing asked', { scope: 'openid' }, 'silver', 'not-requested'],
    ['acr_values met exactly', { scope: 'openid', acrValues: 'silver' }, 'silver', 'satisfied'],
    [
      'acr_values met by a higher level',
      { scope: 'openid', acrValues: 'silver' },
      'gold',
      'satisfied',
    ],
    ['acr_values downgraded', { scope: 'openid', acrValues: 'gold' }, 'bronze', 'downgraded'],
    [
      'several values, the lowest met',
      { scope: 'openid', acrValues: 'gold silver' },
      'silver',
      'satisfied',
    ],
    ['a numeric acr mapped by number', { scope: 'openid', acrValues: 'silver' }, '2', 'satisfied'],
    ['SSO reuse "0"', { scope: 'openid', acrValues: 'silver' }, '0', 'downgraded'],
    ['essential met', { scope: 'openid', claims: essential(['gold']) }, 'gold', 'satisfied'],
    [
      'essential unmet yet issued',
      { scope: 'openid', claims: essential(['gold']) },
      'silver',
      'essential-unmet',
    ],
    [
      'voluntary claims downgraded',
      { scope: 'openid', claims: voluntary(['gold']) },
      'silver',
      'downgraded',
    ],
    ['no acr claim', { scope: 'openid', acrValues: 'gold' }, undefined, 'no-acr'],
    [
      'an unmapped acr that was asked for',
      { scope: 'openid', acrValues: 'urn:x:loa:high' },
      'urn:x:loa:high',
      'satisfied',
    ],
    [
      'an unmapped acr not asked for',
      { scope: 'openid', acrValues: 'urn:x:loa:high' },
      'urn:x:loa:low',
      'downgraded',
    ],
    [
      'claims wins over acr_values',
      { scope: 'openid', acrValues: 'bronze', claims: essential(['gold']) },
      'bronze',
      'essential-unmet',
    ],
  ])('%s', (_, request, acr, verdict) => {
    const idToken = acr === undefined ? { sub: 'x' } : { sub: 'x', acr }
    expect(evaluate(request, idToken, MAP).verdict).toBe(verdict)
  })

  it('maps the received acr to its LoA', () => {
    const result = evaluate({ scope: 'openid', acrValues: 'silver gold' }, { acr: 'gold' }, MAP)
    expect(result).toMatchObject({ receivedAcr: 'gold', receivedLoa: 3, requestedLoa: 2 })
  })
})

describe('evaluate: hints', () => {
  it.each<[string, AuthRequest, Record<string, unknown>, string]>([
    ['acr "0" means SSO reuse', { scope: 'openid' }, { acr: '0' }, 'acr-zero'],
    ['acr "1" without a level request', { scope: 'openid' }, { acr: '1' }, 'acr-one'],
    ['no acr claim: the acr scope', { scope: 'openid' }, {}, 'no-acr-claim'],
    [
      'several acr_values: the lowest',
      { scope: 'openid', acrValues: 'gold silver' },
      { acr: 'silver' },
      'several-acr-values',
    ],
    [
      'both parameters',
      { scope: 'openid', acrValues: 'gold', claims: essential(['gold']) },
      { acr: 'gold' },
      'both-acr-and-claims',
    ],
    [
      'voluntary downgrade',
      { scope: 'openid', acrValues: 'gold' },
      { acr: 'silver' },
      'voluntary-downgrade',
    ],
    [
      'essential ignored',
      { scope: 'openid', claims: essential(['gold']) },
      { acr: 'silver' },
      'essential-ignored',
    ],
    ['unmapped acr', { scope: 'openid' }, { acr: 'urn:x' }, 'unmapped-acr'],
  ])('%s', (_, request, idToken, hint) => {
    expect(evaluate(request, idToken, MAP).hints.map((h) => h.id)).toContain(hint)
  })

  it('gives no hint for a clean satisfied login', () => {
    expect(
      evaluate({ scope: 'openid', acrValues: 'silver' }, { acr: 'silver' }, MAP).hints,
    ).toEqual([])
  })
})

describe('evaluate: SSO session reuse', () => {
  it('says so when auth_time is older than the login', () => {
    const hints = evaluate({ scope: 'openid' }, { acr: 'bronze', auth_time: 1000 }, MAP, 1060).hints
    expect(hints.map((h) => h.id)).toContain('sso-session')
  })
  it('stays quiet when the user authenticated during the login', () => {
    const hints = evaluate({ scope: 'openid' }, { acr: 'bronze', auth_time: 1061 }, MAP, 1060).hints
    expect(hints.map((h) => h.id)).not.toContain('sso-session')
  })
})
