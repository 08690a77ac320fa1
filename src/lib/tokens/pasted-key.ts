// A key pasted to check a pasted token's signature: a JWK, a JWKS, a PEM public key or certificate,
// or the shared secret of an HS* token. Read and matched to the token here, without crypto (that is
// src/services/verify.ts). Never throws; a private key is refused, never kept.
import { describeJsonError } from '../core/json-error'
import { isRecord } from '../core/json-value'
import { describeLength, jsonTextProblem } from '../core/limits'
import { err, ok, type Result } from '../core/result'

/** A JWKS with a few RSA keys and their certificate chains fits well under this. */
export const PASTED_KEY_MAX_CHARS = 64 * 1024

type Jwk = Record<string, unknown>

/** What a key is, as JOSE names it: RSA, EC P-256, OKP Ed25519, oct (a shared secret). */
interface KeyType {
  kty: 'RSA' | 'EC' | 'OKP' | 'oct'
  crv?: string
}

interface PemKey {
  /** One PEM block, as jose reads it. */
  pem: string
  keyType: KeyType
  /** What else was in the text, for the user to see. */
  note?: string
}

export type PastedKey =
  | { form: 'jwk'; jwk: Jwk }
  | { form: 'jwks'; keys: Jwk[] }
  | ({ form: 'spki' } & PemKey)
  | ({ form: 'x509' } & PemKey)
  | { form: 'secret'; secret: string }

/** Why a pasted key was refused; `privateKey` when it was a private key, which is never kept. */
interface KeyRefusal {
  reason: string
  privateKey?: true
}

const refuse = (reason: string) => err<KeyRefusal>({ reason })

/** The key to check this token with, and the sentence that says which it is. */
export type ChosenKey = { alg: string; describe: string } & (
  | { form: 'jwk'; jwks: Jwk[] }
  | { form: 'spki'; pem: string }
  | { form: 'x509'; pem: string }
  | { form: 'secret'; secret: string }
)

/** What a private JWK holds beyond the public one (RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']

const PUBLIC_KEY_HINT = 'a public key is enough to check a signature. It was not kept'

// ---- algorithms -------------------------------------------------------------------------------

/** The signature algorithms a key of this type checks (RFC 7518 §3.1, RFC 8037 §3.1, RFC 9864). */
function algorithmsFor({ kty, crv }: KeyType): string[] {
  if (kty === 'RSA') return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']
  if (kty === 'oct') return ['HS256', 'HS384', 'HS512']
  if (kty === 'EC')
    return crv === 'P-256'
      ? ['ES256']
      : crv === 'P-384'
        ? ['ES384']
        : crv === 'P-521'
          ? ['ES512']
          : []
  return crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : crv === 'Ed448' ? ['EdDSA'] : []
}

/** "an RSA key", "an EC P-256 key", "a shared secret". */
function describeKeyType({ kty, crv }: KeyType): string {
  if (kty === 'oct') return 'a shared secret'
  if (kty === 'RSA') return 'an RSA key'
  return `an ${kty}${crv ? ` ${crv}` : ''} key`
}

// ---- reading ----------------------------------------------------------------------------------

/** Read what was pasted in the key field; `null` when it is empty (the provider's keys are used). */
export function readPastedKey(input: string): Result<PastedKey, KeyRefusal> | null {
  const text = input.trim()
  if (text === '') return null
  if (text.length > PASTED_KEY_MAX_CHARS)
    return refuse(
      `This is ${describeLength(text.length)} long; a key, a JWKS or a certificate fits in ` +
        `${PASTED_KEY_MAX_CHARS} characters.`,
    )
  if (/-----BEGIN /.test(text)) return readPem(text)
  if (text.startsWith('{')) return readJson(text)
  if (text.startsWith('['))
    return refuse('This is a JSON list: paste one JWK ({"kty":…}) or a JWKS ({"keys":[…]}).')
  if (/^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(text))
    return refuse('This is a JWT, not a key: paste it in the token field above.')
  if (/^(ssh-(rsa|ed25519)|ecdsa-sha2-\S+) AAAA/.test(text))
    return refuse(
      'This is an OpenSSH public key: paste it as PEM (ssh-keygen -e -m PKCS8 -f key.pub) or as a JWK.',
    )
  if (/[\r\n]/.test(text))
    return refuse(
      'This is not a JWK, a JWKS or PEM, and a shared secret is one line: this has line breaks.',
    )
  // Anything else is a shared secret, as typed: it is only ever used for an HS* token.
  return ok({ form: 'secret', secret: text })
}

