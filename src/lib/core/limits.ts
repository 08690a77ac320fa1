// Bounds on what a link or the stored configuration can hand the playground: one table, read by
// the field parsers (config.ts), the link codec (share-link.ts) and the stored-configuration
// reader (stored-config.ts), so a value is refused the same way everywhere, with the number named.
// Nothing is cut to fit: a value past a bound is refused and the sentence says which bound.

export const INPUT_LIMITS = {
  /** A page URL's query as it arrives (still encoded): past it, nothing of the link is read. */
  linkChars: 16 * 1024,
  /** Parameters in one link; a playground link uses at most 14. Past it, nothing is read. */
  linkParams: 40,
  /** A parameter name quoted back in the link notice (a longer one is shortened there). */
  quotedNameChars: 64,
  /** A reason quoted back in the link notice, the value it names included. */
  reasonChars: 300,
  /** url, issuer, apiUrl. */
  urlChars: 2048,
  /** realm, client_id, scope, acr_values, login_hint, ui_locales, kc_idp_hint, as text. */
  textChars: 2048,
  /** ACR values in the list (acr_values and the claims request's values). */
  acrValues: 50,
  /** The claims request, as JSON text. */
  claimsChars: 8192,
  /** How deep any JSON text may nest ({"id_token":{"acr":{"values":[…]}}} is 4). */
  jsonDepth: 16,
  /** The ACR-to-LoA map, as JSON text. */
  loaMapChars: 8192,
  /** Names in the ACR-to-LoA map (Keycloak's realm reader stops at the same number). */
  loaMapEntries: 200,
  /** One ACR name in the map. */
  acrNameChars: 256,
  /** The highest level: Keycloak reads levels as a Java int. */
  loaLevelMax: 2_147_483_647,
  /** Saved profiles (named configurations), and profiles in one file to import. */
  profiles: 20,
  /** One profile's name. */
  profileNameChars: 60,
  /** The saved profiles, and a profiles file to import, as JSON text. */
  profilesChars: 1024 * 1024,
} as const

/** "8300 characters", "117 KB", "1.1 MB": a length in the words the notices use. */
export function describeLength(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1)} MB`
  if (chars >= 100_000) return `${Math.round(chars / 1024)} KB`
  return `${chars} characters`
}

/**
 * How deep a JSON text nests, counting brackets outside strings; stops counting past `stopAt`.
 * Works on any text (not JSON too) and never throws, so it can run before JSON.parse.
 */
export function jsonDepth(text: string, stopAt: number = Number.POSITIVE_INFINITY): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > stopAt) return deepest
      }
    } else if (c === 0x7d || c === 0x5d) depth = Math.max(0, depth - 1)
  }
  return deepest
}

/**
 * Why a JSON text is too large to read, as the end of a sentence naming the limit, or null.
 * Checked before JSON.parse, so a huge or deeply nested text is never parsed.
 */
export function jsonTextProblem(text: string, maxChars: number): string | null {
  if (text.length > maxChars)
    return `is ${describeLength(text.length)} long; at most ${maxChars} characters are allowed`
  if (jsonDepth(text, INPUT_LIMITS.jsonDepth) > INPUT_LIMITS.jsonDepth)
    return `nests deeper than ${INPUT_LIMITS.jsonDepth} levels`
  return null
}

/** A value quoted in a sentence: JSON, shortened to `max` characters. */
export function quoteValue(value: unknown, max = 40): string {
  const text =
    typeof value === 'object' && value !== null
      ? Array.isArray(value)
        ? 'a list'
        : 'an object'
      : (JSON.stringify(value) ?? String(value))
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
