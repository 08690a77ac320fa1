// A login the identity provider redirector sends to another provider: what Keycloak asks that
// provider (AbstractOAuth2IdentityProvider.createAuthorizationUrl, appendForwardedParameters) and
// which level it records when the user comes back (IdentityBrokerService finishes the login
// without the rest of the browser flow, so no level condition runs).
// Rules: docs/keycloak-research.md#brokered-login.
import type { AuthRequest } from '../request/auth-request'
import { realmFactText as factText } from './keycloak-realm-facts'
import type { BrokerLogin, Notes } from './predict-types'
import type { IdentityProviderInfo, StepUpModel } from './realm-model'

/** Whether Keycloak forwards acr_values to this provider, from its "Forwarded query parameters". */
export function forwardsAcrValues(provider: IdentityProviderInfo | undefined): boolean | undefined {
  if (!provider) return undefined
  if (provider.providerId !== undefined && !/oidc/.test(provider.providerId)) return false
  if (provider.forwardParameters === undefined) return true
  return provider.forwardParameters
    .split(',')
    .map((name) => name.trim())
    .includes('acr_values')
}

/** The acr_values the provider is asked (only the request's acr_values parameter is ever sent). */
export function forwardedAcrValues(
  provider: IdentityProviderInfo | undefined,
  request: Pick<AuthRequest, 'acrValues'>,
): string | null | undefined {
  const forwards = forwardsAcrValues(provider)
  if (forwards === undefined) return request.acrValues === undefined ? null : undefined
  return forwards && request.acrValues ? request.acrValues : null
}

/** What a login brokered to `alias` asks the provider, and what it cannot tell. */
export function readBrokerLogin(
  model: StepUpModel,
  request: AuthRequest,
  alias: string,
  notes: Notes,
): BrokerLogin {
  const { reasons, unknowns } = notes
  const provider = model.brokers?.find((p) => p.alias === alias)
  const forwarded = forwardedAcrValues(provider, request)
  if (forwarded) reasons.push(`${factText('broker-forwards-acr-values')} Here: "${forwarded}".`)
  else if (forwarded === null && request.acrValues)
    reasons.push(
      `The identity provider "${alias}" has Forwarded query parameters without acr_values ("${provider?.forwardParameters}"): ${factText('broker-forward-parameters')}`,
    )
  else if (forwarded === undefined)
    unknowns.push(
      `The identity provider "${alias}" is not in the export: whether it is asked acr_values "${request.acrValues}" is unknown.`,
    )
  if (request.claims !== undefined || model.defaultAcrValues.length || model.minimumAcrValue)
    reasons.push(factText('broker-claims-not-forwarded'))
  reasons.push(factText('broker-records-no-level'))
  unknowns.push(
    `What the identity provider "${alias}" asks the user, and the acr it returns, are outside this realm's export (and this Keycloak does not read that acr).`,
  )
  return { alias, forwardedAcrValues: forwarded }
}

/** Whether the identity provider redirector sends this request to a provider (kc_idp_hint). */
export function isBrokered(model: StepUpModel, request: Pick<AuthRequest, 'kcIdpHint'>): boolean {
  const hint = request.kcIdpHint
  return (
    !!hint &&
    model.flow?.hasIdpRedirector === true &&
    model.identityProviders?.includes(hint) !== false
  )
}
