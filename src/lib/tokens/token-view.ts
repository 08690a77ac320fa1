// How a token is laid out for reading: its three raw parts, and its header and payload as indented
// JSON, one entry per top-level member so each claim can carry its explanation and highlight.
import type { JsonObject } from '../request/claims-request'
import { isTimeClaim } from './jwt'

interface JwtParts {
  header: string
  payload: string
  signature: string
}

/** The three dot-separated parts of a JWS compact token, or null for anything else (a JWE). */
export function jwtParts(raw: string): JwtParts | null {
  const parts = raw.split('.')
  if (parts.length !== 3) return null
  const [header = '', payload = '', signature = ''] = parts
  return { header, payload, signature }
}

interface JsonEntry {
  name: string
  /** The member's value as indented JSON (nested lines indented from the member), with its comma. */
  value: string
  /** A string value as the application reads it, when JSON escaping changes how it looks. */
  asText?: string
  /** The value of a NumericDate claim (exp, iat, nbf, auth_time, updated_at). */
  epoch?: number
}

/**
 * The members of `object` in order, as `JSON.stringify(object, null, 2)` lays them out. `include`
 * keeps only some members (a collapsed view); commas follow the members kept.
 */
export function jsonEntries(object: JsonObject, include?: (name: string) => boolean): JsonEntry[] {
  const names = Object.keys(object).filter((name) => !include || include(name))
  return names.map((name, i) => {
    const value: unknown = object[name]
    const json = JSON.stringify(value, null, 2) ?? 'null'
    const entry: JsonEntry = { name, value: i < names.length - 1 ? `${json},` : json }
    if (typeof value === 'string' && json !== `"${value}"`) entry.asText = value
    if (isTimeClaim(name) && typeof value === 'number' && Number.isFinite(value))
      entry.epoch = value
    return entry
  })
}

/** Payloads longer than this (JSON characters) show their explained claims first, the rest on demand. */
export const COLLAPSE_OVER = 4096

/** A member small enough to show in a collapsed view. */
export const SMALL_VALUE = 512

/** `780 B`, `12.4 KB`. */
export function formatSize(chars: number): string {
  return chars < 1024 ? `${chars} B` : `${(chars / 1024).toFixed(1)} KB`
}
