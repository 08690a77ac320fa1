import { describe, expect, it } from 'vitest'

import {
  addScopes,
  explainChallenge,
  parseWwwAuthenticate,
  readChallenge,
  type StepUpChallenge,
} from '@/lib/challenge'
import { defaultConfig } from '@/lib/config'
import { challengeConfig } from '@/lib/step-up'

describe('parseWwwAuthenticate', () => {
  it.each([
    ['Bearer', { scheme: 'Bearer', params: {} }],
    ['Bearer realm="api"', { scheme: 'Bearer', params: { realm: 'api' } }],
    [
      'WWW-Authenticate: Bearer error="insufficient_user_authentication", error_description="A, \\"b\\"", acr_values="gold silver", max_age=300',
      {
        scheme: 'Bearer',
        params: {
          error: 'insufficient_user_authentication',
          error_description: 'A, "b"',
          acr_values: 'gold silver',
          max_age: '300',
        },
      },
    ],
    ['Bearer ERROR=x,max_age=5', { scheme: 'Bearer', params: { error: 'x', max_age: '5' } }],
  ])('%s', (text, expected) =>
    expect(parseWwwAuthenticate(text)).toEqual({ ok: true, value: expected }),
  )

  it.each(['', '   ', '"Bearer"', 'Bearer error="unclosed', 'Bearer a=1, a=2'])(
    'refuses %j with a reason',
    (text) => {
      const parsed = parseWwwAuthenticate(text)
      expect(parsed.ok).toBe(false)
      expect(!parsed.ok && parsed.error.length).toBeGreaterThan(10)
    },
  )
})

describe('readChallenge', () => {
  it('reads an RFC 9470 challenge with acr_values and max_age', () => {
    expect(
      readChallenge(
        'Bearer error="insufficient_user_authentication", acr_values="gold", max_age=300',
      ),
    ).toEqual({
      ok: true,
      value: { kind: 'rfc9470', acrValues: ['gold'], maxAge: 300 },
    })
  })

  it('reads the max_age-only form', () => {
    expect(readChallenge('Bearer error="insufficient_user_authentication", max_age=5')).toEqual({
      ok: true,
      value: { kind: 'rfc9470', acrValues: [], maxAge: 5 },
    })
  })

  it('decodes an Entra claims challenge into readable JSON', () => {
    const claims = Buffer.from(
      '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}',
    ).toString('base64')
    const read = readChallenge(`Bearer realm="", error="insufficient_claims", claims="${claims}"`)
    expect(read.ok && read.value.kind === 'entra' && JSON.parse(read.value.claims)).toEqual({
      access_token: { acrs: { essential: true, value: 'c1' } },
    })
  })

  it.each([
    ['Basic realm="x"', /Bearer/],
    ['Bearer error="insufficient_user_authentication"', /at least one/],
    ['Bearer error="insufficient_user_authentication", max_age=-1', /whole seconds/],
    ['Bearer error="insufficient_claims", claims="%%%"', /base64/],
  ])('explains %s', (text, message) => {
    const read = readChallenge(text)
    expect(read.ok).toBe(false)
    expect(!read.ok && read.error).toMatch(message)
  })

  it.each([
    ['Bearer error="insufficient_scope", scope="reports"', { kind: 'scope', scopes: ['reports'] }],
    [
      'WWW-Authenticate: Bearer realm="api", error="insufficient_scope", scope="reports audit", error_description="needs reports"',
      { kind: 'scope', scopes: ['reports', 'audit'], errorDescription: 'needs reports' },
    ],
    ['Bearer error="insufficient_scope"', { kind: 'scope', scopes: [] }],
  ])('reads the RFC 6750 insufficient_scope challenge %s', (text, expected) => {
    expect(readChallenge(text)).toEqual({ ok: true, value: expected })
  })

  it('passes other Bearer errors through', () => {
    expect(readChallenge('Bearer error="invalid_token"')).toEqual({
      ok: true,
      value: { kind: 'other', error: 'invalid_token' },
    })
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
