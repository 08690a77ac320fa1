// Which level a request asks for, as Keycloak reads it: AuthorizationEndpoint
// .updateAuthenticationSession with AcrUtils (getRequiredAcrValues, getAcrValues,
// enforceMinimumAcr, getLoaForAcr, mapLoaToAcr) and LoAUtil.getLoAConfiguredInRealmBrowserFlow.
// Rules: docs/keycloak-research.md#requested-level and #loa-map.
import { requestedAcr, type AuthRequest } from '../request/auth-request'
import { acrClaimOf, parseClaimsRequest } from '../request/claims-request'
import { KEYCLOAK_PAGES } from './keycloak-facts'
import { MINIMUM_LOA, NO_LOA, type RequestedLevel } from './predict-types'
import { javaParseInt, type StepUpModel } from './realm-model'

/** Java String.split(" "): empty strings kept inside, trailing ones dropped. */
function javaSplitSpace(text: string): string[] {
  if (!text.includes(' ')) return [text]
  const parts = text.split(' ')
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

export function mapped(map: Record<string, number>, acr: string): number | undefined {
  return Object.hasOwn(map, acr) ? map[acr] : undefined
}

/** LoAUtil.getLoAConfiguredInRealmBrowserFlow: 0 plus the realm browser flow's levels, or 0 and 1. */
function realmBrowserLevels(model: StepUpModel): number[] {
  const levels = (model.realmBrowserFlow?.levels ?? [])
    .map((l) => l.level)
    .filter((l): l is number => l !== undefined)
  return levels.length > 0 ? [MINIMUM_LOA, ...levels] : [MINIMUM_LOA, 1]
}

/** AcrUtils.getLoaForAcr: the map, else a realm browser flow level written as a number. */
function loaForAcr(acr: string, model: StepUpModel): number | undefined {
  const loa = mapped(model.loaMap.effective, acr)
  if (loa !== undefined) return loa
  return realmBrowserLevels(model).find((l) => String(l) === acr)
}

/** AcrUtils.enforceMinimumAcr (docs/keycloak-research.md#requested-level). */
function enforceMinimumAcr(values: string[], model: StepUpModel, reasons: string[]): string[] {
  const minimum = model.minimumAcrValue
  if (minimum === undefined) return values
  const minimumLoa = loaForAcr(minimum, model)
  if (minimumLoa === undefined) {
    reasons.push(
      `The client's minimum ACR "${minimum}" maps to no level: Keycloak ignores it (a warning in its log).`,
    )
    return values
  }
  const kept = values.filter((v) => {
    const loa = loaForAcr(v, model)
    return loa !== undefined && loa >= minimumLoa
  })
  if (kept.length === 0) {
    reasons.push(
      values.length === 0
        ? `Nothing was requested, so the client's minimum ACR "${minimum}" is asked for.`
        : `${values.map((v) => `"${v}"`).join(', ')} ${values.length === 1 ? 'is' : 'are'} below or outside the client's minimum ACR "${minimum}": Keycloak asks for "${minimum}" instead.`,
    )
    return [minimum]
  }
  if (kept.length < values.length) {
    reasons.push(
      `The client's minimum ACR "${minimum}" drops ${values.filter((v) => !kept.includes(v)).join(', ')}.`,
    )
  }
  return kept
}

export interface ReadRequest {
  requested: RequestedLevel
  /** The essential values as the acr mapper re-reads them (AcrUtils.getRequiredAcrValues). */
  essentialValues: string[]
  /** AcrUtils.getAcrValues(claims, acr_values, client): voluntary values, defaults, minimum. */
  voluntaryValues: string[]
  errorPage?: string
}

/**
 * AuthorizationEndpoint.updateAuthenticationSession: the requested level and its checks
 * (docs/keycloak-research.md#requested-level).
 */
export function readRequestedLevel(
  request: AuthRequest,
  model: StepUpModel,
  reasons: string[] = [],
  unknowns: string[] = [],
): ReadRequest {
  const parsed = request.claims !== undefined ? parseClaimsRequest(request.claims) : undefined
  if (parsed && parsed.claims === null && request.claims?.trim() !== '') {
    unknowns.push(
      'The claims parameter is not a JSON object: Keycloak logs "Invalid claims parameter" and reads no level from it; other checks may reject the request.',
    )
  }
  const claim = acrClaimOf(parsed?.claims ?? null)
  const essentialValues = claim?.essential ? claim.values : []

  const fromRequest = [
    ...(request.acrValues !== undefined ? javaSplitSpace(request.acrValues) : []),
    ...(claim?.values ?? []),
  ]
  if (request.acrValues !== undefined && /(^ | {2})/.test(request.acrValues)) {
    reasons.push(
      'acr_values has a leading or double space: Keycloak reads an empty value there, which maps to level 0.',
    )
  }
  const defaults = fromRequest.length === 0 ? model.defaultAcrValues : []
  const quietReasons: string[] = []
  const voluntaryValues = enforceMinimumAcr(
    fromRequest.length > 0 ? fromRequest : defaults,
    model,
    quietReasons,
  )

  let requested: RequestedLevel
  let errorPage: string | undefined
  if (essentialValues.length > 0) {
    const enforced = enforceMinimumAcr(essentialValues, model, [])
    const same =
      enforced.length === essentialValues.length &&
      enforced.every((v, i) => v === essentialValues[i])
    if (!same) {
      reasons.push(
        `The essential values ${essentialValues.join(', ')} include one below (or outside the map of) the client's minimum ACR "${model.minimumAcrValue}": Keycloak refuses an essential request it would have to lower.`,
      )
      errorPage = KEYCLOAK_PAGES.invalidClaims
    }
    requested = {
      values: essentialValues,
      essential: true,
      source: 'claims (essential)',
      loa: NO_LOA,
    }
    reasons.push(
      `The claims request marks id_token.acr essential: Keycloak reads only its values (${essentialValues.join(', ')}) and fails the login if it cannot reach them.`,
    )
    if (request.acrValues !== undefined)
      reasons.push('acr_values is ignored: an essential claims request takes precedence.')
  } else {
    reasons.push(...quietReasons)
    const source =
      fromRequest.length > 0
        ? ('acr_values and claims' as const)
        : defaults.length > 0
          ? ('default.acr.values' as const)
          : ('none' as const)
    if (source === 'default.acr.values')
      reasons.push(
        `Nothing was requested: Keycloak uses the client's default ACR values (${defaults.join(', ')}).`,
      )
    requested = {
      values: voluntaryValues,
      essential: false,
      source: voluntaryValues.length > 0 && source === 'none' ? 'minimum.acr.value' : source,
      loa: NO_LOA,
    }
    if (claim && claim.values.length > 0 && request.acrValues !== undefined) {
      const shown = requestedAcr(request).values
      reasons.push(
        `Keycloak reads acr_values and the voluntary claims values together (${fromRequest.join(', ')}), not only ${shown.join(', ')}.`,
      )
    }
  }

  const levels: number[] = []
  for (const acr of requested.values) {
    const loa = mapped(model.loaMap.effective, acr) ?? javaParseInt(acr)
    if (loa !== undefined) {
      levels.push(loa)
    } else if (requested.essential) {
      reasons.push(
        `"${acr}" is essential, not a number and not in the ${model.loaMap.source === 'none' ? '(empty) ' : ''}acr.loa.map: Keycloak stops with "${KEYCLOAK_PAGES.invalidClaims}".`,
      )
      errorPage = KEYCLOAK_PAGES.invalidClaims
    } else {
      reasons.push(
        `"${acr}" is not a number and not in the acr.loa.map: Keycloak counts it as level 0 (and logs a warning).`,
      )
      levels.push(MINIMUM_LOA)
    }
  }
  if (levels.length > 0) requested.loa = Math.min(...levels)
  if (levels.length > 1)
    reasons.push(
      `Several values were requested: Keycloak runs the lowest of their levels (${requested.loa}).`,
    )
  const result: ReadRequest = { requested, essentialValues, voluntaryValues }
  if (errorPage !== undefined) result.errorPage = errorPage
  return result
}

/**
 * AcrUtils.mapLoaToAcr: the value with the highest level at or below `loa`, first one on ties
 * (docs/keycloak-research.md#acr-mapper).
 */
export function mapLoaToAcr(
  loa: number,
  map: Record<string, number>,
  values: string[],
): string | undefined {
  if (Object.keys(map).length === 0 || values.length === 0) return undefined
  let acr: string | undefined
  let maxLoa = -1
  for (const value of values) {
    const level = mapped(map, value) ?? javaParseInt(value)
    if (level !== undefined && level > maxLoa && loa >= level) {
      acr = value
      maxLoa = level
    }
  }
  return acr
}
