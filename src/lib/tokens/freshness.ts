// Was the authentication fresh enough? max_age is a requirement, acr_values only a request
// (RFC 9470 section 4): a provider may answer a lower acr, but must not reuse an authentication
// older than max_age (OIDC Core 3.1.2.1: "the OP MUST attempt to actively re-authenticate").
import type { AuthRequest } from '../request/auth-request'
import type { JsonObject } from '../request/claims-request'

export type Freshness = 'fresh' | 'stale' | 'no-auth-time' | 'not-requested'

export interface FreshnessEvaluation {
  verdict: Freshness
  maxAge?: number
  authTime?: number
  /** Seconds from auth_time to the start of the login; negative: authenticated during it. */
  ageAtStart?: number
  reason: string
}

/** auth_time is whole seconds (floored) and the browser's clock is not the provider's. */
const FRESHNESS_SLACK_SECONDS = 1

/**
 * The rule: the provider checks max_age when the request reaches it, at or after `startedAt`.
 * - auth_time >= startedAt - slack: the user authenticated during this login: fresh.
 * - auth_time + max_age >= startedAt - slack: an earlier authentication, still within max_age when
 *   the request left, so the provider may reuse it: fresh.
 * - otherwise the provider reused an authentication already older than max_age: stale.
 * Without auth_time nothing can be judged; OIDC Core 2 makes it REQUIRED when max_age is sent.
 */
export function judgeFreshness(
  request: Pick<AuthRequest, 'maxAge'>,
  idToken: JsonObject | undefined,
  startedAt: number,
): FreshnessEvaluation {
  const { maxAge } = request
  if (maxAge === undefined)
    return { verdict: 'not-requested', reason: 'No max_age was sent: any authentication counts.' }
  const raw = idToken?.auth_time
  if (typeof raw !== 'number' || !Number.isFinite(raw))
    return {
      verdict: 'no-auth-time',
      maxAge,
      reason: `max_age=${maxAge} was sent, but the ID token has no auth_time (OIDC Core 2 requires it then): freshness cannot be checked.`,
    }
  const authTime = raw
  // Compared in whole seconds, as auth_time is.
  const start = Math.floor(startedAt / 1000)
  const ageAtStart = start - authTime
  const base = { maxAge, authTime, ageAtStart }
  if (authTime >= start - FRESHNESS_SLACK_SECONDS)
    return {
      ...base,
      verdict: 'fresh',
      reason: `auth_time ${authTime} is after the login started: the user authenticated during this login, as max_age=${maxAge} demands.`,
    }
  if (authTime + maxAge >= start - FRESHNESS_SLACK_SECONDS)
    return {
      ...base,
      verdict: 'fresh',
      reason: `auth_time ${authTime}: an earlier authentication, ${ageAtStart} s old when the login started, within max_age=${maxAge}: the provider may reuse it.`,
    }
  return {
    ...base,
    verdict: 'stale',
    reason: `auth_time ${authTime}: the provider reused an authentication ${ageAtStart} s old when the login started, beyond max_age=${maxAge}. It must re-authenticate instead (OIDC Core 3.1.2.1).`,
  }
}