function readJson(text: string): Result<PastedKey, KeyRefusal> {
  const tooLarge = jsonTextProblem(text, PASTED_KEY_MAX_CHARS)
  if (tooLarge) return refuse(`This JSON ${tooLarge}.`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return refuse(describeJsonError(text, error))
  }
  if (!isRecord(value)) return refuse('This is not a JWK: a JWK is a JSON object.')
  if ('keys' in value) {
    const keys = value.keys
    if (!Array.isArray(keys)) return refuse('This JWKS\'s "keys" is not a list of JWKs.')
    if (keys.length === 0)
      return refuse(
        'This JWKS has no keys ("keys" is empty): paste the provider\'s jwks_uri answer.',
      )
    for (const [index, key] of keys.entries()) {
      const where = `Key ${index + 1} of this JWKS${kidOf(key)}`
      const secret = privateJwk(key)
      if (secret) return err({ reason: `${where} ${secret}`, privateKey: true })
      const problem = jwkProblem(key)
      if (problem) return refuse(`${where} ${problem}`)
    }
    return ok({ form: 'jwks', keys: keys as Jwk[] })
  }
  const secret = privateJwk(value)
  if (secret) return err({ reason: `This JWK${kidOf(value)} ${secret}`, privateKey: true })
  const problem = jwkProblem(value)
  if (problem) return refuse(`This JWK${kidOf(value)} ${problem}`)
  return ok({ form: 'jwk', jwk: value })
}

const kidOf = (jwk: unknown) =>
  isRecord(jwk) && typeof jwk.kid === 'string' ? ` (kid ${JSON.stringify(jwk.kid)})` : ''

/** The private members of an asymmetric JWK, as a sentence's end; null for a public key. */
function privateJwk(jwk: unknown): string | null {
  if (!isRecord(jwk) || jwk.kty === 'oct') return null
  const held = PRIVATE_MEMBERS.filter((member) => member in jwk)
  if (held.length === 0) return null
  return (
    `is a private key (it has ${held.map((m) => `"${m}"`).join(', ')}): refused, ` +
    `${PUBLIC_KEY_HINT}. Paste the public JWK (without "d"), as the provider's jwks_uri serves it.`
  )
}

/** Why this JWK cannot check a signature, as a sentence; null when it can be tried. */
function jwkProblem(jwk: unknown): string | null {
  if (!isRecord(jwk)) return 'is not a JSON object.'
  const kty = jwk.kty
  if (typeof kty !== 'string') return 'has no "kty" (key type: RSA, EC, OKP or oct).'
  if (jwk.alg === 'none') return 'has alg "none", which is no signature at all.'
  if (kty === 'RSA')
    return typeof jwk.n === 'string' && typeof jwk.e === 'string'
      ? null
      : 'is an RSA key without "n" and "e".'
  if (kty === 'EC' || kty === 'OKP') {
    if (typeof jwk.crv !== 'string') return `is an ${kty} key without "crv".`
    if (typeof jwk.x !== 'string') return `is an ${kty} key without "x".`
    return null
  }
  if (kty === 'oct') return typeof jwk.k === 'string' ? null : 'is a secret (oct) key without "k".'
  return `has kty ${JSON.stringify(kty)}: signatures use RSA, EC, OKP or oct.`
}

