// The authorization request parameters that matter for step-up, built from the configuration.
import { acrClaimOf, parseClaimsRequest } from './claims-request'
import type { PlaygroundConfig } from './config'
import {
  REQUEST_PARAMS,
  requestParams,
  SIMPLE_PARAMS,
  wireValue,
  type AuthRequest,
  type KeycloakLoginOptions,
} from './request-params'

export type { AuthRequest, KeycloakLoginOptions }

export { requestParams }

export type BuiltRequest = { ok: true; request: AuthRequest } | { ok: false; errors: string[] }

export function scopeWithOpenid(scope: string): string {
  const scopes = scope.split(/\s+/).filter(Boolean)
  return ['openid', ...scopes.filter((s) => s !== 'openid')].join(' ')
}

export function buildAuthRequest(config: PlaygroundConfig): BuiltRequest {
  const claims = parseClaimsRequest(config.claims)
  const errors = claims.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `claims: ${p.message}`)
  if (errors.length > 0) return { ok: false, errors }
  const request: AuthRequest = { scope: scopeWithOpenid(config.scope) }
  if (config.sendAcrValues && config.acrValues.length > 0)
    request.acrValues = config.acrValues.join(' ')
  if (claims.claims !== null) request.claims = JSON.stringify(claims.claims)
  for (const p of SIMPLE_PARAMS) {
    if (p.name === 'scope') continue // always sent, with openid
    const wire = wireValue(p, config)
    if (wire === undefined) continue
    if (p.requestKey === 'maxAge') request.maxAge = Number(wire)
    else (request as unknown as Record<string, string>)[p.requestKey] = wire
  }
  return { ok: true, request }
}

export interface RequestedAcr {
  values: string[]
  essential: boolean
  /** Which parameters the provider reads the level from. */
  source: 'claims' | 'acr_values' | 'both' | 'none'
}

/**
 * The level a request asks for, as Keycloak reads it (AcrUtils.getAcrValues): an essential
 * id_token.acr alone; otherwise `acr_values` and a voluntary claims request's values together.
 */
export function requestedAcr(request: AuthRequest): RequestedAcr {
  const acr = request.claims ? acrClaimOf(parseClaimsRequest(request.claims).claims) : undefined
  if (acr?.essential && acr.values.length > 0)
    return { values: acr.values, essential: true, source: 'claims' }
  const fromAcrValues = request.acrValues?.split(' ').filter(Boolean) ?? []
  const fromClaims = acr?.values ?? []
  const values = [...new Set([...fromAcrValues, ...fromClaims])]
  if (values.length === 0) return { values: [], essential: false, source: 'none' }
  const source =
    fromAcrValues.length && fromClaims.length ? 'both' : fromClaims.length ? 'claims' : 'acr_values'
  return { values, essential: false, source }
}

export function toKeycloakLoginOptions(
  request: AuthRequest,
  redirectUri: string,
): KeycloakLoginOptions {
  const options: KeycloakLoginOptions = { redirectUri, scope: request.scope }
  for (const { requestKey, keycloakOption } of REQUEST_PARAMS) {
    const value = request[requestKey]
    // keycloak-js types prompt as 'none' | 'login' but sends any value as given.
    if (keycloakOption !== undefined && value !== undefined)
      (options as unknown as Record<string, unknown>)[keycloakOption] = value
  }
  return options
}

/**
 * keycloak-js can only build `claims` as {"id_token":{"acr":…}}; the playground sends the user's
 * exact claims request instead, so it sets the parameter on the URL keycloak-js made.
 */
export function withClaimsParameter(loginUrl: string, claims: string | undefined): string {
  const url = new URL(loginUrl)
  url.searchParams.delete('claims')
  if (claims !== undefined) url.searchParams.set('claims', claims)
  return url.href
}
