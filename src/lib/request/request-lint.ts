// Problems a request is likely to hit, found before the redirect. Warnings only: never a block.
import { requestedAcr, type AuthRequest } from './auth-request'
import { parseClaimsRequest } from './claims-request'
import { acrValuesWithClaimsAdvice, factText } from '../keycloak/keycloak-facts'
import { loaOf, type LoaMap } from '../verdict/loa'
import type { LoaSource } from '../verdict/loa-source'

/** The provider metadata the lint reads (OpenID Connect Discovery 1.0, section 3). */
interface LintMetadata {
  acr_values_supported?: unknown
  claims_parameter_supported?: unknown
}

export interface LintWarning {
  id: string
  text: string
}

export function lintRequest(
  request: AuthRequest,
  metadata: LintMetadata | null,
  loaMap: LoaMap,
  /** Where the map came from: a client's own names are never in discovery. */
  loaSource?: LoaSource,
): LintWarning[] {
  const warnings: LintWarning[] = []
  const asked = requestedAcr(request)
  const acrValues = request.acrValues?.split(' ').filter(Boolean) ?? []
  const claims = request.claims ? parseClaimsRequest(request.claims) : undefined
  const allAcr = [...new Set([...acrValues, ...asked.values])]

  const supported = Array.isArray(metadata?.acr_values_supported)
    ? metadata.acr_values_supported.filter((v): v is string => typeof v === 'string')
    : undefined
  const clientNames = loaSource === 'client' ? Object.keys(loaMap) : []
  const unsupported = supported
    ? allAcr.filter((v) => !supported.includes(v) && !clientNames.includes(v))
    : []
  if (unsupported.length > 0) {
    warnings.push({
      id: 'acr-not-supported',
      text: `${unsupported.join(', ')} ${unsupported.length > 1 ? 'are' : 'is'} not in the provider's acr_values_supported (${supported?.join(', ') || 'empty'}): it may ignore or refuse ${unsupported.length > 1 ? 'them' : 'it'}.`,
    })
  }
  if (request.claims !== undefined && metadata?.claims_parameter_supported === false) {
    warnings.push({
      id: 'claims-not-supported',
      text: 'The provider says claims_parameter_supported: false: it will drop the claims request without a word.',
    })
  }
  if (acrValues.length > 1) {
    warnings.push({
      id: 'several-acr-values',
      text: `Several acr_values (${acrValues.join(' ')}): ${factText('several-acr-values')}`,
    })
  }
  if (acrValues.length > 0 && (asked.source === 'claims' || asked.source === 'both')) {
    warnings.push({
      id: 'both-acr-and-claims',
      text: acrValuesWithClaimsAdvice(asked.essential),
    })
  }
  const value = claims?.problems.find((p) => p.path.endsWith('acr.value'))
  if (value) warnings.push({ id: 'value-not-values', text: value.message })
  if (request.maxAge !== undefined && request.prompt === 'none') {
    warnings.push({
      id: 'max-age-with-prompt-none',
      text: 'max_age with prompt=none: if the session is older than max_age the provider must re-authenticate, which prompt=none forbids, so it answers login_required.',
    })
  }
  const unmapped = allAcr.filter((v) => loaOf(v, loaMap) === undefined)
  if (unmapped.length > 0) {
    warnings.push({
      id: 'acr-not-in-loa-map',
      text: `${unmapped.join(', ')} ${unmapped.length > 1 ? 'are' : 'is'} not in the ACR-to-LoA map: the verdict can only compare names, not levels.`,
    })
  }
  return warnings
}
