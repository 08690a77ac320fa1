// The one base64url decoder (RFC 4648 section 5): JWT parts (RFC 7515 section 2, no padding) and
// the base64 a provider puts in a challenge (Microsoft Entra's `claims`, padded RFC 4648 section 4).
// No atob: it skips whitespace and misplaced padding, and its absence would throw.
import { err, ok, type Result } from './result'

/** Why a text is not decodable: a character outside the alphabet, a cut length, or bytes not UTF-8. */
export type Base64UrlError = 'alphabet' | 'length' | 'utf8'

interface Base64UrlOptions {
  /**
   * Also accept the base64 alphabet (`+`, `/`) and `=` padding at the end: for values documented as
   * "base64" that servers send either way. Without it, only unpadded base64url (JWT parts).
   */
  lenient?: boolean
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const VALUES = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]))
VALUES.set('-', 62).set('_', 63)
const BASE64_VALUES = new Map<string, number>([
  ['+', 62],
  ['/', 63],
])

/** Decode base64url text to bytes. Never throws. */
export function base64UrlToBytes(
  text: string,
  options: Base64UrlOptions = {},
): Result<Uint8Array, Base64UrlError> {
  let data = text
  if (options.lenient) {
    // RFC 4648 section 3.2: at most two pad characters, only at the end, only to a multiple of 4.
    const padding = /=*$/.exec(text)?.[0].length ?? 0
    if (padding > 2 || (padding > 0 && text.length % 4 !== 0)) return err('length')
    data = text.slice(0, text.length - padding)
  }
  const bytes = new Uint8Array(Math.floor((data.length * 3) / 4))
  let bits = 0
  let buffered = 0
  let written = 0
  for (const char of data) {
    const value = VALUES.get(char) ?? (options.lenient ? BASE64_VALUES.get(char) : undefined)
    if (value === undefined) return err('alphabet')
    buffered = ((buffered << 6) | value) & 0xffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[written++] = (buffered >> bits) & 0xff
    }
  }
  // A length of 4n + 1 leaves 6 bits: no byte can end there.
  return data.length % 4 === 1 ? err('length') : ok(bytes)
}

/** Decode base64url text to the UTF-8 text it encodes. Never throws. */
export function base64UrlToText(
  text: string,
  options: Base64UrlOptions = {},
): Result<string, Base64UrlError> {
  const bytes = base64UrlToBytes(text, options)
  if (!bytes.ok) return bytes
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value))
  } catch {
    return err('utf8')
  }
}
