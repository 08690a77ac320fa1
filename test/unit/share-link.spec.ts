import { describe, expect, it } from 'vitest'

import { defaultConfig, type PlaygroundConfig } from '@/lib/request/config'
import {
  decodeShareLink,
  encodeShareLink,
  shareLinkProblem,
  WHOLE_LINK,
  LINK_PARAMS,
} from '@/lib/request/share-link'
import { readStoredConfig, serializeConfig } from '@/lib/storage/stored-config'

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

/** A query string from parameters, encoded as a browser would. */
const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`
const mapOf = (entries: number, name = (i: number) => `acr${i}`) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: entries }, (_, i) => [name(i), 1])))
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`

describe('decodeShareLink refuses a link past its limits as a whole, decoding nothing', () => {
  it.each<[string, string, RegExp]>([
    ['a 1.1 MB link with a 60,000-name map', query({ loa_map: mapOf(60_000) }), /1\.\d MB long/],
    ['a link just over 16 KB', `?login_hint=${'x'.repeat(16 * 1024)}`, /at most 16384 characters/],
    ['10,000 parameters', `?${'a=1&'.repeat(10_000)}`, /at most 16384 characters/],
    ['41 parameters under 16 KB', `?${'a&'.repeat(41)}`, /41 parameters; .* at most 40/],
  ])('%s', (_, search, reason) => {
    const decoded = decodeShareLink(search)
    expect(decoded).toEqual({
      patch: {},
      accepted: [],
      rejected: [{ param: WHOLE_LINK, reason: expect.stringMatching(reason) }],
    })
  })

  it('refuses a 1.1 MB link at once', () => {
    const search = query({ loa_map: mapOf(60_000), client_id: 'web' })
    const started = performance.now()
    decodeShareLink(search)
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('decodeShareLink holds every parameter to its limit', () => {
  it('an accepted link is a configuration storage keeps as it is', () => {
    const claims = JSON.stringify({
      id_token: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`c${i}`, null])),
    })
    const decoded = decodeShareLink(query({ claims, acr_values: 'gold' }))
    expect(decoded?.accepted).toContain('claims')
    const config = { ...defaultConfig(), ...decoded?.patch }
    expect(readStoredConfig(serializeConfig(config)).problems).toEqual([])
  })

  it.each<[string, string, string, RegExp]>([
    [
      'a 2049-character url',
      query({ url: `https://x.example/${'a'.repeat(2031)}`, realm: 'r' }),
      'url',
      /url is longer than 2048 characters/,
    ],
    [
      'a 2049-character issuer',
      query({ issuer: `https://x.example/${'a'.repeat(2031)}` }),
      'issuer',
      /issuer is longer than 2048 characters/,
    ],
    [
      'a loa_map text over 8 KB',
      query({ loa_map: `{"a":1${' '.repeat(8200)}}` }),
      'loa_map',
      /loa_map is \d+ characters long; at most 8192/,
    ],
    [
      'a loa_map of 201 names',
      query({ loa_map: mapOf(201) }),
      'loa_map',
      /has 201 names; a map may have at most 200/,
    ],
    [
      'a loa_map name of 257 characters',
      query({ loa_map: `{"${'n'.repeat(257)}":1}` }),
      'loa_map',
      /names are at most 256/,
    ],
    [
      'a loa_map nesting 100 deep',
      query({ loa_map: deep(100) }),
      'loa_map',
      /nests deeper than 16 levels/,
    ],
    [
      'a loa_map __proto__ name',
      query({ loa_map: '{"__proto__":{"polluted":1}}' }),
      'loa_map',
      /may not use __proto__/,
    ],
    [
      'a loa_map constructor name',
      query({ loa_map: '{"constructor":1}' }),
      'loa_map',
      /may not use constructor/,
    ],
    ['a level past a Java int', query({ loa_map: '{"gold":1e300}' }), 'loa_map', /0 to 2147483647/],
    [
      'a level written with 400 digits',
      query({ loa_map: `{"gold":"${'9'.repeat(400)}"}` }),
      'loa_map',
      /0 to 2147483647/,
    ],
    [
      '51 acr_values',
      query({ acr_values: Array.from({ length: 51 }, (_, i) => `l${i}`).join(' ') }),
      'acr_values',
      /51 values; at most 50/,
    ],
    [
      'claims over 8192 characters',
      query({ claims: `{"id_token":{}${' '.repeat(8200)}}` }),
      'claims',
      /at most 8192 characters/,
    ],
    [
      'claims nesting 1000 deep',
      query({ claims: `{"id_token":${'['.repeat(1000)}${']'.repeat(1000)}}` }),
      'claims',
      /nests deeper than 16 levels/,
    ],
    [
      'a 2049-character login_hint',
      query({ login_hint: 'x'.repeat(2049) }),
      'login_hint',
      /longer than 2048/,
    ],
    [
      'a 2049-character client_id',
      query({ client_id: 'x'.repeat(2049) }),
      'client_id',
      /longer than 2048/,
    ],
    [
      'claims whose acr values hold a space',
      query({ claims: '{"id_token":{"acr":{"values":["a b"]}}}' }),
      'claims',
      /acr values hold a value with a space/,
    ],
    [
      'claims whose acr values hold a quote',
      query({ claims: '{"id_token":{"acr":{"values":["a\\"b"]}}}' }),
      'claims',
      /acr values have a value with characters OAuth does not allow/,
    ],
    [
      'claims with 51 acr values',
      query({
        claims: JSON.stringify({
          id_token: { acr: { values: Array.from({ length: 51 }, (_, i) => `l${i}`) } },
        }),
      }),
      'claims',
      /acr values have 51 values; at most 50/,
    ],
    [
      'claims that grow past 8192 characters once formatted',
      query({
        claims: JSON.stringify({
          id_token: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, null])),
        }),
      }),
      'claims',
      /\d+ characters long once formatted; at most 8192/,
    ],
  ])('rejects %s, naming the parameter and the limit', (_, search, param, reason) => {
    const decoded = decodeShareLink(search)
    const rejection = decoded?.rejected.find((r) => r.param === param)
    expect(rejection?.reason).toMatch(reason)
    expect(decoded?.accepted).not.toContain(param)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each<[string, string, string]>([
    ['a loa_map of 200 names', query({ loa_map: mapOf(200) }), 'loa_map'],
    [
      '50 acr_values',
      query({ acr_values: Array.from({ length: 50 }, (_, i) => `l${i}`).join(' ') }),
      'acr_values',
    ],
    ['a 2048-character login_hint', query({ login_hint: 'x'.repeat(2048) }), 'login_hint'],
    ['claims nesting 16 deep', query({ claims: `{"id_token":{"x":${deep(14)}}}` }), 'claims'],
  ])('accepts %s, just within the limit', (_, search, param) => {
    expect(decodeShareLink(search)?.accepted).toContain(param)
  })

  it('shortens a long parameter name and a long reason in the notice', () => {
    const decoded = decodeShareLink(
      query({ ['n'.repeat(10_000)]: '1', acr_values: `a ${'"'.repeat(2000)}` }),
    )
    expect(decoded?.rejected).toHaveLength(2)
    for (const r of decoded?.rejected ?? []) {
      expect(r.param.length).toBeLessThanOrEqual(64)
      expect(r.reason.length).toBeLessThanOrEqual(300)
    }
  })
})

