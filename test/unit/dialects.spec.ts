import { describe, expect, it } from 'vitest'

import { buildAuthRequest, type AuthRequest } from '@/lib/request/auth-request'
import { defaultConfig, emptyRequest, type PlaygroundConfig } from '@/lib/request/config'
import { PAPE_MULTI_FACTOR } from '@/lib/dialects/auth0'
import type { JsonObject } from '@/lib/request/claims-request'
import type { DialectRules } from '@/lib/dialects/types'
import {
  hostDialect,
  legacyDialect,
  loadDialectRules,
  parseDialectChoice,
  resolveDialect,
  type Dialect,
  type DialectChoice,
} from '@/lib/provider/provider'
import { decodeShareLink, encodeShareLink } from '@/lib/request/share-link'
import type { Verdict } from '@/lib/verdict/verdict'

const PAGE = 'https://tools.example.com/acr/'
const oidc = (issuer: string) => ({ mode: 'oidc' as const, issuer })

describe('hostDialect: the documented issuer hosts', () => {
  it.each<[string, Dialect | undefined]>([
    ['https://login.microsoftonline.com/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab/v2.0', 'entra'],
    ['https://sts.windows.net/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab/', 'entra'],
    ['https://contoso.ciamlogin.com/contoso.onmicrosoft.com/v2.0', 'entra'],
    ['https://dev-123456.okta.com/oauth2/default', 'okta'],
    ['https://acme.oktapreview.com', 'okta'],
    ['https://acme.okta-emea.com/oauth2/aus1', 'okta'],
    ['https://acme.us.auth0.com/', 'auth0'],
    ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI', 'cognito'],
    // look-alikes are not the provider
    ['https://okta.com.attacker.example/', undefined],
    ['https://login.microsoftonline.com.attacker.example/', undefined],
    ['https://auth0.com.evil.example/', undefined],
    ['https://cognito-idp.example.com/', undefined],
    ['http://localhost:9400/entra', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('%s → %s', (issuer, dialect) => {
    expect(hostDialect(issuer)).toBe(dialect)
  })
})

describe('resolveDialect: chosen, else read from the provider', () => {
  it.each<[string, DialectChoice, { mode: 'keycloak' | 'oidc'; issuer: string }, Dialect]>([
    ['Keycloak mode', 'auto', { mode: 'keycloak', issuer: '' }, 'keycloak'],
    ['a Keycloak-shaped issuer', 'auto', oidc('https://sso.example.com/realms/main'), 'keycloak'],
    ['an Entra host', 'auto', oidc('https://login.microsoftonline.com/t/v2.0'), 'entra'],
    ['any other host', 'auto', oidc('https://idp.example.com'), 'generic'],
    ['chosen by hand', 'okta', oidc('http://localhost:9400/okta'), 'okta'],
    ['chosen generic for Keycloak', 'generic', { mode: 'keycloak', issuer: '' }, 'generic'],
  ])('%s', (_, choice, target, dialect) => {
    expect(resolveDialect(choice, target)).toBe(dialect)
  })

  it.each<[unknown, boolean]>([
    ['auto', true],
    ['entra', true],
    ['cognito', true],
    ['Entra', false],
    ['pingam', false],
    ['', false],
    [null, false],
    [['entra'], false],
  ])('parseDialectChoice(%j) ok: %s', (value, valid) => {
    expect(parseDialectChoice(value).ok).toBe(valid)
  })
})

describe('share link: the dialect parameter', () => {
  const decode = (query: string) => decodeShareLink(query)

  it.each<[string, DialectChoice | undefined, string[]]>([
    // old links mean what they meant: Keycloak's rules for Keycloak, generic otherwise
    ['?issuer=https://login.microsoftonline.com/t/v2.0&client_id=a', 'generic', []],
    ['?url=https://sso.example.com&realm=main&client_id=a', 'auto', []],
    ['?issuer=https://idp.example.com&client_id=a', 'auto', []],
    ['?issuer=https://login.microsoftonline.com/t/v2.0&client_id=a&dialect=entra', 'entra', []],
    ['?issuer=http://localhost:9400/okta&client_id=a&dialect=okta', 'okta', []],
    // a link without a provider changes only what it carries
    ['?dialect=auth0', 'auth0', []],
    ['?issuer=https://idp.example.com&client_id=a&dialect=pingam', 'auto', ['dialect']],
    ['?issuer=https://idp.example.com&client_id=a&dialect=entra&dialect=okta', 'auto', ['dialect']],
  ])('%s → %s', (query, dialect, rejected) => {
    const link = decode(query)
    expect(link?.patch.dialect).toBe(dialect)
    expect(link?.rejected.map((r) => r.param)).toEqual(rejected)
  })

  it.each<[string, Partial<PlaygroundConfig>, string | null]>([
    ['the demo provider, auto', {}, null],
    ['Keycloak, auto', { mode: 'keycloak' }, null],
    ['an Entra host, auto', { issuer: 'https://login.microsoftonline.com/t/v2.0' }, 'entra'],
    ['the demo, Okta by hand', { issuer: 'http://localhost:9400/okta', dialect: 'okta' }, 'okta'],
    ['Keycloak, generic by hand', { mode: 'keycloak', dialect: 'generic' }, 'generic'],
  ])('a link for %s carries dialect=%s, and opens with that dialect', (_, changes, carried) => {
    const config = { ...defaultConfig(), ...changes }
    const link = new URL(encodeShareLink(config, PAGE))
    expect(link.searchParams.get('dialect')).toBe(carried)
    const opened = { ...defaultConfig(), ...decodeShareLink(link.search)?.patch }
    expect(resolveDialect(opened.dialect, opened)).toBe(resolveDialect(config.dialect, config))
  })

  it('legacyDialect is what every target meant before dialects', () => {
    expect(legacyDialect({ mode: 'keycloak', issuer: '' })).toBe('keycloak')
    expect(legacyDialect(oidc('https://login.microsoftonline.com/t/v2.0'))).toBe('generic')
  })
})

const ENTRA: PlaygroundConfig = {
  ...defaultConfig(),
  ...emptyRequest(),
  issuer: 'https://login.microsoftonline.com/t/v2.0',
  dialect: 'auto',
}

describe('Entra: the request it builds', async () => {
  const entra = await loadDialectRules('entra')
  const ask = entra.ask as NonNullable<DialectRules['ask']>
  const sent = (config: PlaygroundConfig) => {
    const built = buildAuthRequest(config)
    if (!built.ok) throw new Error(built.errors.join())
    return built.request
  }

  it('one context: access_token.acrs with value, essential, cp1 declared, no acr_values', () => {
    const request = sent(ask(ENTRA, ['c1']))
    expect(request.acrValues).toBeUndefined()
    expect(JSON.parse(request.claims ?? '')).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' }, xms_cc: { values: ['cp1'] } },
    })
  })

  it('several contexts: values; other members of the claims request are kept', () => {
    const typed = { ...ENTRA, claims: '{"id_token":{"email":null}}' }
    expect(JSON.parse(sent(ask(typed, ['c1', 'c2'])).claims ?? '')).toEqual({
      id_token: { email: null },
      access_token: {
        acrs: { essential: true, values: ['c1', 'c2'] },
        xms_cc: { values: ['cp1'] },
      },
    })
  })

  it('no context: acrs removed, the capability stays declared', () => {
    const asked = ask(ENTRA, ['c1'])
    expect(JSON.parse(sent(ask(asked, [])).claims ?? '')).toEqual({
      access_token: { xms_cc: { values: ['cp1'] } },
    })
  })

  it('a claims text with an error is left as typed', () => {
    const broken = { ...ENTRA, claims: '{"access_token":' }
    expect(ask(broken, ['c1']).claims).toBe('{"access_token":')
  })

  it("a challenge's claims are replayed with the access_token.acrs shape and cp1 merged", () => {
    const challenge = '{"access_token":{"acrs":{"essential":true,"value":"c2"}}}'
    const completed = entra.claimsText?.(challenge)
    expect(completed?.acrValues).toEqual(['c2'])
    expect(JSON.parse(completed?.claims ?? '')).toEqual({
      access_token: { acrs: { essential: true, value: 'c2' }, xms_cc: { values: ['cp1'] } },
    })
  })

  it("drops the hint that the ID token lacks acr: Entra's answer is in the access token", () => {
    expect(entra.keepsHint?.('no-acr-claim')).toBe(false)
    expect(entra.keepsHint?.('sso-reused')).toBe(true)
  })

  it('reads what a request asks where Entra reads it', () => {
    expect(entra.requested(sent(ask(ENTRA, ['c3'])))).toEqual({
      values: ['c3'],
      essential: true,
      source: 'claims',
    })
    expect(entra.requested({ scope: 'openid', acrValues: 'c1' })).toMatchObject({ values: [] })
  })
})

const request = (acrValues?: string, claims?: object): AuthRequest => ({
  scope: 'openid',
  ...(acrValues ? { acrValues } : {}),
  ...(claims ? { claims: JSON.stringify(claims) } : {}),
})
const entraAsk = (value: string) =>
  request(undefined, {
    access_token: { acrs: { essential: true, value }, xms_cc: { values: ['cp1'] } },
  })

describe.each<
  [Dialect, [string, AuthRequest, JsonObject, JsonObject | undefined, Verdict, string?][]]
>([
  [
    'entra',
    [
      [
        'acrs holds the context',
        entraAsk('c1'),
        {},
        { acrs: ['c1'] },
        'satisfied',
        'access_token.acrs',
      ],
      ['acrs holds it among others', entraAsk('c2'), {}, { acrs: ['c1', 'c2'] }, 'satisfied'],
      ['acrs lacks it', entraAsk('c2'), {}, { acrs: ['c1'] }, 'essential-unmet'],
      ['no acrs claim', entraAsk('c1'), { acr: '1' }, {}, 'no-acr'],
      ['no access token', entraAsk('c1'), {}, undefined, 'no-acr'],
      ['nothing asked', request(), {}, { acrs: ['c1'] }, 'not-requested'],
      ['acr_values is not how Entra asks', request('c1'), {}, { acrs: [] }, 'not-requested'],
    ],
  ],
  [
    'okta',
    [
      [
        '2fa asked and given',
        request('urn:okta:loa:2fa:any'),
        { acr: 'urn:okta:loa:2fa:any', amr: ['pwd', 'otp'] },
        undefined,
        'satisfied',
      ],
      [
        'Okta chose one of two',
        request('urn:okta:loa:2fa:any urn:okta:loa:1fa:any'),
        { acr: 'urn:okta:loa:1fa:any' },
        undefined,
        'satisfied',
      ],
      [
        'ifpossible fell back to one factor',
        request('urn:okta:loa:2fa:any:ifpossible'),
        { acr: 'urn:okta:loa:2fa:any:ifpossible', amr: ['pwd'] },
        undefined,
        'downgraded',
        'id_token.amr',
      ],
      [
        'ifpossible with two factors',
        request('urn:okta:loa:2fa:any:ifpossible'),
        { acr: 'urn:okta:loa:2fa:any:ifpossible', amr: ['pwd', 'otp'] },
        undefined,
        'satisfied',
      ],
      [
        'ifpossible with mfa',
        request('urn:okta:loa:2fa:any:ifpossible'),
        { acr: 'urn:okta:loa:2fa:any:ifpossible', amr: ['mfa', 'pwd'] },
        undefined,
        'satisfied',
      ],
      [
        'phr asked, 1fa given',
        request('phr'),
        { acr: 'urn:okta:loa:1fa:any' },
        undefined,
        'downgraded',
      ],
      ['no acr', request('phr'), {}, undefined, 'no-acr'],
    ],
  ],
  [
    'auth0',
    [
      [
        'amr contains mfa',
        request(PAPE_MULTI_FACTOR),
        { acr: PAPE_MULTI_FACTOR, amr: ['pwd', 'mfa'] },
        undefined,
        'satisfied',
        'id_token.amr',
      ],
      [
        'acr says the policy but amr lacks mfa',
        request(PAPE_MULTI_FACTOR),
        { acr: PAPE_MULTI_FACTOR, amr: ['pwd'] },
        undefined,
        'downgraded',
      ],
      [
        'essential, amr lacks mfa',
        request(undefined, { id_token: { acr: { essential: true, values: [PAPE_MULTI_FACTOR] } } }),
        { amr: ['pwd'] },
        undefined,
        'essential-unmet',
      ],
      ['no amr', request(PAPE_MULTI_FACTOR), { acr: PAPE_MULTI_FACTOR }, undefined, 'no-acr'],
      ['another value: read as acr', request('gold'), { acr: 'gold' }, undefined, 'satisfied'],
    ],
  ],
  [
    'cognito',
    [
      [
        'the level asked',
        request('urn:cognito:loa:2'),
        { acr: 'urn:cognito:loa:2' },
        undefined,
        'satisfied',
      ],
      [
        'a higher level, no map needed',
        request('urn:cognito:loa:2'),
        { acr: 'urn:cognito:loa:3' },
        undefined,
        'satisfied',
      ],
      [
        'a lower level',
        request('urn:cognito:loa:3'),
        { acr: 'urn:cognito:loa:1' },
        undefined,
        'downgraded',
      ],
      [
        'the lowest of an ordered list',
        request('urn:cognito:loa:3 urn:cognito:loa:2'),
        { acr: 'urn:cognito:loa:2' },
        undefined,
        'satisfied',
      ],
    ],
  ],
  [
    'keycloak',
    [
      [
        'the lowest of several runs',
        request('gold silver'),
        { acr: 'silver' },
        undefined,
        'satisfied',
      ],
      ['a voluntary downgrade', request('gold'), { acr: 'bronze' }, undefined, 'downgraded'],
    ],
  ],
])('%s: the verdict', async (dialect, cases) => {
  const rules = await loadDialectRules(dialect)
  const loaMap = { bronze: 1, silver: 2, gold: 3 }

  it.each(cases)('%s → %s', (_, asked, idToken, accessToken, verdict, where) => {
    const judged = rules.evaluate({ request: asked, idToken, accessToken, loaMap })
    expect(judged.verdict).toBe(verdict)
    expect(judged.rule).toMatch(/\w/)
    if (where) expect(judged.answer?.where).toBe(where)
  })

  it('says which rule it applied, naming the provider', () => {
    const judged = rules.evaluate({ request: request('x'), idToken: {}, accessToken: {}, loaMap })
    expect(judged.rule).toMatch(
      { entra: /Entra/, okta: /Okta/, auth0: /Auth0/, cognito: /Cognito/, keycloak: /Keycloak/ }[
        dialect as 'entra'
      ],
    )
  })
})
