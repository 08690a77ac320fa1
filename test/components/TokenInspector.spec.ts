import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  SignJWT,
  type CryptoKey as JoseKey,
} from 'jose'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import TokenInspector from '@/components/TokenInspector.vue'
import { useConfigStore } from '@/stores/config'
import { useProviderStore } from '@/stores/provider'
import { discoveryMetadata } from '../fixtures/provider'

const verifyToken = vi.hoisted(() => vi.fn())
// The provider's JWKS is mocked; a pasted key is checked for real, with jose.
vi.mock('@/services/verify', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/services/verify')>()),
  verifyToken,
}))

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const NOW = Math.floor(Date.now() / 1000)
const payload = { iss: 'http://idp', aud: 'api', azp: 'other', acr: 'gold', exp: NOW + 600 }
const TOKEN = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.c2lnbmF0dXJl`
const METADATA = discoveryMetadata('http://idp', { jwks_uri: 'http://idp/jwks' })

async function paste(text: string) {
  const wrapper = mount(TokenInspector)
  await wrapper.get('[data-testid="token-paste"]').setValue(text)
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
  verifyToken.mockReset()
})

describe('TokenInspector', () => {
  it('decodes a pasted token at once: header, payload, coloured raw parts', async () => {
    const wrapper = await paste(TOKEN)
    const pasted = wrapper.get('[data-testid="pasted-token"]')
    expect(pasted.get('[data-testid="pasted-token-header"] [data-param="kid"]').text()).toContain(
      '"k1"',
    )
    expect(pasted.get('[data-claim="acr"]').attributes('data-highlight')).toBe('true')
    expect(pasted.get('[data-testid="pasted-token-raw"]').text()).toBe(TOKEN)
    expect(pasted.findAll('[data-part]')).toHaveLength(3)
  })

  it('reads a token after "Bearer " and surrounding whitespace, and says what it left out', async () => {
    const wrapper = await paste(`\n  Bearer ${TOKEN}\n`)
    expect(wrapper.get('[data-testid="pasted-token-raw"]').text()).toBe(TOKEN)
    expect(wrapper.get('[data-testid="token-paste-removed"]').text()).toContain('"Bearer" prefix')
    expect(wrapper.find('[data-testid="token-paste-error"]').exists()).toBe(false)
  })

  it('explains bad input in plain words, naming the part, and shows no token', async () => {
    const wrapper = await paste(`${TOKEN.split('.')[0]}.not+base64.sig`)
    expect(wrapper.get('[data-testid="token-paste-error"]').text()).toContain(
      'The payload (part 2, between the dots) has "+" at character 4',
    )
    const field = wrapper.get('[data-testid="token-paste"]')
    const errorId = wrapper.get('[data-testid="token-paste-error"]').attributes('id')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(field.attributes('aria-errormessage')).toBe(errorId)
    expect(field.attributes('aria-describedby')).toContain(errorId)
    expect(wrapper.find('[data-testid="pasted-token"]').exists()).toBe(false)
  })

  it('without a connected provider: unverified, and says why', async () => {
    const wrapper = await paste(TOKEN)
    const pasted = wrapper.get('[data-testid="pasted-token"]')
    expect(pasted.attributes('data-status')).toBe('unverified')
    expect(pasted.get('[data-testid="pasted-token-verification"]').text()).toContain(
      'no provider is connected',
    )
    expect(verifyToken).not.toHaveBeenCalled()
  })

  it("verifies against the connected provider's keys: its issuer, any audience", async () => {
    useProviderStore().metadata = METADATA
    useConfigStore().patch({ clientId: 'web' })
    verifyToken.mockResolvedValue({ status: 'valid', checks: [] })
    const wrapper = await settled(await paste(TOKEN))
    expect(wrapper.get('[data-testid="pasted-token"]').attributes('data-status')).toBe('valid')
    expect(verifyToken).toHaveBeenCalledWith(TOKEN, payload, 'http://idp/jwks', {
      issuer: 'http://idp',
      clientId: 'web',
      now: expect.any(Number),
      kind: 'id',
      audience: 'informational',
    })
  })

  it('marks an unsigned token (alg none) invalid without asking for keys', async () => {
    useProviderStore().metadata = METADATA
    const wrapper = await paste(`${b64({ alg: 'none' })}.${b64(payload)}.`)
    expect(wrapper.get('[data-testid="pasted-token"]').attributes('data-status')).toBe('invalid')
    expect(wrapper.text()).toContain('not signed')
    expect(verifyToken).not.toHaveBeenCalled()
  })

  it('keeps the token in memory only, and says so', async () => {
    const wrapper = await paste(TOKEN)
    expect(wrapper.get('[data-testid="token-paste-privacy"]').text()).toContain('never stored')
    const stored = [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n')
    expect(stored).not.toContain(TOKEN.split('.')[1])
    expect(window.location.href).not.toContain(TOKEN.split('.')[1])
  })
})

// Self-signed, made with openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256: a test key.
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
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
const CERTIFICATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgscT/PwjiOYeUV7lQ
VC4K7esOT8RKiv1Hm2WMm8vNatahRANCAATEUj08Xf+bGpj2Xb6PE01/rcyKT2dX
m28BllnUEhxOIvL0vC6sTZBLt7+HxNVMWRHHNVRtqj7QRgYDtK5yT61/
-----END PRIVATE KEY-----`
const SECRET = 'a-shared-secret-of-at-least-32-bytes'

