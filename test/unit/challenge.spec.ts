import { describe, expect, it } from 'vitest'

import {
  addScopes,
  challengeRequest,
  explainChallenge,
  MAX_CHALLENGE_CHARS,
  parseChallenges,
  parseWwwAuthenticate,
  readChallenge,
  type AuthParams,
  type NextRequest,
  type StepUpChallenge,
} from '@/lib/session/challenge'
import { defaultConfig } from '@/lib/request/config'
import { challengeConfig } from '@/lib/keycloak/step-up'

const c = (
  scheme: string,
  params: Record<string, string> = {},
  more: Partial<AuthParams> = {},
) => ({
  scheme,
  params,
  ...more,
})

// Microsoft's claims-challenge page, https://learn.microsoft.com/entra/identity-platform/claims-challenge
const ENTRA_C1 = 'eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19'
const ENTRA_CP1 = 'eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ=='
// Continuous access evaluation: {"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}
const ENTRA_CAE =
  'eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0='
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('parseChallenges', () => {
  // RFC 9110 section 11.6.1 and RFC 6750/9470/9449 examples, then vectors in the spirit of
  // panva/oauth4webapi's test/www_authenticate.test.ts (themselves from Julian Reschke's tests).
  it.each<[string, string, AuthParams[]]>([
    [
      'RFC 9110 11.6.1: two challenges over a folded line, one with an escaped quote',
      'Basic realm="simple", Newauth realm="apps",\r\n                 type=1, title="Login to \\"apps\\""',
      [
        c('Basic', { realm: 'simple' }),
        c('Newauth', { realm: 'apps', type: '1', title: 'Login to "apps"' }),
      ],
    ],
    [
      'a line folded right after the scheme (obs-fold, RFC 9112 5.2)',
      'Bearer\r\n realm="a",\r\n\terror="b"',
      [c('Bearer', { realm: 'a', error: 'b' })],
    ],
    ['RFC 6750 3: realm only', 'Bearer realm="example"', [c('Bearer', { realm: 'example' })]],
    [
      'RFC 6750 3: an expired token',
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      [
        c('Bearer', {
          realm: 'example',
          error: 'invalid_token',
          error_description: 'The access token expired',
        }),
      ],
    ],
    [
      'RFC 6750 3: a scope with "=", "&" and "," inside quotes',
      'Bearer error="insufficient_scope", scope="urn:example:channel=HBO&urn:example:rating=G,PG-13"',
      [
        c('Bearer', {
          error: 'insufficient_scope',
          scope: 'urn:example:channel=HBO&urn:example:rating=G,PG-13',
        }),
      ],
    ],
    [
      'RFC 9470 3: acr_values',
      'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"',
      [
        c('Bearer', {
          error: 'insufficient_user_authentication',
          error_description: 'A different authentication level is required',
          acr_values: 'myACR',
        }),
      ],
    ],
    [
      'RFC 9470 3: max_age as a quoted string',
      'Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"',
      [
        c('Bearer', {
          error: 'insufficient_user_authentication',
          error_description: 'More recent authentication is required',
          max_age: '5',
        }),
      ],
    ],
    [
      'RFC 9449 7.1: a DPoP challenge',
      'DPoP error="invalid_dpop_proof", error_description="Invalid DPoP key binding", algs="ES256"',
      [
        c('DPoP', {
          error: 'invalid_dpop_proof',
          error_description: 'Invalid DPoP key binding',
          algs: 'ES256',
        }),
      ],
    ],
    [
      'Bearer and DPoP in one header',
      'Bearer realm="api", DPoP algs="ES256 PS256"',
      [c('Bearer', { realm: 'api' }), c('DPoP', { algs: 'ES256 PS256' })],
    ],
    [
      'a pasted prefix',
      'WWW-Authenticate: Bearer ERROR=x,max_age=5',
      [c('Bearer', { error: 'x', max_age: '5' })],
    ],
    [
      'Entra docs write "www-authenticate =Bearer", with an empty realm',
      `www-authenticate =Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${ENTRA_CP1}"`,
      [
        c('Bearer', {
          realm: '',
          authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
          error: 'insufficient_claims',
          claims: ENTRA_CP1,
        }),
      ],
    ],
    [
      'curl -i output: the WWW-Authenticate lines, combined',
      'HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nWWW-Authenticate: Bearer realm="a"\r\nwww-authenticate: DPoP algs="ES256"\r\n',
      [c('Bearer', { realm: 'a' }), c('DPoP', { algs: 'ES256' })],
    ],
    ['a scheme alone', 'Scheme', [c('Scheme')]],
    ['two schemes without parameters', 'Scheme, DPoP', [c('Scheme'), c('DPoP')]],
    [
      'a scheme without parameters, then one with',
      'Scheme, DPoP algs="ES256"',
      [c('Scheme'), c('DPoP', { algs: 'ES256' })],
    ],
    [
      'case: scheme kept as written, names lowercased',
      'SCHEME REALM="Foo"',
      [c('SCHEME', { realm: 'Foo' })],
    ],
    ['a token value', 'Scheme realm=foo', [c('Scheme', { realm: 'foo' })]],
    [
      'single quotes are token characters, not quotes',
      "Scheme realm='foo'",
      [c('Scheme', { realm: "'foo'" })],
    ],
    [
      'a %-escape is not special',
      'Scheme realm="foo%20bar"',
      [c('Scheme', { realm: 'foo%20bar' })],
    ],
    [
      'an empty element between scheme and parameter',
      'Scheme , realm="foo"',
      [c('Scheme', { realm: 'foo' })],
    ],
    ['BWS around =', 'Scheme realm = "foo"', [c('Scheme', { realm: 'foo' })]],
    ['escaped quotes', 'Scheme realm="\\"foo\\""', [c('Scheme', { realm: '"foo"' })]],
    [
      'an escaped backslash',
      'Bearer error_description="bad \\\\ token"',
      [c('Bearer', { error_description: 'bad \\ token' })],
    ],
    [
      'any character may be escaped',
      'Bearer error_description="\\a\\b\\,"',
      [c('Bearer', { error_description: 'ab,' })],
    ],
    ['an empty quoted string', 'Bearer realm=""', [c('Bearer', { realm: '' })]],
    [
      'empty list elements',
      'Scheme realm="foo", bar="xyz",, a=b,,,c=d',
      [c('Scheme', { realm: 'foo', bar: 'xyz', a: 'b', c: 'd' })],
    ],
    ['a leading comma', ',Bearer realm="foo"', [c('Bearer', { realm: 'foo' })]],
    ['a trailing comma', 'Bearer realm="foo",', [c('Bearer', { realm: 'foo' })]],
    ['only commas after the scheme', 'Bearer , , ,', [c('Bearer')]],
    [
      'weird spacing and commas',
      'Bearer   realm =   "something"   ,error="bad_token" ,  error_description = " spaced "',
      [c('Bearer', { realm: 'something', error: 'bad_token', error_description: ' spaced ' })],
    ],
    ['a tab after the scheme', 'Bearer\trealm="a"', [c('Bearer', { realm: 'a' })]],
    [
      '"realm=" inside a quoted value',
      'Scheme foo="realm=nottherealm", realm="basic"',
      [c('Scheme', { foo: 'realm=nottherealm', realm: 'basic' })],
    ],
    [
      'three challenges, each with a quoted parameter',
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Scheme realm="simple" ',
      [
        c('Newauth', { realm: 'apps', type: '1', title: 'Login to "apps"' }),
        c('Scheme', { realm: 'simple' }),
      ],
    ],
    [
      'token68 without padding',
      'NTLS Y2hhbGxlbmdlIHdpdGggYmFzZTY0IGRhdGEgd2l0aG91dCBlcXVhbCBzaWdu',
      [c('NTLS', {}, { token68: 'Y2hhbGxlbmdlIHdpdGggYmFzZTY0IGRhdGEgd2l0aG91dCBlcXVhbCBzaWdu' })],
    ],
    [
      'token68 with padding, then another challenge',
      'Negotiate abc123==, Basic realm="test"',
      [c('Negotiate', {}, { token68: 'abc123==' }), c('Basic', { realm: 'test' })],
    ],
    [
      'token68 with "/" and "+" between two challenges',
      'Bearer realm="foo", Digest bl/a+h==, Basic realm="bar"',
      [
        c('Bearer', { realm: 'foo' }),
        c('Digest', {}, { token68: 'bl/a+h==' }),
        c('Basic', { realm: 'bar' }),
      ],
    ],
    [
      '"name=" without a value is a token68',
      'Bearer error=',
      [c('Bearer', {}, { token68: 'error=' })],
    ],
    [
      'a repeated name: the first value, and the name flagged',
      'Bearer error="a", ERROR="b", error="c"',
      [c('Bearer', { error: 'a' }, { duplicates: ['error'] })],
    ],
    [
      'names that are Object.prototype members are plain names',
      'Bearer __proto__="x", constructor=y, toString=z',
      [
        c(
          'Bearer',
          Object.fromEntries([
            ['__proto__', 'x'],
            ['constructor', 'y'],
            ['tostring', 'z'],
          ]),
        ),
      ],
    ],
    [
      'non-ASCII text in a quoted string',
      'Bearer error_description="Zoë ✓"',
      [c('Bearer', { error_description: 'Zoë ✓' })],
    ],
  ])('%s', (_, text, expected) => {
    expect(parseChallenges(text)).toEqual({ ok: true, value: expected })
  })

  it.each<[string, string, RegExp]>([
    ['empty', '', /Paste a WWW-Authenticate value/],
    ['blank', ' \t\r\n ', /Paste a WWW-Authenticate value/],
    ['commas only', ', ,', /Paste a WWW-Authenticate value/],
    ['a quoted scheme', '"Bearer"', /auth scheme/],
    [
      'a parameter without a scheme',
      'error="invalid_token"',
      /error= is a parameter outside any challenge/,
    ],
    [
      'a comma (not a space) after the scheme',
      'Scheme, realm="foo"',
      /realm= is a parameter outside/,
    ],
    [
      'a parameter after a token68',
      'Negotiate abc123==, realm="ignored"',
      /realm= is a parameter outside/,
    ],
    ['an unterminated quote', 'Bearer realm="basic', /not closed/],
    ['a closing quote that is escaped', 'Bearer error="bad\\escape\\"', /not closed/],
    ['a backslash at the very end', 'Bearer realm="a\\', /not closed/],
    ['a backslash in a token value', 'Scheme realm=\\f\\o\\o', /realm has no value/],
    ['junk after a parameter', 'Bearer error="ok", ???', /Expected a parameter/],
    ['junk after a token68', 'Negotiate abc== ???', /no value|Expected/],
    ['no "=" between name and value', 'Bearer error"invalid_token"', /Expected name=value/],
    [
      'two parameters without a comma',
      'Bearer realm="a" error="b"',
      /Expected a comma after the value of realm/,
    ],
    ['a value with a space', 'Bearer realm=a b', /Expected a comma/],
    ['no space after the scheme', 'Bearer"x"', /Expected a space after the auth scheme Bearer/],
    ['NUL inside quotes', 'Bearer realm="a\u0000b"', /U\+0000/],
    ['DEL', 'Bearer realm="a"\u007f', /U\+007F/],
    ['ESC', 'Bearer \u001b[31mrealm="a"', /U\+001B/],
    ['over the size bound', `Bearer realm="${'a'.repeat(MAX_CHALLENGE_CHARS)}"`, /past 16384/],
  ])('refuses %s, saying why', (_, text, message) => {
    const parsed = parseChallenges(text)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.error).toMatch(message)
  })

  it.each([
    ['backslashes', '\\'.repeat(MAX_CHALLENGE_CHARS)],
    ['quotes', '"'.repeat(MAX_CHALLENGE_CHARS)],
    ['commas', ','.repeat(MAX_CHALLENGE_CHARS)],
    ['equals signs', `Bearer ${'='.repeat(MAX_CHALLENGE_CHARS - 7)}`],
    ['an unterminated quote', `Bearer a="${'\\"'.repeat(8000)}`],
    ['thousands of parameters', `Bearer ${'a=b, '.repeat(3000)}`],
    ['thousands of challenges', 'Basic, '.repeat(2000)],
    ['a lone surrogate', 'Bearer realm="\ud800", \udc00'],
    ['a line separator', 'Bearer realm="a"\u2028error="b"'],
  ])('never throws and answers at once for %s', (_, text) => {
    const started = performance.now()
    expect(() => parseChallenges(text)).not.toThrow()
    expect(() => readChallenge(text)).not.toThrow()
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('parseWwwAuthenticate', () => {
  it('gives the first challenge of several', () => {
    expect(parseWwwAuthenticate('Basic realm="x", Bearer error="e"')).toEqual({
      ok: true,
      value: { scheme: 'Basic', params: { realm: 'x' } },
    })
  })

  it('passes on the reason a header is refused', () => {
    expect(parseWwwAuthenticate('Bearer error="unclosed')).toMatchObject({ ok: false })
  })
})

describe('readChallenge', () => {
  it.each<[string, string, StepUpChallenge]>([
    [
      'RFC 9470: acr_values and max_age',
      'Bearer error="insufficient_user_authentication", acr_values="gold", max_age=300',
      { kind: 'rfc9470', acrValues: ['gold'], maxAge: 300 },
    ],
    [
      'RFC 9470: max_age alone',
      'Bearer error="insufficient_user_authentication", max_age=5',
      { kind: 'rfc9470', acrValues: [], maxAge: 5 },
    ],
    [
      'RFC 9470 3, first example',
      'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"',
      {
        kind: 'rfc9470',
        acrValues: ['myACR'],
        errorDescription: 'A different authentication level is required',
      },
    ],
    [
      'RFC 9470 3, second example (quoted max_age)',
      'Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"',
      {
        kind: 'rfc9470',
        acrValues: [],
        maxAge: 5,
        errorDescription: 'More recent authentication is required',
      },
    ],
    [
      'RFC 9470: several levels, in order of preference',
      'Bearer error="insufficient_user_authentication", acr_values="gold  silver"',
      { kind: 'rfc9470', acrValues: ['gold', 'silver'] },
    ],
    [
      'RFC 9470: max_age 0 (authenticate now)',
      'Bearer error="insufficient_user_authentication", max_age=0',
      { kind: 'rfc9470', acrValues: [], maxAge: 0 },
    ],
    [
      'the Bearer challenge of several, whatever its place',
      'Basic realm="x", DPoP algs="ES256", Bearer error="insufficient_user_authentication", acr_values="gold"',
      { kind: 'rfc9470', acrValues: ['gold'] },
    ],
    [
      'the Bearer challenge that carries an error',
      'Bearer realm="api", Bearer error="insufficient_user_authentication", max_age=60',
      { kind: 'rfc9470', acrValues: [], maxAge: 60 },
    ],
    [
      'a DPoP challenge (RFC 9449)',
      'DPoP algs="ES256", error="insufficient_user_authentication", acr_values="gold"',
      { kind: 'rfc9470', acrValues: ['gold'] },
    ],
    [
      'scheme and names in any case',
      'bearer ERROR="insufficient_user_authentication", Acr_Values="gold"',
      { kind: 'rfc9470', acrValues: ['gold'] },
    ],
    [
      'RFC 6750 insufficient_scope',
      'Bearer error="insufficient_scope", scope="reports"',
      { kind: 'scope', scopes: ['reports'] },
    ],
    [
      'RFC 6750 insufficient_scope with realm and description',
      'WWW-Authenticate: Bearer realm="api", error="insufficient_scope", scope="reports audit", error_description="needs reports"',
      { kind: 'scope', scopes: ['reports', 'audit'], errorDescription: 'needs reports' },
    ],
    [
      'RFC 6750 insufficient_scope naming none',
      'Bearer error="insufficient_scope"',
      { kind: 'scope', scopes: [] },
    ],
    [
      'RFC 6750 invalid_token is no step-up',
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      { kind: 'other', error: 'invalid_token', errorDescription: 'The access token expired' },
    ],
    ['RFC 6750 3: a challenge without an error', 'Bearer realm="example"', { kind: 'other' }],
    [
      'Entra: authentication context c1 (Microsoft docs)',
      `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${ENTRA_C1}"`,
      {
        kind: 'entra',
        claims: JSON.stringify(
          { access_token: { acrs: { essential: true, value: 'c1' } } },
          null,
          2,
        ),
        acrs: ['c1'],
      },
    ],
    [
      'Entra: padded base64 (Microsoft docs)',
      `www-authenticate =Bearer realm="", authorization_uri="", error="insufficient_claims", claims="${ENTRA_CP1}"`,
      {
        kind: 'entra',
        claims: JSON.stringify(
          { access_token: { acrs: { essential: true, value: 'cp1' } } },
          null,
          2,
        ),
        acrs: ['cp1'],
      },
    ],
    [
      'Entra: continuous access evaluation (nbf, no context)',
      `Bearer authorization_uri="https://login.windows.net/common/oauth2/authorize", error="insufficient_claims", claims="${ENTRA_CAE}"`,
      {
        kind: 'entra',
        claims: JSON.stringify(
          { access_token: { nbf: { essential: true, value: '1604106651' } } },
          null,
          2,
        ),
      },
    ],
    [
      'Entra: base64url and several contexts',
      `Bearer error="insufficient_claims", claims="${b64url({ access_token: { acrs: { essential: true, values: ['c1', 'c2'] } } })}"`,
      {
        kind: 'entra',
        claims: JSON.stringify(
          { access_token: { acrs: { essential: true, values: ['c1', 'c2'] } } },
          null,
          2,
        ),
        acrs: ['c1', 'c2'],
      },
    ],
    [
      'Entra: claims as JSON text, escaped in the quoted string',
      'Bearer error="insufficient_claims", claims="{\\"access_token\\":{\\"acrs\\":{\\"essential\\":true,\\"value\\":\\"c3\\"}}}", error_description="step up"',
      {
        kind: 'entra',
        claims: JSON.stringify(
          { access_token: { acrs: { essential: true, value: 'c3' } } },
          null,
          2,
        ),
        acrs: ['c3'],
        errorDescription: 'step up',
      },
    ],
    [
      'draft-mcguinness-oauth-insufficient-claims: required_claims',
      'Bearer error="insufficient_claims", required_claims="email email_verified email"',
      {
        kind: 'claims',
        requiredClaims: ['email', 'email_verified'],
        claims: JSON.stringify(
          { id_token: { email: { essential: true }, email_verified: { essential: true } } },
          null,
          2,
        ),
      },
    ],
  ])('reads %s', (_, text, expected) => {
    expect(readChallenge(text)).toEqual({ ok: true, value: expected })
  })

  it.each<[string, string, RegExp]>([
    ['a Basic challenge', 'Basic realm="x"', /Bearer/],
    ['Basic and Negotiate', 'Basic realm="x", Negotiate abc=', /Basic and Negotiate/],
    ['an unreadable header', 'Bearer error="unclosed', /not closed/],
    [
      'RFC 9470 without acr_values or max_age',
      'Bearer error="insufficient_user_authentication"',
      /at least one/,
    ],
    [
      'a negative max_age',
      'Bearer error="insufficient_user_authentication", max_age=-1',
      /whole seconds/,
    ],
    [
      'a fractional max_age',
      'Bearer error="insufficient_user_authentication", max_age=1.5',
      /whole seconds/,
    ],
    [
      'a max_age past 2^53',
      'Bearer error="insufficient_user_authentication", max_age=99999999999999999999',
      /whole seconds/,
    ],
    [
      'acr_values given twice',
      'Bearer error="insufficient_user_authentication", acr_values="bronze", acr_values="gold"',
      /acr_values is given twice/,
    ],
    ['claims that are not base64', 'Bearer error="insufficient_claims", claims="%%%"', /base64/],
    [
      'claims that are not JSON',
      `Bearer error="insufficient_claims", claims="${Buffer.from('nope').toString('base64')}"`,
      /not JSON/,
    ],
    [
      'claims that are a JSON array',
      `Bearer error="insufficient_claims", claims="${b64url([])}"`,
      /not an object/,
    ],
    ['empty claims', 'Bearer error="insufficient_claims", claims=""', /not JSON/],
    [
      'insufficient_claims naming nothing',
      'Bearer error="insufficient_claims"',
      /does not say which claims/,
    ],
    [
      'an empty required_claims',
      'Bearer error="insufficient_claims", required_claims=" "',
      /required_claims is empty/,
    ],
  ])('refuses %s, saying why', (_, text, message) => {
    const read = readChallenge(text)
    expect(read.ok).toBe(false)
    expect(!read.ok && read.error).toMatch(message)
  })
})

describe('challengeRequest', () => {
  it.each<[string, StepUpChallenge, NextRequest]>([
    [
      'levels and an age',
      { kind: 'rfc9470', acrValues: ['gold'], maxAge: 60 },
      { acrValues: ['gold'], maxAge: 60 },
    ],
    ['an age alone', { kind: 'rfc9470', acrValues: [], maxAge: 0 }, { maxAge: 0 }],
    ['scopes', { kind: 'scope', scopes: ['reports'] }, { scopes: ['reports'] }],
    ['no scope named', { kind: 'scope', scopes: [] }, {}],
    [
      'an Entra claims request',
      { kind: 'entra', claims: '{"access_token":{}}' },
      { claims: '{"access_token":{}}' },
    ],
    [
      'required claims',
      { kind: 'claims', requiredClaims: ['email'], claims: '{"id_token":{}}' },
      { claims: '{"id_token":{}}' },
    ],
    ['nothing for another error', { kind: 'other', error: 'invalid_token' }, {}],
  ])('%s', (_, challenge, expected) => {
    expect(challengeRequest(challenge)).toEqual(expected)
  })
})

describe('explainChallenge', () => {
  it.each<[string, StepUpChallenge, RegExp[]]>([
    [
      'an authentication step-up',
      { kind: 'rfc9470', acrValues: ['gold'], maxAge: 60 },
      [/gold \(acr_values\)/, /no older than 60 s/, /401 insufficient_user_authentication/],
    ],
    [
      'a scope step-up naming its scope',
      { kind: 'scope', scopes: ['reports'] },
      [/lacks scope reports: log in again asking for that scope/, /403 insufficient_scope/],
    ],
    [
      'a scope step-up naming none',
      { kind: 'scope', scopes: [] },
      [/does not say which/, /403 insufficient_scope/],
    ],
    ['an Entra claims challenge', { kind: 'entra', claims: '{}' }, [/claims request/]],
    [
      'an Entra authentication context',
      { kind: 'entra', claims: '{}', acrs: ['c1'] },
      [/authentication context c1 \(acrs\)/],
    ],
    [
      'missing claims',
      { kind: 'claims', requiredClaims: ['email', 'address'], claims: '{}' },
      [/lacks email, address \(required_claims\)/, /essential/],
    ],
    ['another error', { kind: 'other', error: 'invalid_token' }, [/not a step-up/]],
  ])('explains %s', (_, challenge, patterns) => {
    const text = explainChallenge(challenge)
    for (const pattern of patterns) expect(text).toMatch(pattern)
  })

  it('tells the two kinds apart', () => {
    const auth = explainChallenge({ kind: 'rfc9470', acrValues: ['silver'] })
    const scope = explainChallenge({ kind: 'scope', scopes: ['reports'] })
    expect(auth).not.toMatch(/insufficient_scope/)
    expect(scope).not.toMatch(/insufficient_user_authentication/)
  })
})

describe('addScopes', () => {
  it.each([
    ['', ['reports'], 'reports'],
    ['profile', ['reports'], 'profile reports'],
    ['profile  reports', ['reports'], 'profile reports'],
    [' profile ', ['reports', 'audit', 'reports'], 'profile reports audit'],
  ])('%j + %j -> %j', (configured, added, expected) => {
    expect(addScopes(configured, added)).toBe(expected)
  })
})

describe('challengeConfig', () => {
  it('asks for the challenge acr_values and max_age, without prompt', () => {
    const next = challengeConfig(
      { ...defaultConfig(), prompt: 'login', acrValues: ['bronze'] },
      { acrValues: ['gold'], maxAge: 300 },
    )
    expect(next).toMatchObject({
      acrValues: ['gold'],
      sendAcrValues: true,
      maxAge: 300,
      prompt: '',
    })
  })
  it('keeps the level list for a max_age-only challenge', () => {
    const next = challengeConfig(
      { ...defaultConfig(), acrValues: ['silver'] },
      { acrValues: [], maxAge: 5 },
    )
    expect(next).toMatchObject({ acrValues: ['silver'], maxAge: 5 })
  })
})