describe('shareLinkProblem', () => {
  it.each<[string, Partial<PlaygroundConfig>, RegExp | null]>([
    ['the defaults', {}, null],
    [
      'a map of 200 long names',
      {
        loaMap: Object.fromEntries(
          Array.from({ length: 200 }, (_, i) => [`${'n'.repeat(200)}${i}`, 1]),
        ),
      },
      /at most 16384 characters/,
    ],
  ])('%s', (_, changes, problem) => {
    const link = encodeShareLink({ ...defaultConfig(), ...changes }, PAGE)
    const said = shareLinkProblem(link)
    if (problem === null) expect(said).toBeNull()
    else expect(said).toMatch(problem)
    // What it says is what opening the link would do.
    const refused = decodeShareLink(new URL(link).search)?.rejected[0]?.param === WHOLE_LINK
    expect(refused).toBe(problem !== null)
  })
})

describe('decodeShareLink reads every link parameter', () => {
  // One good value for each: a parameter the codec did not read would be refused as "not read".
  const GOOD: Record<(typeof LINK_PARAMS)[number], string> = {
    url: 'http://localhost:8080',
    realm: 'acr-playground',
    issuer: 'https://sso.example.com',
    client_id: 'app',
    dialect: 'keycloak',
    scope: 'email',
    acr_values: 'silver gold',
    claims: '{"id_token":{"acr":{"values":["gold"]}}}',
    prompt: 'login',
    max_age: '0',
    login_hint: 'alice',
    ui_locales: 'en de',
    kc_idp_hint: 'upstream',
    loa_map: '{"silver":1}',
  }
  it.each(LINK_PARAMS.map((name) => [name]))('%s', (name) => {
    const link = decodeShareLink(`?${new URLSearchParams({ [name]: GOOD[name] })}`)
    expect(link?.rejected).toEqual([])
    expect(link?.accepted).toEqual([name])
  })
})
