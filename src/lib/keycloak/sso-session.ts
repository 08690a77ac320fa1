// What the SSO session gives this login: CookieAuthenticator.authenticate with AcrStore
// (getHighestAuthenticatedLevelFromPreviousAuthentication) and the re-authentication of
// prompt=login and max_age. Rules: docs/keycloak-research.md#session.
import type { AuthRequest } from '../request/auth-request'
import { MINIMUM_LOA, NO_LOA, type LoginContext, type Notes } from './predict-types'
import { javaParseInt, type FlowModel } from './realm-model'

export interface SessionState {
  /** Level -> epoch seconds it was authenticated (the user session's loa-map note). */
  levelsAt: Map<number, number>
  /** The level this login starts from: -1 (NO_LOA) without a session or when re-authenticating. */
  current: number
  /** prompt=login or max_age passed: the session's levels do not count. */
  forced: boolean
  /** The cookie alone suffices: SSO, nothing asked. */
  cookieOnly: boolean
}

/** The prompt values of a request, as Keycloak splits them. */
export function prompts(request: AuthRequest): string[] {
  return (request.prompt ?? '').split(' ').filter(Boolean)
}

export function readSession(
  flow: FlowModel | undefined,
  request: AuthRequest,
  requestedLoa: number,
  context: LoginContext,
  notes: Notes,
): SessionState {
  const { reasons, unknowns } = notes
  const levels = flow?.levels ?? []
  const now = context.now
  const sso = context.ssoSession
  const state: SessionState = {
    levelsAt: new Map(),
    current: NO_LOA,
    forced: false,
    cookieOnly: false,
  }
  const levelsAt = state.levelsAt
  // Only a level condition of the flow records a level (ConditionalLoaAuthenticator
  // .onParentFlowSuccess). A session read from this tab's history lists every level up to the one
  // received, also those the flow has no sub-flow for: they are not in Keycloak's map.
  const configured = new Set(levels.map((l) => l.level))
  if (sso) {
    if (sso.levelsAuthenticatedAt) {
      for (const [key, at] of Object.entries(sso.levelsAuthenticatedAt)) {
        const level = javaParseInt(key)
        if (levels.length > 0 && !configured.has(level)) continue
        if (level !== undefined && typeof at === 'number') levelsAt.set(level, at)
      }
    } else if (sso.loa !== undefined) {
      const at = sso.authTime ?? now
      for (const level of levels)
        if (level.level !== undefined && level.level <= sso.loa && level.maxAge > 0)
          levelsAt.set(level.level, at)
      unknowns.push(
        `When each level of the session was authenticated is not given: assumed at ${sso.authTime === undefined ? 'this moment' : 'its auth_time'} for every level up to ${sso.loa}.`,
      )
    } else {
      unknowns.push("The SSO session's levels are not given: assumed it holds none.")
    }
  }
  const maxAgeOf = (level: number) => levels.find((l) => l.level === level)?.maxAge
  const asked = prompts(request)

  const hasCookie = flow?.hasCookie ?? true
  if (sso && !hasCookie)
    reasons.push(`Flow "${flow?.alias}" has no cookie step: the SSO session is not reused.`)
  if (!sso || !hasCookie) return state
  const promptLogin = asked.includes('login')
  let maxAgeExpired = false
  if (request.maxAge !== undefined) {
    if (sso.authTime === undefined && request.maxAge > 0)
      unknowns.push("The session's auth_time is not given: assumed max_age has not passed.")
    else maxAgeExpired = (sso.authTime ?? 0) + request.maxAge < now
  }
  if (promptLogin || maxAgeExpired) {
    state.forced = true
    reasons.push(
      `${promptLogin ? 'prompt=login' : `max_age=${request.maxAge}`} forces re-authentication: the session's levels do not count, every level up to the requested one is asked again.`,
    )
    return state
  }
  // AcrStore.getHighestAuthenticatedLevelFromPreviousAuthentication: lowest first, stop at the
  // first expired level.
  let previous = levelsAt.size === 0 ? NO_LOA : MINIMUM_LOA
  for (const level of [...levelsAt.keys()].sort((a, b) => a - b)) {
    const at = levelsAt.get(level) ?? 0
    if (now <= at + (maxAgeOf(level) ?? 0)) previous = level
    else break
  }
  state.current = previous
  if (requestedLoa > previous) {
    reasons.push(
      `Step-up: the session's valid level is ${previous}, the request needs ${requestedLoa}.`,
    )
  } else {
    state.cookieOnly = true
    reasons.push(
      requestedLoa === NO_LOA
        ? `No level requested: the SSO cookie suffices and the session's level (${previous}) is kept.`
        : `The session's valid level ${previous} already covers level ${requestedLoa}: SSO, nothing asked.`,
    )
  }
  return state
}
