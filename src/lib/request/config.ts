import {
  acrClaimMode,
  acrClaimOf,
  formatClaims,
  hasBlockingProblem,
  parseClaimsRequest,
  withAcrClaim,
  type AcrClaimMode,
} from './claims-request'
import { INPUT_LIMITS, quoteValue } from '../core/limits'
import type { DialectChoice } from '../provider/dialect-names'
import { err, ok, type Result } from '../core/result'

export type ProviderMode = 'keycloak' | 'oidc'

export type LoaMapSource = 'typed' | 'link'

/** Everything the user composes. Never holds a token or a login result. */
export interface PlaygroundConfig {
  mode: ProviderMode
  /** Keycloak server URL (Keycloak mode). */
  url: string
  realm: string
  /** Issuer URL (generic OIDC mode); discovery is read from <issuer>/.well-known/openid-configuration. */
  issuer: string
  clientId: string
  /** How this provider speaks step-up; `auto`: read from the provider (src/lib/provider/provider.ts). */
  dialect: DialectChoice
  /** Extra scopes, space-separated; `openid` is always sent. */
  scope: string
  /** The ordered ACR values, shared by `acr_values` and the claims request's `values`. */
  acrValues: string[]
  /** Send the list as `acr_values` (voluntary). */
  sendAcrValues: boolean
  /** The `claims` request as JSON text; '' sends none. */
  claims: string
  prompt: string
  /** null: not sent. 0 is sent and means "re-authenticate now". */
  maxAge: number | null
  loginHint: string
  uiLocales: string
  kcIdpHint: string
  /** ACR -> LoA, Keycloak's `acr.loa.map`, as the user typed it or a link gave it. */
  loaMap: Record<string, number>
  /**
   * Where `loaMap` came from: typed here (or a preset), or a link (shown as such, and checked
   * against the realm when the realm is known). A realm's own map is not kept here: see realm store.
   */
  loaMapSource: LoaMapSource
  /**
   * An API to call with the access token. Never taken from a share link: a link must not be able
   * to send a user's token somewhere.
   */
  apiUrl: string
}

const DEMO_ISSUER = 'http://localhost:9400'
const DEMO_CLIENT_ID = 'acr-playground'
const DEMO_API_URL = 'http://localhost:9401/api/transfer'

/** What a newcomer sees when nothing is stored: the demo provider that `npm start` runs. */
export function defaultConfig(): PlaygroundConfig {
  return {
    mode: 'oidc',
    url: 'http://localhost:8080',
    realm: 'acr-playground',
    issuer: DEMO_ISSUER,
    clientId: DEMO_CLIENT_ID,
    dialect: 'auto',
    ...emptyRequest(),
    scope: 'profile',
    acrValues: ['silver'],
    loaMap: { bronze: 1, silver: 2, gold: 3 },
    apiUrl: DEMO_API_URL,
  }
}

/**
 * The configuration with a new ACR list. The list feeds acr_values and, when the claims request asks
 * for id_token.acr, its values too; a claims text with an error is left as typed (the editor says
 * why), never rewritten.
 */
export function withAcrValues(config: PlaygroundConfig, acrValues: string[]): PlaygroundConfig {
  const parsed = parseClaimsRequest(config.claims)
  const mode = acrClaimMode(parsed.claims)
  if (mode === 'off' || hasBlockingProblem(parsed.problems)) return { ...config, acrValues }
  return {
    ...config,
    acrValues,
    claims: formatClaims(withAcrClaim(parsed.claims, mode, acrValues)),
  }
}

/**
 * The configuration with the claims request's id_token.acr in `mode` (off, voluntary or essential),
 * its values the ACR list. An essential acr is read alone, so acr_values is no longer sent beside
 * it. Unchanged when the claims text has an error: the editor says why, and the text stays.
 */