// ---- PEM ----------------------------------------------------------------------------------------

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g

function readPem(text: string): Result<PastedKey, KeyRefusal> {
  const labels = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1] ?? '')
  // Refused before anything else is read: a private key is not even decoded.
  const secret = labels.find((label) => /PRIVATE KEY/.test(label))
  if (secret)
    return err({
      reason:
        `This is a private key (BEGIN ${secret}): refused, ${PUBLIC_KEY_HINT}. Paste the public ` +
        'key (BEGIN PUBLIC KEY: openssl pkey -pubout) or the certificate.',
      privateKey: true,
    })
  const blocks = [...text.matchAll(PEM_BLOCK)]
  if (blocks.length === 0) {
    const label = labels[0] ?? ''
    return refuse(`This PEM has no "-----END ${label}-----" line: it was cut off when copied.`)
  }
  const [, label = '', body = '', endLabel = ''] = blocks[0] ?? []
  if (label !== endLabel)
    return refuse(`This PEM begins "${label}" but ends "${endLabel}": two blocks were mixed up.`)
  if (label === 'RSA PUBLIC KEY')
    return refuse(
      'This is a PKCS#1 RSA public key (BEGIN RSA PUBLIC KEY): paste it as SPKI (BEGIN PUBLIC ' +
        'KEY: openssl rsa -RSAPublicKey_in -pubout) or as a JWK.',
    )
  if (label !== 'PUBLIC KEY' && label !== 'CERTIFICATE')
    return refuse(
      `A PEM "${label}" holds no key to check a signature with: paste BEGIN PUBLIC KEY or BEGIN ` +
        'CERTIFICATE.',
    )
  const der = base64Bytes(body)
  if (!der)
    return refuse(`The body of this PEM "${label}" is not base64: it was damaged when copied.`)
  const form = label === 'PUBLIC KEY' ? 'spki' : 'x509'
  const keyType = form === 'spki' ? spkiKeyType(der, 0) : certificateKeyType(der)
  if (!keyType.ok) return refuse(`This PEM "${label}" is malformed: ${keyType.error}.`)
  const pem = `-----BEGIN ${label}-----\n${body.replace(/\s+/g, '')}\n-----END ${label}-----`
  const note =
    blocks.length > 1
      ? `the first of ${blocks.length} PEM blocks (a chain's leaf comes first)`
      : undefined
  return ok({ form, pem, keyType: keyType.value, ...(note ? { note } : {}) })
}

