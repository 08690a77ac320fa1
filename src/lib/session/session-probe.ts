// The session probe: which levels does the SSO session hold now? One authorization request with
// prompt=none per level, lowest first, each read from its callback and its ID token. This module
// begins and finishes each probe and keeps the run (begin…/finish…, like login-flow.ts); the frame,
// the redirects and the token request are in src/services/probe-frame.ts, the state in
// src/stores/session.ts, the redirect target in public/silent-probe.html.
//
// What is asked, and why (measured on Keycloak 26.5.6 and the demo provider, see the README):
// - an essential acr claim, not acr_values: a voluntary level the session lacks may come back as a
//   lower acr (the demo provider does that for alice), which says nothing sure; essential answers an error;
// - its values are the level and every level above it: oidc-provider answers login_required to an
//   essential list that lacks the session's own acr (a silver session asked for ["bronze"]), and
//   Keycloak runs the lowest level of the list either way;
// - a probe is still a request of the client: Keycloak keeps its claims in the client's session,
//   so a later request there without claims is answered with the session's level.
import { isRecord } from '../core/json-value'
import { acrClaim } from '../verdict/verdict'
import { decodeJwt } from '../tokens/jwt'
import { loaOf, type LoaMap } from '../verdict/loa'
import { err, ok, type Result } from '../core/result'
import { STORAGE_KEY_SESSION_PROBE_CALLBACK } from '../storage/storage-keys'

/**
 * sessionStorage: the callback URL the silent page keeps for a probe by redirects, read once by the
 * session store. public/silent-probe.js writes this key literally (it cannot import this module).
 */
export const PROBE_CALLBACK_KEY = STORAGE_KEY_SESSION_PROBE_CALLBACK
/** The redirect target of every probe: a static page beside the playground's own (public/). */
export const SILENT_PAGE = 'silent-probe.html'
/** More levels than this are not probed: each one is a request (by redirects, a page load). */
export const PROBE_MAX_LEVELS = 20
/** A run by redirects left for longer than this is dropped, not finished. */
export const PROBE_RUN_MAX_AGE_MS = 10 * 60 * 1000

/** Errors that answer the question: the provider needs the End-User for this level. */
const NOT_HELD_ERRORS = [
  'login_required',
  'interaction_required',
  'unmet_authentication_requirements',
]

export type ProbeMode = 'frame' | 'redirect'
export type Held = 'held' | 'not-held' | 'unknown'

export interface ProbeLevel {
  acr: string
  /** Its LoA in the map in effect; undefined when it has none (a name in no map). */
  loa?: number
}

interface ProbeLevels {
  levels: ProbeLevel[]
  /** The LoA map in effect, or (without one) the ACR values of the request. */
  from: 'map' | 'request'
}

/** One level's answer. */
export interface ProbeRow {
  acr: string
  loa?: number
  held: Held
  /** How this level was asked: in the hidden frame or by a redirect. */
  via: ProbeMode
  /** The provider's error code (not-held, or an error that says nothing of the level). */
  error?: string
  receivedAcr?: string
  receivedLoa?: number
  /** auth_time of the ID token (epoch seconds). */
  authTime?: number
  /** One sentence: why this answer. */
  reason: string
}

/** The probe whose answer is awaited: what is needed to check and exchange it. */
export interface InFlight {
  acr: string
  values: string[]
  state: string
  nonce: string
  /** PKCE code_verifier: a secret of this one request, dropped with its answer. */
  verifier: string
  via: ProbeMode
  sentAt: number
}

/** A probe run: the provider and client it asks, the levels, the answers so far. */
export interface ProbeRun {
  v: 1
  id: string
  startedAt: number
  /** How the next levels are asked (a frame that cannot answer turns the run to redirects). */
  transport: ProbeMode
  issuer: string
  clientId: string
  authorizationEndpoint: string
  tokenEndpoint: string
  redirectUri: string
  scope: string
  loaMap: LoaMap
  levels: ProbeLevel[]
  rows: ProbeRow[]
  inFlight?: InFlight
  /** Why the run changed course (fell back to redirects, stopped). */
  notes: string[]
}

const byLoa = (a: ProbeLevel, b: ProbeLevel) =>
  (a.loa ?? 0) - (b.loa ?? 0) || (a.acr < b.acr ? -1 : a.acr > b.acr ? 1 : 0)

/**
 * The levels to probe, lowest first: the names of the LoA map in effect, or, without a map, the
 * request's ACR values (in LoA order when they are bare levels, else as listed).
 */
