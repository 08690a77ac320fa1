// Reads a provider's OpenID configuration, with a message for each way it goes wrong.
import { err, ok, type Result } from '@/lib/result'

export interface ProviderMetadata {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  end_session_endpoint?: string
  userinfo_endpoint?: string
  jwks_uri?: string
  acr_values_supported?: string[]
  claims_parameter_supported?: boolean
  claims_supported?: string[]
  [key: string]: unknown
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
}

export async function fetchDiscovery(
  issuer: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<ProviderMetadata>> {
  const url = discoveryUrl(issuer)
  let response: Response
  try {
    response = await fetchImpl(url, { headers: { Accept: 'application/json' } })
  } catch {
    return err(
      `Could not reach ${url}. The provider is down, the address is wrong, or it does not allow this page's ` +
        'origin (CORS): the browser does not say which. Check that the URL opens in a tab, and that the ' +
        "client allows this page's origin (Keycloak: the client's Web origins).",
    )
  }
  if (!response.ok) {
    return err(
      `${url} answered HTTP ${response.status}: ${response.status === 404 ? 'no provider here; check the issuer (Keycloak: server URL and realm)' : 'the provider refused'}.`,
    )
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    return err(`${url} did not answer with JSON: is it an OpenID Provider?`)
  }
  const metadata = body as Partial<ProviderMetadata>
  if (
    typeof metadata.authorization_endpoint !== 'string' ||
    typeof metadata.token_endpoint !== 'string'
  ) {
    return err(`${url} has no authorization_endpoint or token_endpoint.`)
  }
  return ok(metadata as ProviderMetadata)
}
