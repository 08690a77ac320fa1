// Login attempts of this tab and what changed between two of them.
import type { AuthRequest } from './auth-request'
import type { JsonObject } from './claims-request'
import type { PredictionRecord } from './hints'
import { REQUEST_PARAMS } from './request-params'
import type { Verdict } from './verdict'

export interface ProviderTarget {
  mode: 'keycloak' | 'oidc'
  url: string
  realm: string
  issuer: string
  clientId: string
}

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

export interface Change {
  name: string
  before: string
  after: string
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value)
}

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
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const changes = names
    .filter((name) => show(before[name]) !== show(after[name]))
    .map((name) => ({ name, before: show(before[name]), after: show(after[name]) }))
  return [
    ...changes.filter((c) => !NOISY.test(c.name)),
    ...changes.filter((c) => NOISY.test(c.name)),
  ]
}

export const HISTORY_LIMIT = 50

/** Read the history from sessionStorage text. Never throws; damaged entries are dropped. */
export function parseHistory(raw: string | null): Attempt[] {
  if (raw === null) return []
  try {
    const value: unknown = JSON.parse(raw)
    if (!Array.isArray(value)) return []
    return value.filter(
      (a): a is Attempt =>
        typeof a === 'object' &&
        a !== null &&
        typeof a.id === 'string' &&
        typeof a.startedAt === 'number' &&
        typeof a.request === 'object' &&
        typeof a.target === 'object',
    )
  } catch {
    return []
  }
}

/** The SSO session this tab has seen at a provider: what a prediction may assume about it. */
export interface SeenSession {
  /** The highest LoA this session was issued, with the newest auth_time. */
  loa?: number
  authTime?: number
  /** Per level, the newest auth_time of a login that gave it or more. */
  levelsAuthenticatedAt: Record<number, number>
  /** This client's last acr_values and claims in the session (Keycloak keeps them). */
  lastRequest: { acrValues?: string; claims?: string }
  sid?: string
}

function sameProvider(a: ProviderTarget, b: ProviderTarget): boolean {
  return a.mode === b.mode && a.url === b.url && a.realm === b.realm && a.issuer === b.issuer
}

/**
 * The session of the newest login at this provider in this tab (same `sid`), or undefined when
 * the tab has seen none. Whether the provider still holds it (logout, expiry elsewhere) cannot be
 * seen from here.
 */
export function seenSession(attempts: Attempt[], target: ProviderTarget): SeenSession | undefined {
  const mine = attempts
    .filter((a) => a.outcome?.kind === 'tokens' && sameProvider(a.target, target))
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
    if (o.loa !== undefined && authTime !== undefined) {
      for (let level = 1; level <= o.loa; level++) {
        const before = session.levelsAuthenticatedAt[level]
        if (before === undefined || authTime > before)
          session.levelsAuthenticatedAt[level] = authTime
      }
      session.loa = Math.max(session.loa ?? 0, o.loa)
    }
    if (authTime !== undefined) session.authTime = Math.max(session.authTime ?? 0, authTime)
    if (attempt.target.clientId === target.clientId) {
      // A request that omits one leaves the session's old one in place (Keycloak client notes).
      if (attempt.request.acrValues !== undefined)
        session.lastRequest.acrValues = attempt.request.acrValues
      if (attempt.request.claims !== undefined) session.lastRequest.claims = attempt.request.claims
    }
  }
  return session
}
