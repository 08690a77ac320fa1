import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import {
  chooseKey,
  PASTED_KEY_MAX_CHARS,
  readPastedKey,
  type PastedKey,
} from '@/lib/tokens/pasted-key'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
const ed25519 = generateKeyPairSync('ed25519')
const x25519 = generateKeyPairSync('x25519')

const jwk = (key: typeof rsa.publicKey, extra: Record<string, unknown> = {}) => ({
  ...key.export({ format: 'jwk' }),
  ...extra,
})
const spki = (key: typeof rsa.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString()
const json = (value: unknown) => JSON.stringify(value, null, 2)

const RSA_JWK = jwk(rsa.publicKey, { kid: 'rsa-1', use: 'sig' })
const EC_JWK = jwk(p256.publicKey, { kid: 'ec-1' })
const JWKS = { keys: [RSA_JWK, EC_JWK, jwk(p384.publicKey, { kid: 'ec-2' })] }

// Self-signed, made with openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 (and rsa:2048).
const EC_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUc08nIch2mXbhjmVDVN+wGe6nUhwwCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTYWNyLXBsYXlncm91bmQgdGVzdDAgFw0yNjEyMDcwMzAwMzFa
GA8yMTI2MTExMzAzMDAzMVowHjEcMBoGA1UEAwwTYWNyLXBsYXlncm91bmQgdGVz
dDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABMRSPTxd/5samPZdvo8TTX+tzIpP
Z1ebbwGWWdQSHE4i8vS8LqxNkEu3v4fE1UxZEcc1VG2qPtBGBgO0rnJPrX+jUzBR
MB0GA1UdDgQWBBR/36YiSr7tUw641ZE4ZOXwLqW9WDAfBgNVHSMEGDAWgBR/36Yi
Sr7tUw641ZE4ZOXwLqW9WDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
MEUCIBGJKQ8+4+yOZIcckFz4EtRam1wGb1WwrNCNUspfvaAcAiEAnIGOoSUZDSFg
n30Jhqxz1NhClB2SfwM0S5HrJx6LOdc=
-----END CERTIFICATE-----`
const RSA_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDHzCCAgegAwIBAgIUGljSYXB1DooNPmUiGyX3W60Zrc8wDQYJKoZIhvcNAQEL
BQAwHjEcMBoGA1UEAwwTYWNyLXBsYXlncm91bmQgdGVzdDAgFw0yNjEyMDcwMzAw
MzdaGA8yMTI2MTExMzAzMDAzN1owHjEcMBoGA1UEAwwTYWNyLXBsYXlncm91bmQg
dGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJFX0H/8MluUuGOx
hHvH8xQSDFB1b35gwzPyDj1zHflysc9UmKrwXBEoYPOpsghaCH0jNOpEtx6MU0xo
C11zsklPWOu2RSiHmBva8aPJEnTxhgwiDuvuyTAua8I3+88mQYhv8u5HxkzGIlna
uhAcheQ5mnUIylgxNGJP1R9jQ1emZvfODyqjA7eDLRF9lo7leYEzss/6tLybFGV1
ZWqbl1Rs6gFi3LQvO4YDOzX83ISliUEpYFMkNVAGTiTAoWlPssILxLbk9Bj+kfp3
mXQosJnR2WMmwvl6FxsWnG3m3zrKSWb3wmFQhslRpwOHZl61hHq0nHKhH3PQFNZe
ihoTKI8CAwEAAaNTMFEwHQYDVR0OBBYEFEcm9JuwrMt4zSfxxmuw3CRM5RYMMB8G
A1UdIwQYMBaAFEcm9JuwrMt4zSfxxmuw3CRM5RYMMA8GA1UdEwEB/wQFMAMBAf8w
DQYJKoZIhvcNAQELBQADggEBADfZsc+6rcUAZhi1vaKgUbrdOegJUOGG+OA4kjuA
I0on28DCEBd/uJA5I6FkfJdS/NH8RkocSaZH4GaV2i9S4qaJI8CqlLQzi1mcfQfQ
hsC2dL8YDnln6k2qahDApqN4vu91V1ryjhq3ciYNBvydUIvg2Xkp8+buABCJbPVj
G2osNlBCWyHNviyLD1Q2Md1lvUI/MgfRfIe91Xs3CJQ25IwVNfFUBaIJVIHKnWg8
gepBl/HFWNL99RDAwAuecOmskSDXSxEawVUZXuzpkfYxcJv1oOVdLD5wZZmezIqd
c5N6IZPeVWsZv9CexwmCk6A0kOD1tf/Mpo9U6RD9eay4ODk=
-----END CERTIFICATE-----`

/** The pasted text, read and matched to a token with this header: the sentence the field shows. */
function choose(text: string, header: Record<string, unknown>) {
  const read = readPastedKey(text)
  if (!read?.ok) throw new Error(`not read: ${JSON.stringify(read)}`)
  return chooseKey(read.value, header)
}

describe('readPastedKey: the form of what was pasted', () => {
  it.each([
    ['a JWK', json(RSA_JWK), 'jwk'],
    ['a JWK on one line, with spaces around', `  ${JSON.stringify(EC_JWK)}\n`, 'jwk'],
    ['an OKP Ed25519 JWK', json(jwk(ed25519.publicKey)), 'jwk'],
    ['a secret as an oct JWK', json({ kty: 'oct', k: 'c2VjcmV0' }), 'jwk'],
    ['a JWKS', json(JWKS), 'jwks'],
    ['a PEM public key (SPKI, RSA)', spki(rsa.publicKey), 'spki'],
    ['a PEM public key (SPKI, EC P-256)', spki(p256.publicKey), 'spki'],
    ['a PEM public key (SPKI, Ed25519)', spki(ed25519.publicKey), 'spki'],
    ['a PEM public key with CRLF line ends', spki(rsa.publicKey).replace(/\n/g, '\r\n'), 'spki'],
    ['a PEM certificate (X.509, EC)', EC_CERTIFICATE, 'x509'],
    ['a PEM certificate (X.509, RSA)', RSA_CERTIFICATE, 'x509'],
    ['a certificate chain', `${EC_CERTIFICATE}\n${RSA_CERTIFICATE}`, 'x509'],
    ['a shared secret', 'my-client-secret-of-32-characters', 'secret'],
    ['a shared secret with spaces inside', 'correct horse battery staple', 'secret'],
  ])('reads %s', (_, text, form) => {
    const read = readPastedKey(text)
    expect(read?.ok && read.value.form).toBe(form)
  })

  it.each([
    ['nothing', ''],
    ['spaces and line breaks', '  \n\t '],
  ])('reads %s as no key: the provider keys are used', (_, text) => {
    expect(readPastedKey(text)).toBeNull()
  })

  it.each([
    ['an RSA SPKI', spki(rsa.publicKey), { kty: 'RSA' }],
    ['an EC P-384 SPKI', spki(p384.publicKey), { kty: 'EC', crv: 'P-384' }],
    ['an Ed25519 SPKI', spki(ed25519.publicKey), { kty: 'OKP', crv: 'Ed25519' }],
    ['an EC certificate', EC_CERTIFICATE, { kty: 'EC', crv: 'P-256' }],
    ['an RSA certificate', RSA_CERTIFICATE, { kty: 'RSA' }],
  ])('finds the key type inside %s', (_, text, keyType) => {
    const read = readPastedKey(text)
    expect(read?.ok && 'keyType' in read.value && read.value.keyType).toEqual(keyType)
  })

  it('keeps the secret exactly as typed, inside its surrounding spaces', () => {
    const read = readPastedKey('  s3cret with inner  spaces \n')
    expect(read?.ok && read.value).toEqual({ form: 'secret', secret: 's3cret with inner  spaces' })
  })
})

describe('readPastedKey: hostile and wrong input, refused with the reason', () => {
  const privateRsa = jwk(rsa.privateKey, { kid: 'rsa-1' })
  it.each([
    ['a private JWK', json(privateRsa), /This JWK \(kid "rsa-1"\) is a private key \(it has "d"/],
    ['a private EC JWK', json(jwk(p256.privateKey)), /private key \(it has "d"\).*without "d"/],
    [
      'a JWKS holding a private key',
      json({ keys: [RSA_JWK, jwk(p256.privateKey, { kid: 'ec-1' })] }),
      /Key 2 of this JWKS \(kid "ec-1"\) is a private key/,
    ],
    [
      'a private PEM (PKCS#8)',
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      /private key \(BEGIN PRIVATE KEY\): refused, a public key is enough/,
    ],
    [
      'a private PEM (PKCS#1)',
      rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      /BEGIN RSA PRIVATE KEY/,
    ],
    [
      'a private key after a certificate',
      `${EC_CERTIFICATE}\n${p256.privateKey.export({ type: 'sec1', format: 'pem' }).toString()}`,
      /BEGIN EC PRIVATE KEY/,
    ],
    ['an encrypted private key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB', /private key/],
  ])('refuses %s, and says a public key is enough', (_, text, reason) => {
    const read = readPastedKey(text)
    expect(read?.ok).toBe(false)
    expect(!read?.ok && read?.error).toMatchObject({ privateKey: true })
    expect(!read?.ok && read?.error.reason).toMatch(reason)
    expect(!read?.ok && read?.error.reason).toContain('It was not kept')
  })

  const nested = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`
  const deepJwk = `{"kty":"RSA","x":${'['.repeat(5000)}${']'.repeat(5000)}}`
  it.each([
    ['huge text', 'x'.repeat(PASTED_KEY_MAX_CHARS + 1), /characters long|KB long/],
    ['a huge JWKS', json({ keys: Array(2000).fill(RSA_JWK) }), /long; a key, a JWKS/],
    ['deeply nested JSON', nested, /nests deeper than 16 levels/],
    ['deeply nested lists inside a JWK', deepJwk, /nests deeper than 16 levels/],
    ['broken JSON', '{"kty":"RSA",', /^Not JSON: /],
    ['a JSON list', '[{"kty":"RSA"}]', /a JSON list/],
    ['JSON that is not a key', '{"hello":"world"}', /has no "kty"/],
    ['an empty JWKS', '{"keys":[]}', /This JWKS has no keys/],
    ['a JWKS whose keys is not a list', '{"keys":{"kty":"RSA"}}', /not a list of JWKs/],
    [
      'a JWKS with a string for a key',
      '{"keys":["abc"]}',
      /Key 1 of this JWKS is not a JSON object/,
    ],
    ['an RSA JWK without n', '{"kty":"RSA","e":"AQAB"}', /without "n" and "e"/],
    ['an EC JWK without crv', '{"kty":"EC","x":"abc","y":"def"}', /without "crv"/],
    ['an unknown kty', '{"kty":"DSA"}', /kty "DSA"/],
    ['a JWK with alg none', json({ ...RSA_JWK, alg: 'none' }), /alg "none"/],
    [
      'a PEM cut off',
      spki(rsa.publicKey).split('-----END')[0] ?? '',
      /no "-----END PUBLIC KEY-----"/,
    ],
    [
      'a PEM whose body is not base64',
      '-----BEGIN PUBLIC KEY-----\nnot*base64!\n-----END PUBLIC KEY-----',
      /is not base64/,
    ],
    [
      'a PEM cut short inside',
      spki(rsa.publicKey).replace(/\n[A-Za-z0-9+/]{64}\n/, '\n'),
      /malformed: its content is cut short or damaged/,
    ],
    [
      'a PEM of random bytes',
      `-----BEGIN PUBLIC KEY-----\n${Buffer.from('garbage, garbage').toString('base64')}\n-----END PUBLIC KEY-----`,
      /malformed/,
    ],
    [
      'a certificate in a PUBLIC KEY envelope',
      EC_CERTIFICATE.replace(/CERTIFICATE/g, 'PUBLIC KEY'),
      /malformed/,
    ],
    [
      'mixed labels',
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END CERTIFICATE-----',
      /begins "PUBLIC KEY" but ends "CERTIFICATE"/,
    ],
    [
      'a PKCS#1 RSA public key',
      rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      /PKCS#1 .*openssl rsa -RSAPublicKey_in -pubout/,
    ],
    ['an X25519 key', spki(x25519.publicKey), /X25519 key, for key agreement/],
    [
      'a certificate request',
      '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
      /holds no key/,
    ],
    ['an OpenSSH public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG user@host', /OpenSSH/],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.sig', /a JWT, not a key/],
    ['several lines of text', 'line one\nline two', /one line: this has line breaks/],
  ])('refuses %s', (_, text, reason) => {
    const read = readPastedKey(text)
    expect(read?.ok).toBe(false)
    expect(!read?.ok && read?.error.reason).toMatch(reason)
    expect(!read?.ok && read?.error.privateKey).toBeUndefined()
  })
})

describe('chooseKey: the key for the token, by kid and alg', () => {
  it.each([
    [
      'a JWK for its alg',
      json(RSA_JWK),
      { alg: 'RS256', kid: 'rsa-1' },
      'JWK (kid "rsa-1"), RSA (RS256)',
    ],
    [
      'a JWK without kid, for a token with one',
      json(jwk(p256.publicKey)),
      { alg: 'ES256', kid: 'k' },
      'JWK, EC P-256 (ES256)',
    ],
    ['an RSA JWK for PS256', json(RSA_JWK), { alg: 'PS256' }, 'JWK (kid "rsa-1"), RSA (PS256)'],
    [
      'an Ed25519 JWK for EdDSA',
      json(jwk(ed25519.publicKey)),
      { alg: 'EdDSA' },
      'JWK, OKP Ed25519 (EdDSA)',
    ],
    [
      'a JWKS, by kid',
      json(JWKS),
      { alg: 'ES384', kid: 'ec-2' },
      'JWKS with 3 keys: used kid ec-2 (ES384)',
    ],
    [
      'a JWKS, by kid, RSA',
      json(JWKS),
      { alg: 'RS256', kid: 'rsa-1' },
      'JWKS with 3 keys: used kid rsa-1 (RS256)',
    ],
    [
      'a JWKS, by alg when the token names no kid',
      json(JWKS),
      { alg: 'ES256' },
      'JWKS with 3 keys: the token names no kid, used the one ES256 key (kid "ec-1")',
    ],
    [
      'a JWKS with two keys for the alg and no kid',
      json({ keys: [RSA_JWK, jwk(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)] }),
      { alg: 'RS256' },
      'JWKS with 2 keys: the token names no kid, each of the 2 RS256 keys is tried',
    ],
    [
      'a PEM public key',
      spki(rsa.publicKey),
      { alg: 'RS256' },
      'PEM public key (SPKI, RSA) for RS256',
    ],
    [
      'a PEM certificate',
      EC_CERTIFICATE,
      { alg: 'ES256' },
      'PEM certificate (X.509, EC P-256) for ES256',
    ],
    [
      'the leaf of a chain',
      `${EC_CERTIFICATE}\n${RSA_CERTIFICATE}`,
      { alg: 'ES256' },
      "PEM certificate (X.509, EC P-256, the first of 2 PEM blocks (a chain's leaf comes first)) for ES256",
    ],
    [
      'a secret',
      'a-secret-of-thirty-two-bytes-at-least!',
      { alg: 'HS256' },
      'secret (HS256), 38 bytes',
    ],
    [
      'a short secret',
      'short',
      { alg: 'HS512' },
      'secret (HS512), 5 bytes; shorter than the 64 bytes RFC 7518 §3.2 asks for',
    ],
    ['an oct JWK', json({ kty: 'oct', k: 'c2VjcmV0' }), { alg: 'HS384' }, 'JWK, oct (HS384)'],
  ])('picks %s', (_, text, header, describe) => {
    const chosen = choose(text, header)
    expect(chosen.ok && chosen.value.describe).toBe(describe)
    expect(chosen.ok && chosen.value.alg).toBe(header.alg)
  })

  it('picks, from a JWKS, the one key with the token kid', () => {
    const chosen = choose(json(JWKS), { alg: 'RS256', kid: 'rsa-1' })
    expect(chosen.ok && chosen.value.form === 'jwk' && chosen.value.jwks).toEqual([RSA_JWK])
  })

  it.each([
    [
      'an RSA JWK for an ES256 token',
      json(RSA_JWK),
      { alg: 'ES256' },
      /is an RSA key, which checks RS256, .*PS512; the token is ES256/,
    ],
    [
      'an EC P-256 JWK for ES384',
      json(EC_JWK),
      { alg: 'ES384' },
      /EC P-256 key, which checks ES256; the token is ES384/,
    ],
    [
      'a JWK with another alg',
      json({ ...RSA_JWK, alg: 'RS512' }),
      { alg: 'RS256' },
      /for RS512 \(its alg\), and the token is RS256/,
    ],
    [
      'an encryption key',
      json({ ...RSA_JWK, use: 'enc' }),
      { alg: 'RS256' },
      /for encryption \(use "enc"\)/,
    ],
    [
      'a JWK with another kid',
      json(RSA_JWK),
      { alg: 'RS256', kid: 'other' },
      /kid is "rsa-1", the token's is "other"/,
    ],
    [
      'a JWKS without the kid',
      json(JWKS),
      { alg: 'RS256', kid: 'gone' },
      /No key in this JWKS with 3 keys has the token's kid "gone"; its kids: "rsa-1", "ec-1", "ec-2"/,
    ],
    [
      'a JWKS with the kid for another alg',
      json(JWKS),
      { alg: 'RS256', kid: 'ec-1' },
      /the key with kid "ec-1" is an EC P-256 key/,
    ],
    [
      'a JWKS with no key for the alg',
      json(JWKS),
      { alg: 'EdDSA' },
      /No key in this JWKS with 3 keys checks EdDSA: RSA, EC P-256, EC P-384/,
    ],
    [
      'a PEM RSA key for ES256',
      spki(rsa.publicKey),
      { alg: 'ES256' },
      /PEM public key \(SPKI\) is an RSA key.*the token is ES256/,
    ],
    [
      'an EC certificate for RS256',
      EC_CERTIFICATE,
      { alg: 'RS256' },
      /PEM certificate \(X.509\) is an EC P-256 key/,
    ],
    [
      'a secret for an RS256 token',
      'my-secret',
      { alg: 'RS256' },
      /A shared secret checks HS256, HS384 and HS512 signatures; this token is RS256/,
    ],
    [
      'an oct JWK for RS256',
      json({ kty: 'oct', k: 'c2VjcmV0' }),
      { alg: 'RS256' },
      /a shared secret, which checks HS256/,
    ],
    [
      'an RSA key for an HS256 token',
      spki(rsa.publicKey),
      { alg: 'HS256' },
      /RSA key.*the token is HS256/,
    ],
    ['any key for alg none', json(RSA_JWK), { alg: 'none' }, /alg is "none": it has no signature/],
    ['a secret for alg none', 'my-secret', { alg: 'none' }, /alg is "none"/],
    ['any key for a token without alg', json(RSA_JWK), {}, /names no algorithm/],
  ])('refuses %s', (_, text, header, reason) => {
    const chosen = choose(text, header)
    expect(!chosen.ok && chosen.error).toMatch(reason)
  })
})

describe('chooseKey reads what readPastedKey gives', () => {
  it('never throws on any form', () => {
    const forms: PastedKey[] = [
      { form: 'jwks', keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', kid: 7 }] },
      { form: 'secret', secret: 'x' },
    ]
    for (const key of forms)
      for (const header of [{}, { alg: 1 }, { alg: 'RS256', kid: 1 }, { alg: 'HS256' }])
        expect(() => chooseKey(key, header)).not.toThrow()
  })
})
