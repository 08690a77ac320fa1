// Login attempts of this tab and what changed between two of them.
import type { AuthRequest } from '../request/auth-request'
import type { JsonObject } from '../request/claims-request'
import type { PredictionRecord } from '../verdict/hints'
import { identityKey, type ProviderTarget } from '../provider/provider-identity'
import { REQUEST_PARAMS } from '../request/request-params'
import type { Verdict } from '../verdict/verdict'

export type { ProviderTarget }

export type AttemptOutcome =
  | {
      kind: 'tokens'
      acr?: string
      loa?: number
      verdict: Verdict
      /** Decoded claims only: never the raw, signed tokens. */
      idToken: JsonObject
      accessToken?: JsonObject
    }
  | { kind: 'error'; error: string; errorDescription?: string }
  | { kind: 'never-returned' }

export interface Attempt {
  id: string
  startedAt: number
  target: ProviderTarget
  request: AuthRequest
  /** The state parameter sent, to match the callback to the attempt. */
  state?: string
  /** The nonce sent, which the ID token must carry back. */
  nonce?: string
  /** What the realm's configuration predicted, when the realm was known. */
  prediction?: PredictionRecord
  outcome?: AttemptOutcome
}

interface Change {
  name: string
  before: string
  after: string
}

/** Claims that are times (seconds since the epoch): shown with the UTC time they stand for. */
const TIME_CLAIM = /\.(auth_time|iat|exp|nbf)$/

function show(value: unknown, name = ''): string {
  if (value === undefined) return '(none)'
  if (typeof value === 'number' && TIME_CLAIM.test(name) && Number.isFinite(value)) {
    const at = new Date(value * 1000)
    if (!Number.isNaN(at.getTime()))
      return `${value} (${at.toISOString().slice(0, 19).replace('T', ' ')} UTC)`
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

const TOKEN_CLAIM = /^(id_token|access_token)\./

function summary(attempt: Attempt): Record<string, unknown> {
  const o = attempt.outcome
  const base: Record<string, unknown> = {}
  for (const { name, requestKey } of REQUEST_PARAMS)
    base[`request.${name}`] = attempt.request[requestKey]
  base.outcome = o?.kind ?? 'pending'
  if (o?.kind === 'tokens') {
    base.acr = o.acr
    base.LoA = o.loa
    base.verdict = o.verdict
    for (const [k, v] of Object.entries(o.idToken)) base[`id_token.${k}`] = v
    for (const [k, v] of Object.entries(o.accessToken ?? {})) base[`access_token.${k}`] = v
  } else if (o?.kind === 'error') {
    base.error = o.error
  }
  return base
}

/** Token identifiers and times that differ on every login; shown last so they do not hide the rest. */
const NOISY = /\.(jti|iat|exp|nonce|at_hash|c_hash|s_hash|session_state|sid)$/

/** What changed from `a` to `b`: the request, the outcome, acr, LoA, and every claim. */
export function diffAttempts(a: Attempt, b: Attempt): Change[] {
  const before = summary(a)
  const after = summary(b)
  // Against a login that got no tokens (an error, one under way), each claim would be a row of
  // "(none)": one row says it instead.
  const tokensOnBothSides = a.outcome?.kind === 'tokens' && b.outcome?.kind === 'tokens'
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => tokensOnBothSides || !TOKEN_CLAIM.test(name),
  )
  const changes = names
    .filter((name) => show(before[name], name) !== show(after[name], name))
    .map((name) => ({ name, before: show(before[name], name), after: show(after[name], name) }))
  if (!tokensOnBothSides && (a.outcome?.kind === 'tokens' || b.outcome?.kind === 'tokens')) {
    const tokens = (attempt: Attempt) =>
      attempt.outcome?.kind === 'tokens'
        ? `tokens (acr ${show(attempt.outcome.acr)}; claims not compared)`
        : '(no tokens)'
    changes.push({ name: 'tokens', before: tokens(a), after: tokens(b) })
  }
  return [
    ...changes.filter((c) => !NOISY.test(c.name)),
    ...changes.filter((c) => NOISY.test(c.name)),
  ]
}

export const HISTORY_LIMIT = 50

/** How long an attempt is kept: read after this, it is dropped. */
export const HISTORY_MAX_AGE_MS = 12 * 60 * 60 * 1000

/**
 * The claims the history keeps, of the ID and the access token: what the diff, the verdict and the
 * SSO-session reading need. Names, e-mail addresses, `sub` and every other claim are dropped: a
 * change of user always comes with a new SSO session (Keycloak and the demo provider both end the
 * session when another user logs in), which `sid` already shows, so no marker of `sub` is kept.
 */
export const KEPT_CLAIMS = ['acr', 'amr', 'auth_time', 'sid', 'iss', 'aud', 'azp', 'exp', 'iat']

/** Bounds on what is kept of one claim or text, so the history stays small whatever came back. */
const KEPT_TEXT_CHARS = 512
const KEPT_LIST_ITEMS = 20
const KEPT_DESCRIPTION_CHARS = 1000

function keptText(value: unknown, max = KEPT_TEXT_CHARS): string | undefined {
  if (typeof value !== 'string') return undefined
  return value.length > max ? `${value.slice(0, max - 1)}…` : value
}

function keptValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'boolean') return value
  if (Array.isArray(value))
    return value
      .slice(0, KEPT_LIST_ITEMS)
      .map((item) => keptText(item))
      .filter((item) => item !== undefined)
  return keptText(value)
}