interface Pair {
  privateKey: JoseKey
  publicKey: JoseKey
}
const keys = {} as { rs: Pair; rsOther: Pair; es: Pair; esOther: Pair; certificate: JoseKey }

beforeAll(async () => {
  const [rs, rsOther, es, esOther] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
  ])
  Object.assign(keys, { rs, rsOther, es, esOther })
  keys.certificate = await importPKCS8(CERTIFICATE_KEY, 'ES256')
})

/** A token signed here, for the configured issuer, valid for ten minutes. */
function sign(alg: string, key: JoseKey | Uint8Array, kid?: string) {
  return new SignJWT({ acr: 'gold', nonce: 'n' })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuer('http://idp')
    .setAudience('web')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key)
}

const publicJwk = async (key: JoseKey, kid: string) => ({ ...(await exportJWK(key)), kid })
const jwks = async (...entries: [JoseKey, string][]) =>
  JSON.stringify({ keys: await Promise.all(entries.map(([key, kid]) => publicJwk(key, kid))) })
// jose checks instanceof Uint8Array: an array of this (jsdom) realm, not TextEncoder's.
const secret = Uint8Array.from(new TextEncoder().encode(SECRET))

async function pasteWithKey(token: string, key: string) {
  useProviderStore().metadata = METADATA
  useConfigStore().patch({ clientId: 'web' })
  verifyToken.mockResolvedValue({ status: 'unverified', reason: 'JWKS_MOCK', checks: [] })
  const wrapper = await paste(token)
  verifyToken.mockClear() // from here on, only the pasted key checks it
  await wrapper.get('[data-testid="token-key"]').setValue(key)
  return settled(wrapper)
}

/** Wait for the check with the pasted key (real WebCrypto) to finish. */
async function settled(wrapper: VueWrapper) {
  await vi.waitFor(() => {
    expect(wrapper.get('[data-testid="pasted-token"]').attributes('data-status')).toBeDefined()
  })
  await flushPromises()
  return wrapper
}

const status = (wrapper: VueWrapper) =>
  wrapper.get('[data-testid="pasted-token"]').attributes('data-status')
const keyStatus = (wrapper: VueWrapper) => wrapper.get('[data-testid="token-key-status"]').text()
const signatureCheck = (wrapper: VueWrapper) =>
  wrapper.get('[data-testid="pasted-token"] [data-check="signature"]')