function base64Bytes(body: string): Uint8Array | null {
  const text = body.replace(/\s+/g, '')
  if (text === '' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null
  const binary = atob(text)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

// A few lines of DER (X.690 §8.1), enough to find the key's algorithm in SPKI (RFC 5280 §4.1.2.7).
interface Der {
  tag: number
  /** Where its tag is; its content runs from start to end. */
  at: number
  start: number
  end: number
}

function derAt(der: Uint8Array, at: number, limit = der.length): Der | null {
  const tag = der[at]
  let length = der[at + 1]
  if (tag === undefined || length === undefined) return null
  let start = at + 2
  if (length & 0x80) {
    const octets = length & 0x7f
    if (octets === 0 || octets > 4) return null
    length = 0
    for (let i = 0; i < octets; i++) length = length * 256 + (der[start + i] ?? NaN)
    start += octets
  }
  const end = start + length
  return Number.isNaN(end) || end > limit ? null : { tag, at, start, end }
}

function children(der: Uint8Array, parent: Der): Der[] | null {
  const found: Der[] = []
  for (let at = parent.start; at < parent.end;) {
    const child = derAt(der, at, parent.end)
    if (!child) return null
    found.push(child)
    at = child.end
  }
  return found
}

const hex = (der: Uint8Array, { start, end }: Der) =>
  [...der.subarray(start, end)].map((b) => b.toString(16).padStart(2, '0')).join('')

const KEY_OIDS: Record<string, KeyType['kty'] | 'RSA-PSS' | 'X25519'> = {
  '2a864886f70d010101': 'RSA', // rsaEncryption
  '2a864886f70d01010a': 'RSA-PSS', // id-RSASSA-PSS
  '2a8648ce3d0201': 'EC', // id-ecPublicKey
  '2b6570': 'OKP', // Ed25519
  '2b6571': 'OKP', // Ed448
  '2b656e': 'X25519',
}
const CURVE_OIDS: Record<string, string> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
  '2b8104000a': 'secp256k1',
  '2b6570': 'Ed25519',
  '2b6571': 'Ed448',
}

const SEQUENCE = 0x30
const OID = 0x06

function spkiKeyType(der: Uint8Array, at: number, whole = true): Result<KeyType> {
  const spki = derAt(der, at)
  if (!spki || spki.tag !== SEQUENCE || (whole && spki.end !== der.length))
    return err('its content is cut short or damaged')
  const [algorithm, key] = children(der, spki) ?? []
  const [oid, parameters] = (algorithm && children(der, algorithm)) ?? []
  if (!oid || oid.tag !== OID || key?.tag !== 0x03)
    return err('it holds no public key algorithm and key')
  const name = KEY_OIDS[hex(der, oid)]
  if (!name) return err(`its key algorithm (OID ${hex(der, oid)}) is not one JWS signs with`)
  if (name === 'X25519') return err('it is an X25519 key, for key agreement, not signatures')
  if (name === 'RSA' || name === 'RSA-PSS') return ok({ kty: 'RSA' })
  const curve =
    name === 'OKP'
      ? CURVE_OIDS[hex(der, oid)]
      : parameters?.tag === OID
        ? CURVE_OIDS[hex(der, parameters)]
        : undefined
  return curve ? ok({ kty: name, crv: curve }) : err('its elliptic curve is not one JWS signs with')
}

/** Certificate → tbsCertificate → [version], serial, signature, issuer, validity, subject, SPKI. */
function certificateKeyType(der: Uint8Array): Result<KeyType> {
  const certificate = derAt(der, 0)
  if (!certificate || certificate.tag !== SEQUENCE || certificate.end !== der.length)
    return err('its content is cut short or damaged')
  const [tbs] = children(der, certificate) ?? []
  const fields = tbs?.tag === SEQUENCE ? children(der, tbs) : null
  if (!fields) return err('it holds no certificate')
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5]
  if (!spki) return err('it holds no public key')
  return spkiKeyType(der, spki.at, false)
}

// ---- choosing ----------------------------------------------------------------------------------

/**
 * The key to check this token with, picked as a JWKS is read (RFC 7515 §4.1.4, RFC 7517 §4): by the
 * header's kid, then by what fits its alg. An error says why none fits, with what is there.
 */
