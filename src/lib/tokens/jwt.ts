import { base64UrlToText } from '../core/base64url'
import { err, ok, type Result } from '../core/result'
import type { JsonObject } from '../request/claims-request'

export interface DecodedJwt {
  header: JsonObject
  payload: JsonObject
}

function base64UrlDecode(part: string): Result<string> {
  const text = base64UrlToText(part)
  if (text.ok) return text
  return err(text.error === 'alphabet' ? 'is not base64url' : 'is not base64url-encoded UTF-8')
}

function jsonObject(text: string): Result<JsonObject> {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return ok(value as JsonObject)
    }
    return err('is not a JSON object')
  } catch {
    return err('is not JSON')
  }
}

/** Decode a JWS compact JWT without verifying it. Never throws. */
export function decodeJwt(token: string): Result<DecodedJwt> {
  const parts = token.split('.')
  if (parts.length !== 3) {
    return err(
      parts.length === 5
        ? 'is an encrypted JWT (JWE): it cannot be read without the key'
        : 'is not a JWT (an opaque token?)',
    )
  }
  const [headerPart = '', payloadPart = ''] = parts
  const headerText = base64UrlDecode(headerPart)
  if (!headerText.ok) return err(`header ${headerText.error}`)
  const header = jsonObject(headerText.value)
  if (!header.ok) return err(`header ${header.error}`)
  const payloadText = base64UrlDecode(payloadPart)
  if (!payloadText.ok) return err(`payload ${payloadText.error}`)
  const payload = jsonObject(payloadText.value)
  if (!payload.ok) return err(`payload ${payload.error}`)
  return ok({ header: header.value, payload: payload.value })
}

/** Claims holding NumericDate values (RFC 7519 section 2). */
const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time', 'updated_at'] as const

export function isTimeClaim(name: string): boolean {
  return (TIME_CLAIMS as readonly string[]).includes(name)
}