describe('TokenInspector: verify with a pasted key', () => {
  type Case = [string, () => Promise<string>, () => Promise<string>, () => Promise<string>, RegExp]
  it.each<Case>([
    [
      'RS256, a JWK',
      () => sign('RS256', keys.rs.privateKey, 'rs-1'),
      async () => JSON.stringify(await publicJwk(keys.rs.publicKey, 'rs-1')),
      async () => JSON.stringify(await publicJwk(keys.rsOther.publicKey, 'rs-1')),
      /JWK \(kid "rs-1"\), RSA \(RS256\)/,
    ],
    [
      'RS256, a JWKS with three keys, by kid',
      () => sign('RS256', keys.rs.privateKey, 'rs-1'),
      () =>
        jwks(
          [keys.es.publicKey, 'es-1'],
          [keys.rs.publicKey, 'rs-1'],
          [keys.rsOther.publicKey, 'rs-2'],
        ),
      () => jwks([keys.es.publicKey, 'es-1'], [keys.rsOther.publicKey, 'rs-1']),
      /JWKS with 3 keys: used kid rs-1 \(RS256\)/,
    ],
    [
      'ES256, a PEM public key',
      () => sign('ES256', keys.es.privateKey),
      () => exportSPKI(keys.es.publicKey),
      () => exportSPKI(keys.esOther.publicKey),
      /PEM public key \(SPKI, EC P-256\) for ES256/,
    ],
    [
      'ES256, a PEM certificate',
      () => sign('ES256', keys.certificate),
      async () => CERTIFICATE,
      () => exportSPKI(keys.esOther.publicKey),
      /PEM certificate \(X.509, EC P-256\) for ES256/,
    ],
    [
      'HS256, the shared secret',
      () => sign('HS256', secret),
      async () => SECRET,
      async () => `${SECRET}!`,
      /secret \(HS256\), 36 bytes/,
    ],
  ])('%s: valid with the right key, invalid with another', async (_, token, right, wrong, used) => {
    const signed = await token()
    const wrapper = await pasteWithKey(signed, await right())
    expect(status(wrapper)).toBe('valid')
    expect(signatureCheck(wrapper).attributes('data-ok')).toBe('true')
    expect(keyStatus(wrapper)).toMatch(/^Signature checked with the pasted key, not the provider's/)
    expect(keyStatus(wrapper)).toMatch(used)

    await wrapper.get('[data-testid="token-key"]').setValue(await wrong())
    await settled(wrapper)
    expect(status(wrapper)).toBe('invalid')
    expect(signatureCheck(wrapper).text()).toContain('does not verify with the pasted key')
    expect(verifyToken).not.toHaveBeenCalled()
  })

  it('a JWKS without the token kid: invalid, naming the kids it has, on the field', async () => {
    const token = await sign('RS256', keys.rs.privateKey, 'rs-9')
    const wrapper = await pasteWithKey(
      token,
      await jwks([keys.rs.publicKey, 'rs-1'], [keys.es.publicKey, 'es-1']),
    )
    expect(status(wrapper)).toBe('invalid')
    expect(keyStatus(wrapper)).toContain(`has the token's kid "rs-9"; its kids: "rs-1", "es-1"`)
    expect(signatureCheck(wrapper).text()).toContain('cannot be checked with the pasted key')
    const field = wrapper.get('[data-testid="token-key"]')
    const statusId = wrapper.get('[data-testid="token-key-status"]').attributes('id')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(field.attributes('aria-errormessage')).toBe(statusId)
    expect(field.attributes('aria-describedby')).toContain(statusId)
  })

  it('an HS secret for an RS256 token: invalid, and says a secret only checks HS*', async () => {
    const wrapper = await pasteWithKey(await sign('RS256', keys.rs.privateKey), SECRET)
    expect(status(wrapper)).toBe('invalid')
    expect(keyStatus(wrapper)).toContain('A shared secret checks HS256, HS384 and HS512')
  })

  it('an RS key for an ES256 token: invalid, and names both', async () => {
    const wrapper = await pasteWithKey(
      await sign('ES256', keys.es.privateKey),
      await exportSPKI(keys.rs.publicKey),
    )
    expect(status(wrapper)).toBe('invalid')
    expect(keyStatus(wrapper)).toMatch(/is an RSA key.*the token is ES256/)
  })

  it('a malformed key: unverified, the field says why', async () => {
    const wrapper = await pasteWithKey(await sign('RS256', keys.rs.privateKey), '{"kty":"RSA",')
    expect(status(wrapper)).toBe('unverified')
    expect(keyStatus(wrapper)).toMatch(/^Not JSON/)
    expect(wrapper.get('[data-testid="token-key"]').attributes('aria-invalid')).toBe('true')
  })

  it('refuses a private JWK: the field is emptied, nothing keeps it, the provider keys are back', async () => {
    const token = await sign('RS256', keys.rs.privateKey, 'rs-1')
    const privateJwk = JSON.stringify(await exportJWK(keys.rs.privateKey))
    const wrapper = await pasteWithKey(token, privateJwk)
    const field = wrapper.get<HTMLTextAreaElement>('[data-testid="token-key"]')
    expect(field.element.value).toBe('')
    expect(keyStatus(wrapper)).toContain('is a private key (it has "d"')
    expect(keyStatus(wrapper)).toContain('a public key is enough')
    expect(field.attributes('aria-invalid')).toBe('true')
    // The provider's keys, as with no key pasted.
    expect(wrapper.get('[data-testid="pasted-token-verification"]').text()).toContain('JWKS_MOCK')
  })

  it("clearing the key goes back to the provider's keys", async () => {
    const token = await sign('RS256', keys.rs.privateKey, 'rs-1')
    const wrapper = await pasteWithKey(token, await exportSPKI(keys.rsOther.publicKey))
    expect(status(wrapper)).toBe('invalid')
    verifyToken.mockReset()
    verifyToken.mockResolvedValue({ status: 'valid', checks: [] })

    await wrapper.get('[data-testid="token-key-clear"]').trigger('click')
    await settled(wrapper)
    expect(verifyToken).toHaveBeenCalledWith(
      token,
      expect.anything(),
      'http://idp/jwks',
      expect.anything(),
    )
    expect(status(wrapper)).toBe('valid')
    expect(wrapper.find('[data-testid="token-key-status"]').exists()).toBe(false)
  })

  it('keeps the key in memory only: no storage, no URL; the field is not autocompleted', async () => {
    const wrapper = await pasteWithKey(await sign('HS256', secret), SECRET)
    expect(status(wrapper)).toBe('valid')
    const field = wrapper.get('[data-testid="token-key"]')
    expect(field.attributes('autocomplete')).toBe('off')
    expect(field.attributes('spellcheck')).toBe('false')
    const stored = [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n')
    expect(stored).not.toContain(SECRET)
    expect(window.location.href).not.toContain(SECRET)
  })
})
