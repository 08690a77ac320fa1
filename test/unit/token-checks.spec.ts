import { describe, expect, it } from 'vitest'

import { checkClaims, type Expectations } from '@/lib/tokens/token-checks'

const NOW = 1_800_000_000
const ID: Expectations = {
  issuer: 'http://idp',
  clientId: 'web',
  nonce: 'n1',
  now: NOW,
  kind: 'id',
}
const good = {
  iss: 'http://idp',
  aud: 'web',
  exp: NOW + 300,
  iat: NOW - 5,
  nonce: 'n1',
  acr: 'gold',
}

function failed(payload: Record<string, unknown>, expected = ID) {
  return checkClaims(payload, expected)
    .filter((c) => !c.ok)
    .map((c) => c.name)
}

describe('checkClaims', () => {
  it('passes a good ID token', () => {
    expect(failed(good)).toEqual([])
  })

  it.each([
    ['another issuer', { iss: 'http://evil' }, ['iss']],
    ['another audience', { aud: 'other' }, ['aud']],
    ['several audiences without azp', { aud: ['web', 'api'] }, ['azp']],
    ['several audiences, azp this client', { aud: ['web', 'api'], azp: 'web' }, []],
    ['expired', { exp: NOW - 120 }, ['exp']],
    ['within the clock skew', { exp: NOW - 30 }, []],
    ['issued in the future', { iat: NOW + 600 }, ['iat']],
    ['a nonce from elsewhere', { nonce: 'n2' }, ['nonce']],
    ['no exp', { exp: undefined }, ['exp']],
  ])('fails %s', (_, change, names) => {
    expect(failed({ ...good, ...change })).toEqual(names)
  })

  it('does not check the nonce when the request sent none that is known', () => {
    expect(failed({ ...good, nonce: 'x' }, { ...ID, nonce: undefined })).toEqual([])
  })

  it('checks an access token by azp, not by audience', () => {
    const access: Expectations = { ...ID, kind: 'access', nonce: undefined }
    expect(
      failed({ iss: 'http://idp', aud: 'urn:api', azp: 'web', exp: NOW + 60, iat: NOW }, access),
    ).toEqual([])
    expect(
      failed({ iss: 'http://idp', aud: 'urn:api', azp: 'other', exp: NOW + 60, iat: NOW }, access),
    ).toEqual(['azp'])
  })

  describe("audience: 'informational' (a pasted token)", () => {
    const pasted: Expectations = { ...ID, nonce: undefined, audience: 'informational' }
    const infos = (payload: Record<string, unknown>, expected = pasted) =>
      checkClaims(payload, expected)
        .filter((c) => c.info)
        .map((c) => c.name)

    it.each([
      ['an ID token for another client', { aud: 'other' }, pasted, ['aud']],
      [
        'an ID token for several, azp another',
        { aud: ['x', 'y'], azp: 'x' },
        pasted,
        ['aud', 'azp'],
      ],
      [
        'an access token of another client',
        { aud: 'urn:api', azp: 'other' },
        { ...pasted, kind: 'access' as const },
        ['azp'],
      ],
      [
        'an access token with client_id only',
        { aud: 'urn:api', client_id: 'other' },
        { ...pasted, kind: 'access' as const },
        ['client_id'],
      ],
    ])('shows the audience of %s without failing it', (_, change, expected, names) => {
      const payload = { ...good, ...change }
      expect(failed(payload, expected)).toEqual([])
      expect(infos(payload, expected)).toEqual(names)
    })

    it('says when the audience is not this client, and that it is only information', () => {
      const aud = checkClaims({ ...good, aud: 'other' }, pasted).find((c) => c.name === 'aud')
      expect(aud).toMatchObject({ ok: true, info: true })
      expect(aud?.detail).toContain('does not name web')
      expect(aud?.detail).toContain('for information')
    })

    it('still fails what is not about the audience: issuer, expiry', () => {
      expect(failed({ ...good, iss: 'http://evil', exp: NOW - 600, aud: 'x' }, pasted)).toEqual([
        'iss',
        'exp',
      ])
    })

    it('is not the default: a login checks the audience', () => {
      expect(failed({ ...good, aud: 'other' }, { ...ID, audience: undefined })).toEqual(['aud'])
    })
  })
})