export function probeLevels(
  loaMap: LoaMap,
  requestAcrValues: readonly string[],
): Result<ProbeLevels> {
  const fromMap = Object.entries(loaMap).map(([acr, loa]) => ({ acr, loa }))
  let found: ProbeLevels
  if (fromMap.length > 0) {
    found = { levels: fromMap.sort(byLoa), from: 'map' }
  } else {
    const values = [...new Set(requestAcrValues)].filter((v) => v !== '')
    if (values.length === 0)
      return err(
        'Nothing to probe: there is no LoA map (from the realm, a link or typed under "LoA map") and the request names no ACR value.',
      )
    const levels = values.map((acr) => {
      const loa = loaOf(acr, {})
      return loa === undefined ? { acr } : { acr, loa }
    })
    found = {
      levels: levels.every((l) => l.loa !== undefined) ? levels.sort(byLoa) : levels,
      from: 'request',
    }
  }
  if (found.levels.length > PROBE_MAX_LEVELS)
    return err(
      `${found.levels.length} levels are too many to probe (at most ${PROBE_MAX_LEVELS}, one request each): narrow the LoA map.`,
    )
  return ok(found)
}

/**
 * The essential values that ask for `level`: it and every level at or above its LoA, lowest first.
 * A level without a LoA is asked alone.
 */
export function essentialValues(levels: readonly ProbeLevel[], level: ProbeLevel): string[] {
  if (level.loa === undefined) return [level.acr]
  const floor = level.loa
  const above = levels.filter((l) => l.acr !== level.acr && l.loa !== undefined && l.loa >= floor)
  return [level.acr, ...above.map((l) => l.acr)]
}

/** The claims request of one probe (OIDC Core 5.5.1.1). */
export function probeClaims(values: readonly string[]): string {
  return JSON.stringify({ id_token: { acr: { essential: true, values } } })
}

function isHttpUrl(value: string): boolean {
  const url = URL.parse(value)
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:')
}

interface ProbeTarget {
  issuer: string
  clientId: string
  authorizationEndpoint: string | undefined
  tokenEndpoint: string | undefined
  /** The silent page's URL. */
  redirectUri: string
  /** Extra scopes, space-separated; openid is always asked. */
  scope: string
}

/** A new run over `levels`, or why it cannot start. */
export function startRun(
  target: ProbeTarget,
  levels: ProbeLevels,
  loaMap: LoaMap,
  mode: ProbeMode,
  id: string,
  now: number,
): Result<ProbeRun> {
  if (!target.clientId) return err('No client ID: enter one under Provider.')
  const { authorizationEndpoint, tokenEndpoint } = target
  if (
    !authorizationEndpoint ||
    !tokenEndpoint ||
    !isHttpUrl(authorizationEndpoint) ||
    !isHttpUrl(tokenEndpoint)
  )
    return err(
      "The provider's discovery document gives no usable authorization_endpoint and token_endpoint.",
    )
  if (!isHttpUrl(target.redirectUri)) return err('The silent page has no http(s) URL.')
  return ok({
    v: 1,
    id,
    startedAt: now,
    transport: mode,
    issuer: target.issuer,
    clientId: target.clientId,
    authorizationEndpoint,
    tokenEndpoint,
    redirectUri: target.redirectUri,
    scope: target.scope,
    loaMap: { ...loaMap },
    levels: levels.levels,
    rows: [],
    notes: [],
  })
}

/** The next level to ask, or undefined when every level has its answer. */
export function nextLevel(run: ProbeRun): ProbeLevel | undefined {
  return run.levels[run.rows.length]
}

export interface ProbeSecrets {
  state: string
  nonce: string
  verifier: string
  /** BASE64URL(SHA-256(verifier)) (RFC 7636 4.2). */
  challenge: string
}

/** The scopes of a probe: openid, then the configured ones. */
export function probeScope(scope: string): string {
  return [...new Set(['openid', ...scope.split(/\s+/).filter(Boolean)])].join(' ')
}