export function chooseKey(key: PastedKey, header: Record<string, unknown>): Result<ChosenKey> {
  const alg = typeof header.alg === 'string' ? header.alg : ''
  if (alg === '') return err('The token names no algorithm (alg): no key can check it.')
  if (alg.toLowerCase() === 'none')
    return err('The token\'s alg is "none": it has no signature, no key can check it.')
  const kid = typeof header.kid === 'string' ? header.kid : undefined
  if (key.form === 'secret') {
    if (!/^HS(256|384|512)$/.test(alg))
      return err(
        `A shared secret checks HS256, HS384 and HS512 signatures; this token is ${alg}: paste ` +
          "the provider's public key (a JWK, its JWKS, or PEM).",
      )
    return ok({
      form: 'secret',
      alg,
      secret: key.secret,
      describe: secretDescription(key.secret, alg),
    })
  }
  if (key.form === 'spki' || key.form === 'x509') {
    const what = key.form === 'spki' ? 'PEM public key (SPKI' : 'PEM certificate (X.509'
    const mismatch = algMismatch(key.keyType, alg)
    if (mismatch) return err(`This ${what}) is ${mismatch}`)
    const note = key.note ? `, ${key.note}` : ''
    return ok({
      form: key.form,
      alg,
      pem: key.pem,
      describe: `${what}, ${keyWords(key.keyType)}${note}) for ${alg}`,
    })
  }
  if (key.form === 'jwk') {
    const jwk = key.jwk
    if (kid !== undefined && typeof jwk.kid === 'string' && jwk.kid !== kid)
      return err(
        `This JWK's kid is ${JSON.stringify(jwk.kid)}, the token's is ${JSON.stringify(kid)}: it is another key.`,
      )
    const mismatch = jwkMismatch(jwk, alg)
    if (mismatch) return err(`This JWK${kidOf(jwk)} is ${mismatch}`)
    return ok({
      form: 'jwk',
      alg,
      jwks: [jwk],
      describe: `JWK${kidOf(jwk)}, ${keyWords(jwkType(jwk))} (${alg})`,
    })
  }
  const count = `JWKS with ${key.keys.length} key${key.keys.length === 1 ? '' : 's'}`
  const byKid = kid === undefined ? key.keys : key.keys.filter((k) => k.kid === kid)
  if (byKid.length === 0) {
    const kids = key.keys.map((k) => (typeof k.kid === 'string' ? JSON.stringify(k.kid) : '(none)'))
    return err(
      `No key in this ${count} has the token's kid ${JSON.stringify(kid)}; its kids: ${kids.join(', ')}.`,
    )
  }
  const fitting = byKid.filter((k) => !jwkMismatch(k, alg))
  if (fitting.length === 0) {
    const which =
      kid === undefined ? 'no key in this JWKS' : `the key with kid ${JSON.stringify(kid)}`
    return err(
      kid === undefined
        ? `No key in this ${count} checks ${alg}: ${key.keys.map((k) => keyWords(jwkType(k))).join(', ')}.`
        : `In this ${count}, ${which} is ${byKid.map((k) => jwkMismatch(k, alg)).join(' ')}`,
    )
  }
  const describe =
    kid !== undefined
      ? `${count}: used kid ${kid} (${alg})`
      : fitting.length === 1
        ? `${count}: the token names no kid, used the one ${alg} key${kidOf(fitting[0])}`
        : `${count}: the token names no kid, each of the ${fitting.length} ${alg} keys is tried`
  return ok({ form: 'jwk', alg, jwks: fitting, describe })
}

function jwkType(jwk: Jwk): KeyType {
  const kty = jwk.kty as KeyType['kty']
  return typeof jwk.crv === 'string' ? { kty, crv: jwk.crv } : { kty }
}

const keyWords = (type: KeyType) => (type.crv ? `${type.kty} ${type.crv}` : type.kty)

/** The end of "This key is …" when it cannot check `alg`; null when it can. */
function jwkMismatch(jwk: Jwk, alg: string): string | null {
  if (jwk.use === 'enc') return 'for encryption (use "enc"), not signatures.'
  if (typeof jwk.alg === 'string' && jwk.alg !== alg)
    return `for ${jwk.alg} (its alg), and the token is ${alg}.`
  return algMismatch(jwkType(jwk), alg)
}

function algMismatch(type: KeyType, alg: string): string | null {
  const fits = algorithmsFor(type)
  if (fits.includes(alg)) return null
  const checks = fits.length ? `, which checks ${fits.join(', ')}` : ''
  return `${describeKeyType(type)}${checks}; the token is ${alg}.`
}

/** RFC 7518 §3.2: an HMAC key is at least as long as the hash. */
function secretDescription(secret: string, alg: string): string {
  const bytes = new TextEncoder().encode(secret).length
  const needed = Number(alg.slice(2)) / 8
  const short = bytes < needed ? `; shorter than the ${needed} bytes RFC 7518 §3.2 asks for` : ''
  return `secret (${alg}), ${bytes} byte${bytes === 1 ? '' : 's'}${short}`
}
