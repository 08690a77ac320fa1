import { describe, expect, it } from 'vitest'

import {
  buildAuthRequest,
  requestedAcr,
  requestParams,
  scopeWithOpenid,
  toKeycloakLoginOptions,
  withClaimsParameter,
} from '@/lib/request/auth-request'
import { defaultConfig } from '@/lib/request/config'

describe('buildAuthRequest', () => {
  it('sends max_age=0, which means "authenticate now"', () => {
    const built = buildAuthRequest({ ...defaultConfig(), maxAge: 0 })
    expect(built.ok && requestParams(built.request)).toContainEqual(['max_age', '0'])
  })

  it('sends nothing that is empty', () => {
    const built = buildAuthRequest({ ...defaultConfig(), acrValues: [], scope: '' })
    expect(built.ok && requestParams(built.request)).toEqual([['scope', 'openid']])
  })

  it('keeps the order of acr_values', () => {
    const built = buildAuthRequest({ ...defaultConfig(), acrValues: ['gold', 'bronze'] })
    expect(built.ok && built.request.acrValues).toBe('gold bronze')
  })

  it('minifies the claims request', () => {
    const built = buildAuthRequest({
      ...defaultConfig(),
      claims: '{\n "id_token": {"acr": {"values": ["gold"]}}\n}',
    })
    expect(built.ok && built.request.claims).toBe('{"id_token":{"acr":{"values":["gold"]}}}')
  })

  it('refuses a claims request with an error, saying why', () => {
    const built = buildAuthRequest({
      ...defaultConfig(),
      claims: '{"id_token":{"acr":{"values":"gold"}}}',
    })
    expect(built.ok).toBe(false)
    expect(!built.ok && built.errors[0]).toMatch(/must be an array/)
  })
})

describe('scopeWithOpenid', () => {
  it.each([
    ['', 'openid'],
    ['profile', 'openid profile'],
    ['profile openid email', 'openid profile email'],
  ])('%j -> %j', (scope, expected) => expect(scopeWithOpenid(scope)).toBe(expected))
})

describe('requestedAcr', () => {
  it.each([
    [{ scope: 'openid' }, { values: [], essential: false, source: 'none' }],
    [
      { scope: 'openid', acrValues: 'a b' },
      { values: ['a', 'b'], essential: false, source: 'acr_values' },
    ],
    [
      {
        scope: 'openid',
        acrValues: 'a',
        claims: '{"id_token":{"acr":{"essential":true,"values":["g"]}}}',
      },
      { values: ['g'], essential: true, source: 'claims' },
    ],
    [
      { scope: 'openid', acrValues: 'a', claims: '{"id_token":{"acr":{"essential":true}}}' },
      { values: ['a'], essential: false, source: 'acr_values' },
    ],
  ])('%j', (request, expected) => expect(requestedAcr(request)).toEqual(expected))
})

describe('keycloak-js options and the exact claims parameter', () => {
  it('maps every parameter keycloak-js can express', () => {
    expect(
      toKeycloakLoginOptions(
        {
          scope: 'openid',
          acrValues: 'gold',
          prompt: 'login',
          maxAge: 0,
          loginHint: 'bob',
          uiLocales: 'de',
          kcIdpHint: 'idp',
        },
        'https://app.example/',
      ),
    ).toEqual({
      redirectUri: 'https://app.example/',
      scope: 'openid',
      acrValues: 'gold',
      prompt: 'login',
      maxAge: 0,
      loginHint: 'bob',
      locale: 'de',
      idpHint: 'idp',
    })
  })

  it('sets the claims parameter exactly, replacing what keycloak-js built', () => {
    const url = 'https://idp.example/auth?client_id=a&claims=%7B%7D&state=s'
    const claims = '{"userinfo":{"acr":null},"id_token":{"acr":{"values":["gold"]}}}'
    const result = new URL(withClaimsParameter(url, claims))
    expect(result.searchParams.get('claims')).toBe(claims)
    expect(result.searchParams.getAll('claims')).toHaveLength(1)
    expect(new URL(withClaimsParameter(url, undefined)).searchParams.has('claims')).toBe(false)
  })
})
