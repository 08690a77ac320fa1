import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import { acrValuesWithClaimsAdvice } from '@/lib/keycloak/keycloak-facts'
import { lintRequest } from '@/lib/request/request-lint'

const MAP = { bronze: 1, silver: 2, gold: 3 }
const META = {
  acr_values_supported: ['bronze', 'silver', 'gold'],
  claims_parameter_supported: true,
}

describe('lintRequest', () => {
  it.each<[string, AuthRequest, object | null, string]>([
    [
      'an acr the provider does not list',
      { scope: 'openid', acrValues: 'platinum' },
      META,
      'acr-not-supported',
    ],
    [
      'a claims request to a provider without it',
      { scope: 'openid', claims: '{"id_token":{"acr":{"values":["gold"]}}}' },
      { claims_parameter_supported: false },
      'claims-not-supported',
    ],
    [
      'several acr_values',
      { scope: 'openid', acrValues: 'gold silver' },
      META,
      'several-acr-values',
    ],
    [
      'both acr_values and claims.acr',
      {
        scope: 'openid',
        acrValues: 'gold',
        claims: '{"id_token":{"acr":{"essential":true,"values":["gold"]}}}',
      },
      META,
      'both-acr-and-claims',
    ],
    [
      'value instead of values',
      { scope: 'openid', claims: '{"id_token":{"acr":{"value":"gold"}}}' },
      META,
      'value-not-values',
    ],
    [
      'max_age with prompt=none',
      { scope: 'openid', prompt: 'none', maxAge: 0 },
      META,
      'max-age-with-prompt-none',
    ],
    [
      'an acr not in the LoA map',
      { scope: 'openid', acrValues: 'urn:x' },
      null,
      'acr-not-in-loa-map',
    ],
  ])('warns about %s', (_, request, metadata, id) => {
    expect(lintRequest(request, metadata, MAP).map((w) => w.id)).toContain(id)
  })

  it('says nothing about a clean request', () => {
    expect(lintRequest({ scope: 'openid', acrValues: 'silver' }, META, MAP)).toEqual([])
  })

  it('does not guess when the provider lists no acr_values_supported', () => {
    expect(lintRequest({ scope: 'openid', acrValues: 'silver' }, {}, MAP)).toEqual([])
  })

  it.each<[string, string, string]>([
    ['voluntary', '{"id_token":{"acr":{"values":["silver"]}}}', 'reads them together'],
    [
      'essential',
      '{"id_token":{"acr":{"essential":true,"values":["silver"]}}}',
      'reads only the essential values',
    ],
  ])(
    'both acr_values and a %s claims request: the advice the editor and the hints give too',
    (mode, claims, said) => {
      const warning = lintRequest({ scope: 'openid', acrValues: 'bronze', claims }, META, MAP).find(
        (w) => w.id === 'both-acr-and-claims',
      )
      expect(warning?.text).toBe(acrValuesWithClaimsAdvice(mode === 'essential'))
      expect(warning?.text).toContain(said)
    },
  )
})