export function withAcrMode(config: PlaygroundConfig, mode: AcrClaimMode): PlaygroundConfig {
  const parsed = parseClaimsRequest(config.claims)
  if (hasBlockingProblem(parsed.problems)) return config
  return {
    ...config,
    claims: formatClaims(withAcrClaim(parsed.claims, mode, config.acrValues)),
    ...(mode === 'essential' ? { sendAcrValues: false } : {}),
  }
}

/**
 * The configuration with a claims text as typed. When the text is valid and its id_token.acr
 * names values, the ACR list follows them.
 */
export function withClaimsText(config: PlaygroundConfig, text: string): PlaygroundConfig {
  const parsed = parseClaimsRequest(text)
  const acr = acrClaimOf(parsed.claims)
  const follows = !hasBlockingProblem(parsed.problems) && !!acr && acr.values.length > 0
  return { ...config, claims: text, ...(follows ? { acrValues: acr.values } : {}) }
}

/**
 * The same levels asked voluntarily: the essential id_token.acr goes from the claims request (the
 * rest of it stays) and acr_values carries its values, in its order. What a provider's
 * unmet_authentication_requirements suggests. Unchanged when the claims text has an error or asks
 * no essential acr.
 */
export function askedVoluntarily(config: PlaygroundConfig): PlaygroundConfig {
  const parsed = parseClaimsRequest(config.claims)
  const acr = acrClaimOf(parsed.claims)
  if (!acr?.essential || hasBlockingProblem(parsed.problems)) return config
  return {
    ...config,
    acrValues: acr.values.length ? acr.values : config.acrValues,
    sendAcrValues: true,
    claims: formatClaims(withAcrClaim(parsed.claims, 'off', [])),
  }
}

/**
 * What a link that names a provider leaves empty: a link describes the whole request, so nothing
 * is inherited from the stored configuration or the demo preset (the API URL is never a link's).
 */
export function emptyRequest(): Pick<
  PlaygroundConfig,
  | 'scope'
  | 'acrValues'
  | 'sendAcrValues'
  | 'claims'
  | 'prompt'
  | 'maxAge'
  | 'loginHint'
  | 'uiLocales'
  | 'kcIdpHint'
  | 'loaMap'
  | 'loaMapSource'
> {
  return {
    scope: '',
    acrValues: [],
    sendAcrValues: true,
    claims: '',
    prompt: '',
    maxAge: null,
    loginHint: '',
    uiLocales: '',
    kcIdpHint: '',
    loaMap: {},
    loaMapSource: 'typed',
  }
}

export const PROMPT_VALUES = ['none', 'login', 'consent', 'select_account'] as const

const MAX_TEXT = INPUT_LIMITS.textChars

function httpUrl(value: string): Result<string> {
  if (value.length > INPUT_LIMITS.urlChars)
    return err(`is longer than ${INPUT_LIMITS.urlChars} characters`)
  const url = URL.parse(value.trim())
  if (!url) return err('is not a URL')
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err(`must be an http: or https: URL, not ${url.protocol}`)
  }
  if (url.username || url.password) return err('must not carry a user name or password')
  return ok(url.href.replace(/\/+$/, ''))
}

function plainText(value: string, { required = false } = {}): Result<string> {
  if (value.length > MAX_TEXT) return err(`is longer than ${MAX_TEXT} characters`)
  if (/[\u0000-\u001f\u007f]/.test(value)) return err('contains control characters')
  if (required && value.trim() === '') return err('is empty')
  return ok(value.trim())
}

/** RFC 6749 section 3.3 scope-token, the same shape serves an ACR value on the wire. */
const TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

function tokenList(value: string, what: string): Result<string[]> {
  const checked = plainText(value)
  if (!checked.ok) return checked
  const items = checked.value.split(/\s+/).filter(Boolean)
  const bad = items.find((item) => !TOKEN.test(item))
  if (bad !== undefined) return err(`has a ${what} with characters OAuth does not allow: ${bad}`)
  return ok(items)
}

export function parseMaxAge(value: string): Result<number | null> {
  const text = value.trim()
  if (text === '') return ok(null)
  if (!/^\d+$/.test(text)) return err('must be a whole number of seconds, 0 or more')
  const n = Number(text)
  if (!Number.isSafeInteger(n)) return err('is too large')
  return ok(n)
}

