// The only module that imports keycloak-js. The instance lives here, out of reactive state.
import Keycloak, { type OpenIdProviderMetadata } from 'keycloak-js'

import {
  toKeycloakLoginOptions,
  withClaimsParameter,
  type AuthRequest,
} from '@/lib/request/auth-request'
import type { DiscoveryMetadata } from '@/lib/provider/discovery'
import { identityKey, type ProviderTarget } from '@/lib/provider/provider-identity'
import type { RawTokens } from '@/lib/session/login-flow'
import { err, ok, type Result } from '@/lib/core/result'
import { KEYCLOAK_JS_CALLBACK_PREFIX } from '@/lib/storage/storage-keys'

export type { RawTokens } from '@/lib/session/login-flow'

let keycloak: Keycloak | undefined
let keycloakTarget = ''
/** The callback entry keycloak-js stored for the login URL on show, removed when replaced. */
let pendingState: string | undefined

/** What a full localStorage means here: keycloak-js keeps the login's state there across the redirect. */
const STORAGE_FULL =
  'the browser’s storage for this site is full, and keycloak-js keeps the login’s state (state, nonce, PKCE verifier) there across the redirect. Free some room (Forget everything, or clear what another app on this site stored), then try again'

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return STORAGE_FULL
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error !== null && 'error' in error) {
    const e = error as { error: unknown; error_description?: unknown }
    return `${String(e.error)}${e.error_description ? `: ${String(e.error_description)}` : ''}`
  }
  return String(error)
}

/**
 * Create and initialise keycloak-js for a provider. If the page URL holds a callback for it,
 * keycloak-js exchanges the code now. PKCE S256 and nonce are on; no login iframe (it only works
 * with Keycloak, and needs third-party cookies).
 */
export async function connect(
  target: ProviderTarget,
  metadata: DiscoveryMetadata | undefined,
  redirectUri: string,
): Promise<Result<{ authenticated: boolean }>> {
  const instance =
    target.mode === 'keycloak'
      ? new Keycloak({ url: target.url, realm: target.realm, clientId: target.clientId })
      : new Keycloak({
          clientId: target.clientId,
          oidcProvider: (metadata as OpenIdProviderMetadata | undefined) ?? target.issuer,
        })
  keycloak = instance
  keycloakTarget = identityKey(target)
  pendingState = undefined
  try {
    const authenticated = await instance.init({
      pkceMethod: 'S256',
      useNonce: true,
      checkLoginIframe: false,
      responseMode: 'fragment',
      redirectUri,
    })
    // keycloak-js has read the entry of a callback in the URL; the others are stale (issue 10).
    forgetCallbackEntries({ keepCurrent: false })
    return ok({ authenticated })
  } catch (error) {
    return err(describe(error))
  }
}

export function isConnectedTo(target: ProviderTarget): boolean {
  return keycloak !== undefined && keycloakTarget === identityKey(target) && keycloak.didInitialize
}

function removeCallbackEntry(state: string) {
  try {
    globalThis.localStorage?.removeItem(`${KEYCLOAK_JS_CALLBACK_PREFIX}${state}`)
  } catch {
    // storage unavailable: keycloak-js kept nothing either
  }
}

function forgetPendingState() {
  // keycloak-js keeps a callback entry (state, nonce, PKCE verifier) per login URL it makes.
  if (pendingState) removeCallbackEntry(pendingState)
  pendingState = undefined
}

/** Remove every keycloak-js callback entry but the one for the login URL on show. */
export function forgetCallbackEntries({ keepCurrent = true } = {}) {
  let keys: string[] = []
  try {
    keys = Object.keys(globalThis.localStorage ?? {})
  } catch {
    return
  }
  for (const key of keys) {
    if (!key.startsWith(KEYCLOAK_JS_CALLBACK_PREFIX)) continue
    const state = key.slice(KEYCLOAK_JS_CALLBACK_PREFIX.length)
    if (keepCurrent && state === pendingState) continue
    removeCallbackEntry(state)
  }
  if (!keepCurrent) pendingState = undefined
}

/** The exact URL a login navigates to: keycloak-js's URL, with the user's exact claims request. */
export async function createLoginUrl(
  request: AuthRequest,
  redirectUri: string,
): Promise<Result<{ url: string; state: string }>> {
  if (!keycloak?.didInitialize) return err('not connected to a provider')
  try {
    forgetPendingState()
    const made = await keycloak.createLoginUrl(toKeycloakLoginOptions(request, redirectUri))
    const url = withClaimsParameter(made, request.claims)
    const state = new URL(url).searchParams.get('state') ?? ''
    pendingState = state
    return ok({ url, state })
  } catch (error) {
    return err(describe(error))
  }
}

/** Hand the prepared URL over: from here the login belongs to the provider. */
export function releaseLoginUrl() {
  pendingState = undefined
}

export function tokens(): RawTokens {
  return {
    idToken: keycloak?.idToken,
    accessToken: keycloak?.token,
    refreshToken: keycloak?.refreshToken,
  }
}

/** keycloak-js updateToken(-1): a refresh now, whatever the access token's age. */
export async function refreshTokens(): Promise<Result<RawTokens>> {
  if (!keycloak?.refreshToken) return err('the provider issued no refresh token')
  try {
    await keycloak.updateToken(-1)
    return ok(tokens())
  } catch (error) {
    return err(describe(error) || 'the refresh request failed')
  }
}

/**
 * RP-initiated logout (OIDC RP-Initiated Logout 1.0): keycloak-js sends the user to the
 * provider's end_session_endpoint, with post_logout_redirect_uri back to this page.
 */
export function logoutUrl(redirectUri: string): Result<string> {
  if (!keycloak?.didInitialize) return err('not connected to a provider')
  try {
    return ok(keycloak.createLogoutUrl({ redirectUri }))
  } catch (error) {
    return err(`the provider advertises no end_session_endpoint (${describe(error)})`)
  }
}

export function forgetTokens() {
  keycloak?.clearToken()
}
