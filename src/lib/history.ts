// Login attempts of this tab and what changed between two of them.
import type { AuthRequest } from './auth-request'
import type { JsonObject } from './claims-request'
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
