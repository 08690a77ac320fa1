// "Copy as": the current request as keycloak-js code, as a URL, and the token exchange as curl.
import { toKeycloakLoginOptions, type AuthRequest } from './auth-request'
import { acrClaimOf, parseClaimsRequest, type AcrClaim } from './claims-request'
import type { ProviderTarget } from '../session/history'

/** keycloak-js login options: what toKeycloakLoginOptions gives, plus `acr` when it can carry the claims request. */
interface SnippetLoginOptions extends Omit<
  ReturnType<typeof toKeycloakLoginOptions>,
  'redirectUri'
> {
  redirectUri: string
  acr?: AcrClaim | Record<string, unknown>
}

/**
 * keycloak-js builds the claims parameter only as {"id_token":{"acr": options.acr}}. Returns the acr
 * object when the request's claims are exactly that, else undefined.
 */
function keycloakAcrOption(request: AuthRequest): Record<string, unknown> | undefined {
  if (!request.claims) return undefined
  const claims = parseClaimsRequest(request.claims).claims
  if (!claims || Object.keys(claims).length !== 1 || !acrClaimOf(claims)) return undefined
  const idToken = claims.id_token as Record<string, unknown>
  if (Object.keys(idToken).length !== 1) return undefined
  return idToken.acr as Record<string, unknown>
}

function snippetLoginOptions(request: AuthRequest, redirectUri: string): SnippetLoginOptions {
  const options: SnippetLoginOptions = toKeycloakLoginOptions(request, redirectUri)
  const acr = keycloakAcrOption(request)
  if (acr) options.acr = acr
  return options
}

export function keycloakJsSnippet(
  request: AuthRequest,
  target: ProviderTarget,
  redirectUri: string,
): string {
  const config =
    target.mode === 'keycloak'
      ? { url: target.url, realm: target.realm, clientId: target.clientId }
      : { oidcProvider: target.issuer, clientId: target.clientId }
  const options = snippetLoginOptions(request, redirectUri)
  const lost =
    request.claims && !options.acr
      ? '\n// keycloak-js cannot send this claims request (it builds only {"id_token":{"acr":…}}):\n' +
        `// ${request.claims}\n`
      : ''
  return (
    "import Keycloak from 'keycloak-js'\n\n" +
    `const keycloak = new Keycloak(${JSON.stringify(config, null, 2)})\n` +
    "await keycloak.init({ pkceMethod: 'S256', checkLoginIframe: false })\n" +
    lost +
    `await keycloak.login(${JSON.stringify(options, null, 2)})\n`
  )
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** The token request that follows the redirect (RFC 6749 section 4.1.3, with PKCE). */
export function tokenExchangeCurl(
  tokenEndpoint: string,
  clientId: string,
  redirectUri: string,
): string {
  const fields = [
    ['grant_type', 'authorization_code'],
    ['client_id', clientId],
    ['redirect_uri', redirectUri],
    ['code', '<the code from the redirect>'],
    ['code_verifier', '<the PKCE code_verifier keycloak-js kept>'],
  ]
  return [
    `curl -X POST ${shellQuote(tokenEndpoint)}`,
    ...fields.map(([name, value]) => `  --data-urlencode ${shellQuote(`${name}=${value}`)}`),
  ].join(' \\\n')
}