/** Begin the probe of the next level: the run with it in flight, and the URL to load. */
export function beginProbe(
  run: ProbeRun,
  secrets: ProbeSecrets,
  now: number,
): Result<{ run: ProbeRun; url: string }> {
  const level = nextLevel(run)
  if (!level) return err('Every level has its answer.')
  const url = URL.parse(run.authorizationEndpoint)
  if (!url) return err('The authorization endpoint is not a URL.')
  const values = essentialValues(run.levels, level)
  const params: Record<string, string> = {
    client_id: run.clientId,
    redirect_uri: run.redirectUri,
    response_type: 'code',
    // Keeps the code out of the request line to the static host (and out of its logs).
    response_mode: 'fragment',
    scope: probeScope(run.scope),
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: secrets.challenge,
    code_challenge_method: 'S256',
    prompt: 'none',
    claims: probeClaims(values),
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  const inFlight: InFlight = {
    acr: level.acr,
    values,
    state: secrets.state,
    nonce: secrets.nonce,
    verifier: secrets.verifier,
    via: run.transport,
    sentAt: now,
  }
  return ok({ run: { ...run, inFlight }, url: url.href })
}

/** What came back to the silent page. */
type ProbeCallback =
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; description?: string }
  | { kind: 'unreadable'; reason: string }

const PRINTABLE = /^[\x20-\x7e]{1,200}$/

/**
 * Read the URL the silent page was loaded with: a code or an error for the probe in flight, or
 * why it is neither. The fragment is read (response_mode=fragment), the query when a provider
 * ignored the mode.
 */
export function readProbeCallback(href: string, redirectUri: string, state: string): ProbeCallback {
  const url = URL.parse(href)
  const expected = URL.parse(redirectUri)
  if (!url || !expected || url.origin + url.pathname !== expected.origin + expected.pathname)
    return { kind: 'unreadable', reason: 'The answer did not come to the silent page.' }
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''))
  const params = fragment.has('state') ? fragment : url.searchParams
  if (!params.has('state'))
    return { kind: 'unreadable', reason: 'The provider came back with no state, code or error.' }
  if (params.get('state') !== state)
    return {
      kind: 'unreadable',
      reason: 'The state that came back is not this probe’s: the answer was not used.',
    }
  const error = params.get('error')
  if (error !== null) {
    if (!PRINTABLE.test(error))
      return { kind: 'unreadable', reason: 'The provider came back with an unreadable error code.' }
    const description = params.get('error_description')
    return description !== null && description !== ''
      ? { kind: 'error', error, description: description.slice(0, 300) }
      : { kind: 'error', error }
  }
  const code = params.get('code')
  if (code) return { kind: 'code', code }
  return { kind: 'unreadable', reason: 'The provider came back with neither a code nor an error.' }
}

/** The token request of a probe (RFC 6749 4.1.3 with RFC 7636 4.5), as form fields. */
export function tokenRequest(
  run: ProbeRun,
  inFlight: InFlight,
  code: string,
): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: run.redirectUri,
    client_id: run.clientId,
    code_verifier: inFlight.verifier,
  }
}

function row(
  level: ProbeLevel,
  via: ProbeMode,
  held: Held,
  reason: string,
  extra: Partial<ProbeRow> = {},
): ProbeRow {
  return {
    acr: level.acr,
    ...(level.loa !== undefined ? { loa: level.loa } : {}),
    held,
    via,
    ...extra,
    reason,
  }
}

function levelOf(run: ProbeRun, inFlight: InFlight): ProbeLevel {
  return run.levels.find((l) => l.acr === inFlight.acr) ?? { acr: inFlight.acr }
}

/** The answer to an error callback: not held when the provider needs the End-User, else unknown. */
export function answerError(
  run: ProbeRun,
  inFlight: InFlight,
  callback: { error: string; description?: string },
): ProbeRow {
  const level = levelOf(run, inFlight)
  const said = callback.description ? ` (“${callback.description}”)` : ''
  if (NOT_HELD_ERRORS.includes(callback.error))
    return row(
      level,
      inFlight.via,
      'not-held',
      `The provider answered ${callback.error}${said}: it would need the user for this level.`,
      { error: callback.error },
    )
  return row(
    level,
    inFlight.via,
    'unknown',
    `The provider answered ${callback.error}${said}, which says nothing of the session’s level.`,
    { error: callback.error },
  )
}

/** An answer that could not be read or used: unknown, with the reason. */
export function answerUnknown(run: ProbeRun, inFlight: InFlight, reason: string): ProbeRow {
  return row(levelOf(run, inFlight), inFlight.via, 'unknown', reason)
}

function audienceHolds(aud: unknown, clientId: string): boolean {
  return aud === clientId || (Array.isArray(aud) && aud.includes(clientId))
}

/**
 * Finish one probe from the token endpoint's answer: held when the ID token's acr is at or above
 * the level, unknown on anything that is no sure answer. The tokens are only read here, never kept.
 */
