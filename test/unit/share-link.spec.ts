import { describe, expect, it } from 'vitest'

import { defaultConfig, type PlaygroundConfig } from '@/lib/config'
import { decodeShareLink, encodeShareLink } from '@/lib/share-link'

const PAGE = 'https://tools.example.com/acr/'

function restored(config: PlaygroundConfig): PlaygroundConfig {
  const link = encodeShareLink(config, PAGE)
  const decoded = decodeShareLink(new URL(link).search)
  return { ...defaultConfig(), ...decoded?.patch }
}

describe('share link round trip', () => {
  it.each<[string, Partial<PlaygroundConfig>]>([
    ['the defaults', {}],
    [
      'a Keycloak essential request',
      {
        mode: 'keycloak',
        url: 'https://sso.example.com',
        realm: 'main',
        clientId: 'web',
        acrValues: ['gold'],
        sendAcrValues: false,
        claims: JSON.stringify(
          { id_token: { acr: { essential: true, values: ['gold'] } } },
          null,
          2,
        ),
        prompt: 'login',
        maxAge: 0,
        loginHint: 'bob@example.com',
        uiLocales: 'de en',
        kcIdpHint: 'saml-idp',
        scope: 'profile email',
        loaMap: { silver: 1, gold: 2 },
      },
    ],
    [
      'several acr_values in order',
      { acrValues: ['gold', 'silver', 'bronze'], sendAcrValues: true },
    ],
    [
      'both acr_values and claims',
      {
        acrValues: ['silver'],
        sendAcrValues: true,
        claims: JSON.stringify({ id_token: { acr: { values: ['silver'] } } }, null, 2),
      },
    ],
    ['text with characters to escape', { loginHint: 'a&b=c#d?e +f ü' }],
  ])('restores %s', (_, changes) => {
    const config = { ...defaultConfig(), ...changes }
    // The map is the same; the recipient sees that it came from a link.
    expect(restored(config)).toEqual({ ...config, loaMapSource: 'link' })
  })

  it('a link that names a provider describes the whole request: omitted fields are empty', () => {
    const decoded = decodeShareLink('?issuer=https://idp.example&client_id=web')
    expect({ ...defaultConfig(), ...decoded?.patch }).toMatchObject({
      issuer: 'https://idp.example',
      acrValues: [],
      claims: '',
      scope: '',
      loaMap: {},
      maxAge: null,
    })
  })

  it('a link that names no provider changes only what it carries', () => {
    expect(decodeShareLink('?max_age=5')?.patch).toEqual({ maxAge: 5 })
  })

  it('carries no map when none was set', () => {
    const link = encodeShareLink({ ...defaultConfig(), loaMap: {} }, PAGE)
    expect(new URL(link).searchParams.has('loa_map')).toBe(false)
  })

  it('never carries anything but configuration', () => {
    const link = new URL(encodeShareLink(defaultConfig(), `${PAGE}#state=abc&code=secret`))
    expect(link.hash).toBe('')
    expect([...link.searchParams.keys()].every((k) => !/token|code|state|secret/.test(k))).toBe(
      true,
    )
  })
})

describe('decodeShareLink', () => {
  it('returns null for a page opened without a link', () => {
    expect(decodeShareLink('')).toBeNull()
  })

  it.each([
    ['issuer=javascript:alert(1)', 'issuer', /http: or https:/],
    ['issuer=data:text/html,x', 'issuer', /http: or https:/],
    ['url=file:///etc/passwd&realm=x', 'url', /http: or https:/],
    ['issuer=https://user:pw@idp.example.com', 'issuer', /user name or password/],
    ['claims={"id_token":', 'claims', /Not JSON/],
    ['claims=[1]', 'claims', /JSON object/],
    ['max_age=-5', 'max_age', /whole number/],
    ['max_age=1.5', 'max_age', /whole number/],
    ['max_age=abc', 'max_age', /whole number/],
    ['prompt=sometimes', 'prompt', /unknown prompt value/],
    ['prompt=none login', 'prompt', /may not combine none/],
    ['loa_map={"gold":-1}', 'loa_map', /whole numbers/],
    ['loa_map=nope', 'loa_map', /not JSON/],
    ['acr_values=gold%22silver', 'acr_values', /characters OAuth does not allow/],
    ['client_id=', 'client_id', /empty/],
    ['realm=a/b&url=https://x.example', 'realm', /may not contain/],
    ['redirect_uri=https://evil.example/', 'redirect_uri', /always this page/],
    ['access_token=abc', 'access_token', /not a playground parameter/],
    ['scope=a&scope=b', 'scope', /more than once/],
    ['issuer=https://a.example&url=https://b.example', 'url', /either issuer/],
    ['ui_locales=en_US', 'ui_locales', /language tag/],
    ['login_hint=%00bob', 'login_hint', /control characters/],
  ])('rejects %s, naming %s', (search, param, reason) => {
    const decoded = decodeShareLink(`?${search}`)
    const rejection = decoded?.rejected.find((r) => r.param === param)
    expect(rejection?.reason).toMatch(reason)
    expect(decoded?.accepted).not.toContain(param)
  })

  it('rejects a bad parameter alone and keeps the good ones', () => {
    const decoded = decodeShareLink(
      '?issuer=javascript:alert(1)&client_id=web&max_age=-1&acr_values=gold%20silver',
    )
    expect(decoded?.patch).toEqual({
      clientId: 'web',
      acrValues: ['gold', 'silver'],
      sendAcrValues: true,
    })
    expect(decoded?.rejected.map((r) => r.param).sort()).toEqual(['issuer', 'max_age'])
  })

  it('takes the acr list from the claims request when the link has no acr_values', () => {
    const decoded = decodeShareLink(
      `?claims=${encodeURIComponent('{"id_token":{"acr":{"essential":true,"values":["gold"]}}}')}`,
    )
    expect(decoded?.patch.acrValues).toEqual(['gold'])
    expect(decoded?.patch.sendAcrValues).toBe(false)
  })

  it('keeps a claims request with a warning (value instead of values)', () => {
    const decoded = decodeShareLink(
      `?claims=${encodeURIComponent('{"id_token":{"acr":{"essential":true,"value":"gold"}}}')}`,
    )
    expect(decoded?.accepted).toContain('claims')
  })
})