function parsePrompt(value: string): Result<string> {
  const list = tokenList(value, 'prompt value')
  if (!list.ok) return list
  const unknown = list.value.find((p) => !(PROMPT_VALUES as readonly string[]).includes(p))
  if (unknown !== undefined)
    return err(`has an unknown prompt value ${unknown} (known: ${PROMPT_VALUES.join(', ')})`)
  if (list.value.includes('none') && list.value.length > 1)
    return err('may not combine none with other values')
  return ok(list.value.join(' '))
}

/** Names that would reach Object.prototype in a plain object: never an ACR name here. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * An ACR-to-LoA map from JSON text: the one reader of a map typed, linked or pasted as an
 * attribute value. Never throws.
 */
export function parseLoaMapText(text: string): Result<Record<string, number>> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return err('is not JSON; write it like {"silver":1,"gold":2}')
  }
  return parseLoaMapObject(value)
}

/** An ACR-to-LoA map from parsed JSON, within INPUT_LIMITS. Never throws. */
export function parseLoaMapObject(value: unknown): Result<Record<string, number>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('must be a JSON object like {"silver":1,"gold":2}')
  }
  const entries = Object.entries(value)
  if (entries.length > INPUT_LIMITS.loaMapEntries) {
    return err(`has ${entries.length} names; a map may have at most ${INPUT_LIMITS.loaMapEntries}`)
  }
  const map: Record<string, number> = {}
  for (const [acr, loa] of entries) {
    if (acr.length > INPUT_LIMITS.acrNameChars) {
      return err(
        `has a name of ${acr.length} characters; names are at most ${INPUT_LIMITS.acrNameChars}`,
      )
    }
    if (FORBIDDEN_NAMES.has(acr)) return err(`may not use ${acr} as a name`)
    const level = typeof loa === 'string' && /^\d{1,10}$/.test(loa) ? Number(loa) : loa
    if (
      typeof level !== 'number' ||
      !Number.isInteger(level) ||
      level < 0 ||
      level > INPUT_LIMITS.loaLevelMax
    ) {
      return err(
        `gives ${quoteValue(acr)} the level ${quoteValue(loa)}; levels are whole numbers, 0 to ${INPUT_LIMITS.loaLevelMax}`,
      )
    }
    map[acr] = level
  }
  return ok(map)
}

/**
 * One validator per configuration field, keyed by the field. The share-link decoder and the
 * stored-configuration reader both go through these, so a value is judged the same everywhere.
 */
export const fieldParsers = {
  url: (v: string) => httpUrl(v),
  issuer: (v: string) => httpUrl(v),
  realm: (v: string): Result<string> => {
    const text = plainText(v, { required: true })
    if (!text.ok) return text
    return /[/?#]/.test(text.value) ? err('may not contain / ? or #') : text
  },
  clientId: (v: string) => plainText(v, { required: true }),
  scope: (v: string): Result<string> => {
    const list = tokenList(v, 'scope')
    return list.ok ? ok(list.value.join(' ')) : list
  },
  acrValues: (v: string): Result<string[]> => {
    const list = tokenList(v, 'value')
    if (list.ok && list.value.length > INPUT_LIMITS.acrValues)
      return err(`has ${list.value.length} values; at most ${INPUT_LIMITS.acrValues} are allowed`)
    return list
  },
  prompt: parsePrompt,
  maxAge: parseMaxAge,
  loginHint: (v: string) => plainText(v),
  uiLocales: (v: string): Result<string> => {
    const list = tokenList(v, 'locale')
    if (!list.ok) return list
    const bad = list.value.find((tag) => !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    return bad === undefined
      ? ok(list.value.join(' '))
      : err(`has ${bad}, not a language tag like en or de-CH`)
  },
  kcIdpHint: (v: string) => plainText(v),
  apiUrl: (v: string) => httpUrl(v),
}
