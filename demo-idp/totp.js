// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), the kind every authenticator app and Keycloak's OTP policy use.
import { createHmac } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Decode(text) {
  let bits = ''
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) throw new Error(`not base32: ${char}`)
    bits += index.toString(2).padStart(5, '0')
  }
  const bytes = []
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2))
  return Buffer.from(bytes)
}

/**
 * The code at `epochSeconds` for `secret`: a base32 string (what authenticator apps show), or the
 * raw key bytes (Keycloak stores an OTP secret raw and uses its UTF-8 bytes as the key).
 */
export function totp(secret, epochSeconds = Date.now() / 1000, step = 30) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(epochSeconds / step)))
  const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret)
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(value).padStart(6, '0')
}

/** Accepts the current code and the one before it, so a code typed at a window's edge still works. */
export function totpMatches(secret, code, epochSeconds = Date.now() / 1000) {
  return [0, -30].some((skew) => totp(secret, epochSeconds + skew) === code)
}