/** The allow-listed claims of a token payload; everything else is dropped. */
export function keptClaims(payload: unknown): JsonObject {
  const kept: JsonObject = {}
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return kept
  for (const name of KEPT_CLAIMS) {
    if (!Object.hasOwn(payload, name)) continue
    const value = keptValue((payload as JsonObject)[name])
    if (value !== undefined) kept[name] = value
  }
  return kept
}

/** What the history keeps of an outcome: the verdict and the allow-listed claims. */
export function keptOutcome(outcome: AttemptOutcome): AttemptOutcome {
  if (outcome.kind === 'tokens') {
    const kept: AttemptOutcome = {
      kind: 'tokens',
      verdict: outcome.verdict,
      idToken: keptClaims(outcome.idToken),
    }
    const acr = keptText(outcome.acr)
    if (acr !== undefined) kept.acr = acr
    if (typeof outcome.loa === 'number' && Number.isFinite(outcome.loa)) kept.loa = outcome.loa
    if (outcome.accessToken !== undefined) kept.accessToken = keptClaims(outcome.accessToken)
    return kept
  }
  if (outcome.kind === 'error') {
    const kept: AttemptOutcome = { kind: 'error', error: keptText(outcome.error) ?? 'unknown' }
    const description = keptText(outcome.errorDescription, KEPT_DESCRIPTION_CHARS)
    if (description !== undefined) kept.errorDescription = description
    return kept
  }
  return { kind: 'never-returned' }
}

/** What the history keeps of an attempt: its request and matching data, the kept outcome. */
export function keptAttempt(attempt: Attempt): Attempt {
  const { outcome, ...rest } = attempt
  return outcome === undefined ? rest : { ...rest, outcome: keptOutcome(outcome) }
}

function isOutcome(value: unknown): value is AttemptOutcome {
  if (typeof value !== 'object' || value === null) return false
  const o = value as Record<string, unknown>
  if (o.kind === 'never-returned') return true
  if (o.kind === 'error') return typeof o.error === 'string'
  return o.kind === 'tokens' && typeof o.verdict === 'string'
}

function isAttempt(a: unknown): a is Attempt {
  if (typeof a !== 'object' || a === null) return false
  const o = a as Record<string, unknown>
  return (
    typeof o.id === 'string' &&
    typeof o.startedAt === 'number' &&
    typeof o.request === 'object' &&
    o.request !== null &&
    typeof o.target === 'object' &&
    o.target !== null &&
    (o.outcome === undefined || isOutcome(o.outcome))
  )
}

/**
 * Read the history from sessionStorage text. Never throws; damaged entries are dropped, and so
 * are attempts older than HISTORY_MAX_AGE_MS when `now` is given. What is kept of each attempt
 * is trimmed to the allow-list again, so a history written by an older version loses its names.
 */
export function parseHistory(raw: string | null, now?: number): Attempt[] {
  if (raw === null) return []
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value
    .filter(isAttempt)
    .filter((a) => now === undefined || now - a.startedAt <= HISTORY_MAX_AGE_MS)
    .slice(0, HISTORY_LIMIT)
    .map(keptAttempt)
}

/**
 * A request of a client that is not a login of this tab's history but that the provider kept in the
 * client's session all the same (a session probe's prompt=none answered with a code): Keycloak copies
 * a request's acr_values and claims onto the client session and never removes one a later request
 * omits, so a later prediction must know it.
 */
export interface ClientNote {
  target: ProviderTarget
  /** When it was sent (ms). */
  at: number
  acrValues?: string
  claims?: string
}

/** At most this many notes are kept (the newest). */
export const CLIENT_NOTES_LIMIT = 20

function isTarget(value: unknown): value is ProviderTarget {
  const t = value as ProviderTarget | null
  return (
    typeof t === 'object' &&
    t !== null &&
    (t.mode === 'keycloak' || t.mode === 'oidc') &&
    [t.url, t.realm, t.issuer, t.clientId].every((v) => typeof v === 'string' && v.length <= 2048)
  )
}