export function finishProbe(
  run: ProbeRun,
  inFlight: InFlight,
  tokenAnswer: Result<unknown>,
): ProbeRow {
  const level = levelOf(run, inFlight)
  const unknown = (reason: string, extra: Partial<ProbeRow> = {}) =>
    row(level, inFlight.via, 'unknown', reason, extra)
  if (!tokenAnswer.ok)
    return unknown(`The code came back, but the token request failed: ${tokenAnswer.error}`)
  const body = tokenAnswer.value
  const idToken =
    typeof body === 'object' && body !== null
      ? (body as { id_token?: unknown }).id_token
      : undefined
  if (typeof idToken !== 'string') return unknown('The token response holds no ID token.')
  const decoded = decodeJwt(idToken)
  if (!decoded.ok) return unknown(`The ID token ${decoded.error}.`)
  const claims = decoded.value.payload
  if (claims.nonce !== inFlight.nonce)
    return unknown('The ID token’s nonce is not this probe’s: it was not used.')
  if (run.issuer && claims.iss !== run.issuer)
    return unknown(`The ID token’s issuer is not ${run.issuer}: it was not used.`)
  if (!audienceHolds(claims.aud, run.clientId))
    return unknown(`The ID token is not for client ${run.clientId}: it was not used.`)
  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : undefined
  const timed = authTime !== undefined ? { authTime } : {}
  const receivedAcr = acrClaim(claims)
  if (receivedAcr === undefined)
    return unknown(
      'The ID token has no acr claim (in Keycloak: the client lacks the acr client scope), so its level is unknown.',
      timed,
    )
  const receivedLoa = loaOf(receivedAcr, run.loaMap)
  const received = { receivedAcr, ...(receivedLoa !== undefined ? { receivedLoa } : {}), ...timed }
  const noAuthTime = authTime === undefined ? ' The ID token has no auth_time.' : ''
  if (level.loa !== undefined && receivedLoa !== undefined) {
    if (receivedLoa >= level.loa)
      return row(
        level,
        inFlight.via,
        'held',
        `A code came back without a login; the ID token says acr ${receivedAcr} (LoA ${receivedLoa}).${noAuthTime}`,
        received,
      )
    return unknown(
      `The provider gave acr ${receivedAcr} (LoA ${receivedLoa}), below the essential level asked: it did not honour the essential claim, so this is no sure answer.`,
      received,
    )
  }
  if (inFlight.values.includes(receivedAcr))
    return row(
      level,
      inFlight.via,
      'held',
      `A code came back without a login; the ID token says acr ${receivedAcr}, a value asked as essential.${noAuthTime}`,
      received,
    )
  return unknown(
    `The ID token says acr ${receivedAcr}, which no LoA map in effect places against ${level.acr}.`,
    received,
  )
}

/** The run without a probe in flight: its secrets are dropped with it. */
function settled(run: ProbeRun): ProbeRun {
  const copy = { ...run }
  delete copy.inFlight
  return copy
}

/** The run with one more answer; the probe in flight (and its secrets) is gone. */
export function withAnswer(run: ProbeRun, answer: ProbeRow): ProbeRun {
  return { ...settled(run), rows: [...run.rows, answer] }
}

/** The run asked by redirects from here on, and why. */
export function turnToRedirects(run: ProbeRun, why: string): ProbeRun {
  return { ...settled(run), transport: 'redirect', notes: [...run.notes, why] }
}

/** Stop the run: the level in flight and every level left are unknown, with the reason. */
export function stopRun(run: ProbeRun, reason: string, leftReason: string): ProbeRun {
  const inFlight = run.inFlight
  const via = inFlight?.via ?? run.transport
  const rows = [...run.rows]
  run.levels.slice(rows.length).forEach((level, i) => {
    rows.push(row(level, via, 'unknown', i === 0 && inFlight ? reason : leftReason))
  })
  return { ...settled(run), rows, notes: [...run.notes, reason] }
}

/**
 * Can the frame's "not held" be trusted? Only when the provider is on the page's own host (same
 * scheme and host name: same site): a browser may keep a provider's cookies from a frame of
 * another site (third-party cookie blocking), and the provider would then answer login_required
 * for a session that holds the level. A code is a sure answer either way.
 */
export function frameSeesSession(pageOrigin: string, authorizationEndpoint: string): boolean {
  const page = URL.parse(pageOrigin)
  const provider = URL.parse(authorizationEndpoint)
  return (
    page !== null &&
    provider !== null &&
    page.protocol === provider.protocol &&
    page.hostname === provider.hostname
  )
}

