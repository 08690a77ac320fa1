// Reads a provider's OpenID configuration, with a message for each way it goes wrong.
import { discoveryUrl, parseDiscovery, type DiscoveryMetadata } from '@/lib/provider/discovery'
import { err, type Result } from '@/lib/core/result'

export { discoveryUrl, type DiscoveryMetadata } from '@/lib/provider/discovery'

export async function fetchDiscovery(
  issuer: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<DiscoveryMetadata>> {
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
  return parseDiscovery(body, url)
}