/** Read the notes from sessionStorage text. Never throws; damaged entries are dropped. */
export function parseClientNotes(raw: string | null): ClientNote[] {
  let value: unknown
  try {
    value = raw === null ? [] : JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value
    .filter((n): n is ClientNote => {
      const note = n as ClientNote | null
      return (
        typeof note === 'object' &&
        note !== null &&
        isTarget(note.target) &&
        typeof note.at === 'number' &&
        Number.isFinite(note.at) &&
        (note.acrValues === undefined ||
          (typeof note.acrValues === 'string' && note.acrValues.length <= 8192)) &&
        (note.claims === undefined ||
          (typeof note.claims === 'string' && note.claims.length <= 8192))
      )
    })
    .slice(0, CLIENT_NOTES_LIMIT)
    .map((n) => ({
      target: {
        mode: n.target.mode,
        url: n.target.url,
        realm: n.target.realm,
        issuer: n.target.issuer,
        clientId: n.target.clientId,
      },
      at: n.at,
      ...(n.acrValues !== undefined ? { acrValues: n.acrValues } : {}),
      ...(n.claims !== undefined ? { claims: n.claims } : {}),
    }))
}

/** The SSO session this tab has seen at a provider: what a prediction may assume about it. */
interface SeenSession {
  /** The highest LoA this session was issued, with the newest auth_time. */
  loa?: number
  authTime?: number
  /** Per level, the newest auth_time of a login that gave it or more. */
  levelsAuthenticatedAt: Record<number, number>
  /** This client's last acr_values and claims in the session (Keycloak keeps them). */
  lastRequest: { acrValues?: string; claims?: string }
  sid?: string
}

/** Levels below a session's level that are recorded one by one (see seenSession). */
const SESSION_LEVELS = 100

/**
 * The session of the newest login at this provider in this tab (same `sid`), or undefined when
 * the tab has seen none. Whether the provider still holds it (logout, expiry elsewhere) cannot be
 * seen from here.
 */
export function seenSession(
  attempts: Attempt[],
  target: ProviderTarget,
  notes: readonly ClientNote[] = [],
  /** Whether a login recorded its level in the session (a brokered login records none). */
  recordsLevel: (attempt: Attempt) => boolean = () => true,
): SeenSession | undefined {
  const mine = attempts
    .filter(
      (a) =>
        a.outcome?.kind === 'tokens' &&
        identityKey(a.target, 'provider') === identityKey(target, 'provider'),
    )
    .sort((a, b) => a.startedAt - b.startedAt)
  const newest = mine.at(-1)
  if (!newest || newest.outcome?.kind !== 'tokens') return undefined
  const sid = newest.outcome.idToken.sid
  const session: SeenSession = { levelsAuthenticatedAt: {}, lastRequest: {} }
  if (typeof sid === 'string') session.sid = sid
  for (const attempt of mine) {
    const o = attempt.outcome
    if (o?.kind !== 'tokens') continue
    if (session.sid !== undefined && o.idToken.sid !== session.sid) continue
    const authTime = typeof o.idToken.auth_time === 'number' ? o.idToken.auth_time : undefined
    if (o.loa !== undefined && authTime !== undefined && recordsLevel(attempt)) {
      // Levels are small in practice; a huge one (a hostile map, a provider's number) is recorded
      // itself, and the levels below it only up to SESSION_LEVELS, so this never loops for long.
      const levels = new Set([o.loa])
      for (let level = 1; level <= Math.min(o.loa, SESSION_LEVELS); level++) levels.add(level)
      for (const level of levels) {
        const before = session.levelsAuthenticatedAt[level]
        if (before === undefined || authTime > before)
          session.levelsAuthenticatedAt[level] = authTime
      }
      session.loa = Math.max(session.loa ?? 0, o.loa)
    }
    if (authTime !== undefined) session.authTime = Math.max(session.authTime ?? 0, authTime)
  }
  // This client's requests in the session, logins and noted ones, oldest first: a request that
  // omits one leaves the session's old one in place (Keycloak client notes).
  const sessionStart = mine.find(
    (a) =>
      session.sid === undefined ||
      (a.outcome?.kind === 'tokens' && a.outcome.idToken.sid === session.sid),
  )?.startedAt
  const requests = [
    ...mine
      .filter(
        (a) =>
          identityKey(a.target) === identityKey(target) &&
          (session.sid === undefined ||
            (a.outcome?.kind === 'tokens' && a.outcome.idToken.sid === session.sid)),
      )
      .map((a) => ({ at: a.startedAt, acrValues: a.request.acrValues, claims: a.request.claims })),
    ...notes.filter(
      (n) =>
        identityKey(n.target) === identityKey(target) &&
        sessionStart !== undefined &&
        n.at >= sessionStart,
    ),
  ].sort((a, b) => a.at - b.at)
  for (const request of requests) {
    if (request.acrValues !== undefined) session.lastRequest.acrValues = request.acrValues
    if (request.claims !== undefined) session.lastRequest.claims = request.claims
  }
  return session
}