/** The highest level held, when the rows say so. */
export function highestHeld(rows: readonly ProbeRow[]): ProbeRow | undefined {
  return rows.filter((r) => r.held === 'held').at(-1)
}

// The run kept in sessionStorage while it is asked by redirects. Read back defensively: anything
// in Web Storage may have been edited.

const isString = (v: unknown): v is string => typeof v === 'string'
const isMode = (v: unknown): v is ProbeMode => v === 'frame' || v === 'redirect'
const isLoa = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

function readLevel(v: unknown): ProbeLevel | null {
  if (!isRecord(v) || !isString(v.acr) || (v.loa !== undefined && !isLoa(v.loa))) return null
  return v.loa === undefined ? { acr: v.acr } : { acr: v.acr, loa: v.loa }
}

function readRow(v: unknown): ProbeRow | null {
  if (!isRecord(v) || !isString(v.acr) || !isString(v.reason) || !isMode(v.via)) return null
  if (v.held !== 'held' && v.held !== 'not-held' && v.held !== 'unknown') return null
  const answer: ProbeRow = { acr: v.acr, held: v.held, via: v.via, reason: v.reason }
  if (isLoa(v.loa)) answer.loa = v.loa
  if (isString(v.error)) answer.error = v.error
  if (isString(v.receivedAcr)) answer.receivedAcr = v.receivedAcr
  if (isLoa(v.receivedLoa)) answer.receivedLoa = v.receivedLoa
  if (typeof v.authTime === 'number' && Number.isFinite(v.authTime)) answer.authTime = v.authTime
  return answer
}

function readInFlight(v: unknown): InFlight | null {
  if (!isRecord(v) || !isMode(v.via) || typeof v.sentAt !== 'number') return null
  if (![v.acr, v.state, v.nonce, v.verifier].every(isString)) return null
  if (!Array.isArray(v.values) || !v.values.every(isString)) return null
  return {
    acr: v.acr as string,
    values: v.values,
    state: v.state as string,
    nonce: v.nonce as string,
    verifier: v.verifier as string,
    via: v.via,
    sentAt: v.sentAt,
  }
}

/** A stored run, or null when there is none, it is not one, or it is older than `maxAgeMs`. */
export function parseProbeRun(
  raw: string | null,
  now: number,
  maxAgeMs = PROBE_RUN_MAX_AGE_MS,
): ProbeRun | null {
  if (raw === null || raw.length > 256 * 1024) return null
  let v: unknown
  try {
    v = JSON.parse(raw)
  } catch {
    return null
  }
  if (!isRecord(v) || v.v !== 1 || typeof v.startedAt !== 'number') return null
  if (!(now - v.startedAt >= 0 && now - v.startedAt <= maxAgeMs)) return null
  const fields = [
    v.id,
    v.issuer,
    v.clientId,
    v.authorizationEndpoint,
    v.tokenEndpoint,
    v.redirectUri,
    v.scope,
  ]
  if (!fields.every(isString) || !isMode(v.transport)) return null
  if (!isHttpUrl(v.authorizationEndpoint as string) || !isHttpUrl(v.tokenEndpoint as string))
    return null
  if (!isRecord(v.loaMap) || !Object.values(v.loaMap).every(isLoa)) return null
  if (!Array.isArray(v.levels) || !Array.isArray(v.rows) || !Array.isArray(v.notes)) return null
  if (v.levels.length > PROBE_MAX_LEVELS || v.rows.length > v.levels.length) return null
  const levels = v.levels.map(readLevel)
  const rows = v.rows.map(readRow)
  if (levels.some((l) => l === null) || rows.some((r) => r === null)) return null
  const inFlight = v.inFlight === undefined ? undefined : readInFlight(v.inFlight)
  if (inFlight === null) return null
  const run: ProbeRun = {
    v: 1,
    id: v.id as string,
    startedAt: v.startedAt,
    transport: v.transport,
    issuer: v.issuer as string,
    clientId: v.clientId as string,
    authorizationEndpoint: v.authorizationEndpoint as string,
    tokenEndpoint: v.tokenEndpoint as string,
    redirectUri: v.redirectUri as string,
    scope: v.scope as string,
    loaMap: Object.fromEntries(Object.entries(v.loaMap)) as LoaMap,
    levels: levels as ProbeLevel[],
    rows: rows as ProbeRow[],
    notes: v.notes.filter(isString),
  }
  if (inFlight) run.inFlight = inFlight
  return run
}
