import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import { toKeycloakLoginOptions } from '@/lib/request/auth-request'
import { keycloakJsSnippet, tokenExchangeCurl } from '@/lib/request/snippets'

const TARGET = {
  mode: 'keycloak' as const,
  url: 'http://localhost:8080',
  realm: 'acr-playground',
  issuer: '',
  clientId: 'web',
}
const REDIRECT = 'http://localhost:5173/'

/** The object literal passed to a call in the snippet, read back as JSON. */
function argumentOf(snippet: string, call: string): unknown {
  const start = snippet.indexOf(`${call}(`) + call.length + 1
  const end = snippet.indexOf(')\n', start)
  return JSON.parse(snippet.slice(start, end))
}

describe('keycloakJsSnippet', () => {
  it.each<[string, AuthRequest]>([
    [
      'acr_values and every option',
      {
        scope: 'openid profile',
        acrValues: 'gold silver',
        prompt: 'login',
        maxAge: 0,
        loginHint: 'bob',
        uiLocales: 'de',
        kcIdpHint: 'saml',
      },
    ],
    ['the bare request', { scope: 'openid' }],
  ])('login options are the request model exactly: %s', (_, request) => {
    const snippet = keycloakJsSnippet(request, TARGET, REDIRECT)
    expect(argumentOf(snippet, 'keycloak.login')).toEqual(toKeycloakLoginOptions(request, REDIRECT))
    expect(argumentOf(snippet, 'new Keycloak')).toEqual({
      url: 'http://localhost:8080',
      realm: 'acr-playground',
      clientId: 'web',
    })
  })

  it('sends an id_token.acr-only claims request through the acr option', () => {
    const claims = '{"id_token":{"acr":{"essential":true,"values":["gold"]}}}'
    const options = argumentOf(
      keycloakJsSnippet({ scope: 'openid', claims }, TARGET, REDIRECT),
      'keycloak.login',
    )
    expect(options).toEqual({
      ...toKeycloakLoginOptions({ scope: 'openid' }, REDIRECT),
      acr: { essential: true, values: ['gold'] },
    })
    // what keycloak-js then sends as claims is exactly the request's claims
    expect(JSON.stringify({ id_token: { acr: (options as { acr: unknown }).acr } })).toBe(claims)
  })

  it('says when keycloak-js cannot send the claims request', () => {
    const claims = '{"userinfo":{"acr":null},"id_token":{"acr":{"values":["gold"]}}}'
    const snippet = keycloakJsSnippet({ scope: 'openid', claims }, TARGET, REDIRECT)
    expect(snippet).toContain('keycloak-js cannot send this claims request')
    expect(argumentOf(snippet, 'keycloak.login')).not.toHaveProperty('acr')
  })

  it('uses oidcProvider for a generic issuer', () => {
    const snippet = keycloakJsSnippet(
      { scope: 'openid' },
      { ...TARGET, mode: 'oidc', issuer: 'http://localhost:9400' },
      REDIRECT,
    )
    expect(argumentOf(snippet, 'new Keycloak')).toEqual({
      oidcProvider: 'http://localhost:9400',
      clientId: 'web',
    })
  })
})

describe('tokenExchangeCurl', () => {
  it('posts the code with PKCE to the token endpoint, quoted for the shell', () => {
    const curl = tokenExchangeCurl("http://idp/token?x='y'", 'web', REDIRECT)
    expect(curl).toContain(`curl -X POST 'http://idp/token?x='\\''y'\\'''`)
    for (const field of [
      'grant_type=authorization_code',
      'client_id=web',
      `redirect_uri=${REDIRECT}`,
      'code=',
      'code_verifier=',
    ]) {
      expect(curl).toContain(`--data-urlencode '${field}`)
    }
  })
})
