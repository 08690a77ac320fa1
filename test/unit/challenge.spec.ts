import { describe, expect, it } from 'vitest'

import { parseWwwAuthenticate, readChallenge } from '@/lib/challenge'
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

  it('passes other Bearer errors through', () => {
    expect(readChallenge('Bearer error="invalid_token"')).toEqual({
      ok: true,
      value: { kind: 'other', error: 'invalid_token' },
    })
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
