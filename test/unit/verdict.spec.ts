import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import { evaluate, type Verdict } from '@/lib/verdict/verdict'

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

describe('evaluate: what Keycloak reads', () => {
  it.each<[string, AuthRequest, string[], boolean, string]>([
    [
      'acr_values alone',
      { scope: 'openid', acrValues: 'gold silver' },
      ['gold', 'silver'],
      false,
      'acr_values',
    ],
    [
      'an essential claim wins over acr_values',
      { scope: 'openid', acrValues: 'bronze', claims: essential(['gold']) },
      ['gold'],
      true,
      'claims',
    ],
    [
      'acr_values and a voluntary claim together',
      {
        scope: 'openid',
        acrValues: 'bronze',
        claims: JSON.stringify({ id_token: { acr: { values: ['silver'] } } }),
      },
      ['bronze', 'silver'],
      false,
      'both',
    ],
  ])('%s', (_, request, values, isEssential, source) => {
    expect(evaluate(request, { acr: 'x' }, MAP).requested).toEqual({
      values,
      essential: isEssential,
      source,
    })
  })
})
