// Did the provider give what was asked? The verdict and the hints users need to read it.
import type { AuthRequest, RequestedAcr } from './auth-request'
import { requestedAcr } from './auth-request'
import type { JsonObject } from './claims-request'
import { loaOf, type LoaMap } from './loa'

export type Verdict = 'satisfied' | 'downgraded' | 'essential-unmet' | 'no-acr' | 'not-requested'

export interface Hint {
  id: string
  text: string
}

export interface Evaluation {
  requested: RequestedAcr
  receivedAcr: string | undefined
  receivedLoa: number | undefined
  /** The lowest LoA among the requested values that the map knows. */
  requestedLoa: number | undefined
  verdict: Verdict
  hints: Hint[]
}

function stringClaim(claims: JsonObject | undefined, name: string): string | undefined {
  const value = claims?.[name]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/** The acr claim as text, the one way everywhere: a string, or a number as Keycloak may send it. */
export function acrClaim(claims: JsonObject | undefined): string | undefined {
  return stringClaim(claims, 'acr')
}

export function evaluate(
  request: AuthRequest,
  idToken: JsonObject | undefined,
  loaMap: LoaMap,
  /** When the login started (epoch seconds): an older auth_time means nobody authenticated now. */
  loginStartedAt?: number,
): Evaluation {
  const requested = requestedAcr(request)
  const receivedAcr = acrClaim(idToken)
  const receivedLoa = loaOf(receivedAcr, loaMap)
  const levels = requested.values
    .map((v) => loaOf(v, loaMap))
    .filter((l): l is number => l !== undefined)
  const requestedLoa = levels.length ? Math.min(...levels) : undefined

  let verdict: Verdict
  if (requested.values.length === 0) verdict = 'not-requested'
  else if (receivedAcr === undefined) verdict = 'no-acr'
  else if (
    requested.values.includes(receivedAcr) ||
    (receivedLoa !== undefined && requestedLoa !== undefined && receivedLoa >= requestedLoa)
  )
    verdict = 'satisfied'
  else verdict = requested.essential ? 'essential-unmet' : 'downgraded'

  const hints: Hint[] = []
  if (receivedAcr === '0') {
    hints.push({
      id: 'acr-zero',
      text:
        'acr "0" means the provider reused your SSO session (its cookie) without authenticating you now; ' +
        'Keycloak does this when the browser flow has no Level of Authentication conditions. Ask for a level, ' +
        'or send prompt=login or max_age=0 to authenticate again.',
    })
  } else if (receivedAcr === '1' && requested.values.length === 0) {
    hints.push({
      id: 'acr-one',
      text:
        'acr "1" is Keycloak\'s answer to a fresh login when no level was asked for. Ask for a level ' +
        'with acr_values or a claims request to get a named one.',
    })
  }
  const authTime = idToken?.auth_time
  if (
    typeof authTime === 'number' &&
    loginStartedAt !== undefined &&
    authTime < loginStartedAt - 1
  ) {
    hints.push({
      id: 'sso-session',
      text:
        'auth_time is older than this login: the provider reused your SSO session and nobody authenticated now. ' +
        "The acr is the level that session already held (in Keycloak, while that level's max age lasts). " +
        'Send prompt=login or max_age=0 to authenticate again.',
    })
  }
  if (receivedAcr === undefined) {
    hints.push({
      id: 'no-acr-claim',
      text:
        'The ID token has no acr claim. In Keycloak the client needs the "acr" client scope (Client scopes tab, ' +
        'default scope); other providers may need "acr" in claims_supported.',
    })
  }
  if (requested.source === 'acr_values' && requested.values.length > 1) {
    hints.push({
      id: 'several-acr-values',
      text: `You asked for ${requested.values.join(', ')}: Keycloak runs the lowest of these levels, not the first.`,
    })
  }
  if (request.acrValues !== undefined && requested.source === 'claims') {
    hints.push({
      id: 'both-acr-and-claims',
      text:
        'Both acr_values and a claims request name a level. OIDC leaves the combination unspecified; ' +
        'Keycloak reads the claims request.',
    })
  }
  if (verdict === 'downgraded') {
    hints.push({
      id: 'voluntary-downgrade',
      text:
        'acr_values and a non-essential claims request only ask, and this provider answered with a lower level. ' +
        'Send an essential claims request to insist. (Keycloak 26 does not downgrade like this: when the user ' +
        "lacks a level's factor it stops on an error page, voluntary request or not.)",
    })
  }
  if (verdict === 'essential-unmet') {
    hints.push({
      id: 'essential-ignored',
      text:
        'The request was essential, yet the provider issued tokens with another level. That is a provider bug, ' +
        'or a claims request it did not read (some providers read only "values", not "value").',
    })
  }
  if (receivedAcr !== undefined && receivedLoa === undefined) {
    hints.push({
      id: 'unmapped-acr',
      text: `"${receivedAcr}" is not in the ACR-to-LoA map. Import the client's acr.loa.map to see its level.`,
    })
  }
  return { requested, receivedAcr, receivedLoa, requestedLoa, verdict, hints }
}
