// Who a provider target is. History, the login flow and the keycloak-js connection compare targets
// by this one key, so "the same provider" means the same thing everywhere.

/** The provider and client a login goes to, as the configuration names them. */
export interface ProviderTarget {
  mode: 'keycloak' | 'oidc'
  url: string
  realm: string
  issuer: string
  clientId: string
}

/**
 * A key equal for two targets exactly when they name the same provider (`'provider'`: one SSO
 * session) or the same client of it (`'client'`: one keycloak-js instance, one client's requests).
 */
export function identityKey(target: ProviderTarget, of: 'provider' | 'client' = 'client'): string {
  const provider = [target.mode, target.url, target.realm, target.issuer]
  return JSON.stringify(of === 'client' ? [...provider, target.clientId] : provider)
}
