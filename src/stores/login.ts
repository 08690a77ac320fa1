import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'

import { requestedAcr, type AuthRequest } from '@/lib/auth-request'
import { explainLoginError, type CallbackParams, type ErrorExplanation } from '@/lib/callback'
import type { Attempt, AttemptOutcome, ProviderTarget } from '@/lib/history'
import { decodeJwt, type DecodedJwt } from '@/lib/jwt'
import type { LoaMap } from '@/lib/loa'
import { evaluate } from '@/lib/verdict'
import { callApi, type ApiAnswer } from '@/services/api'
import * as authClient from '@/services/auth-client'
import { fetchDiscovery, type ProviderMetadata } from '@/services/discovery'
import type { Verification } from '@/services/verify'
import { fetchUserinfo } from '@/services/userinfo'
import type { JsonObject } from '@/lib/claims-request'

export interface LoginResult {
  request: AuthRequest
  target: ProviderTarget
  /** When the login started (ms): auth_time before it means the SSO session was reused. */
  startedAt: number
  /** The nonce the request sent. */
  nonce?: string
  receivedAt: number
  /** Set after a token refresh: what the tokens said before it. */
  refreshed?: { at: number; idTokenAcr?: string; accessTokenAcr?: string }
  idToken?: DecodedJwt
  idTokenError?: string
  accessToken?: DecodedJwt
  accessTokenError?: string
  /** The raw tokens, held in memory only, for display and copy. */
  raw: authClient.RawTokens
}

export interface LoginError {
  error: string
  description?: string
  explanation: ErrorExplanation
  /** Where the playground learned of it, when that matters. */
  note?: string
  request?: AuthRequest
}

export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'failed'

export function issuerOf(target: ProviderTarget): string {
  return target.mode === 'keycloak'
    ? `${target.url.replace(/\/+$/, '')}/realms/${encodeURIComponent(target.realm)}`
    : target.issuer
}

export const useLoginStore = defineStore('login', () => {
  const status = ref<ConnectionStatus>('idle')
  const connectionError = ref<string | null>(null)
  /** A problem that does not stop a login (Keycloak mode needs no discovery). */
  const connectionWarning = ref<string | null>(null)
  const metadata = shallowRef<ProviderMetadata | null>(null)
  /** The login URL on show, and the request it was made for. */
  const prepared = ref<{ url: string; state: string; requestKey: string } | null>(null)
  const prepareError = ref<string | null>(null)
  const result = shallowRef<LoginResult | null>(null)
  const loginError = ref<LoginError | null>(null)
  let connectRun = 0
  let prepareRun = 0

  async function discover(target: ProviderTarget) {
    return fetchDiscovery(issuerOf(target))
  }

  /** Read the provider's metadata and set up keycloak-js for it. Later calls win over earlier ones. */
  async function connectTo(target: ProviderTarget, redirectUri: string) {
    // Already set up (for example by the login that just came back): keep its tokens.
    if (status.value === 'ready' && authClient.isConnectedTo(target)) return
    const run = ++connectRun
    status.value = 'connecting'
    connectionError.value = null
    connectionWarning.value = null
    prepared.value = null
    if (
      !target.clientId ||
      (target.mode === 'oidc' ? !target.issuer : !target.url || !target.realm)
    ) {
      status.value = 'failed'
      connectionError.value =
        target.mode === 'oidc'
          ? 'Enter an issuer URL and a client ID.'
          : 'Enter the server URL, realm and client ID.'
      return
    }
    const discovered = await discover(target)
    if (run !== connectRun) return
    if (!discovered.ok && target.mode === 'oidc') {
      status.value = 'failed'
      connectionError.value = discovered.error
      metadata.value = null
      return
    }
    metadata.value = discovered.ok ? markRaw(discovered.value) : null
    if (!discovered.ok) connectionWarning.value = discovered.error
    const connected = await authClient.connect(target, metadata.value ?? undefined, redirectUri)
    if (run !== connectRun) return
    if (!connected.ok) {
      status.value = 'failed'
      connectionError.value = `keycloak-js could not start: ${connected.error}`
      return
    }
    status.value = 'ready'
  }

  /** Make the exact login URL for a request, so the user sees it before sending it. */
  async function prepare(request: AuthRequest, redirectUri: string) {
    const run = ++prepareRun
    const made = await authClient.createLoginUrl(request, redirectUri)
    if (run !== prepareRun) return
    if (made.ok) {
      prepared.value = { ...made.value, requestKey: JSON.stringify(request) }
      prepareError.value = null
    } else {
      prepared.value = null
      prepareError.value = made.error
    }
  }

  /** Take the URL for `request`, making it first if the one on show is for another request. */
  async function takeLoginUrl(request: AuthRequest, redirectUri: string) {
    if (prepared.value?.requestKey !== JSON.stringify(request)) await prepare(request, redirectUri)
    const taken = prepared.value
    if (taken) authClient.releaseLoginUrl()
    return taken
  }

  function decodedResult(
    raw: authClient.RawTokens,
    base: Pick<LoginResult, 'request' | 'target' | 'startedAt' | 'nonce'>,
  ): LoginResult {
    const next: LoginResult = {
      request: base.request,
      target: base.target,
      startedAt: base.startedAt,
      nonce: base.nonce,
      receivedAt: Date.now(),
      raw: markRaw(raw),
    }
    if (raw.idToken) {
      const decoded = decodeJwt(raw.idToken)
      if (decoded.ok) next.idToken = markRaw(decoded.value)
      else next.idTokenError = `The ID token ${decoded.error}.`
    } else {
      next.idTokenError = 'No ID token came back: was openid in the scope?'
    }
    if (raw.accessToken) {
      const decoded = decodeJwt(raw.accessToken)
      if (decoded.ok) next.accessToken = markRaw(decoded.value)
      else next.accessTokenError = `The access token ${decoded.error}; it cannot be read here.`
    }
    return next
  }

  /** Signature and claim checks of the tokens on show, filled in when they are done. */
  const verification = shallowRef<{ id?: Verification; access?: Verification } | null>(null)

  async function verify(current: LoginResult) {
    verification.value = null
    const { verifyToken } = await import('@/services/verify')
    const expected = {
      issuer: metadata.value?.issuer ?? issuerOf(current.target),
      clientId: current.target.clientId,
      now: Math.floor(Date.now() / 1000),
    }
    const jwksUri = metadata.value?.jwks_uri
    const [id, access] = await Promise.all([
      current.raw.idToken && current.idToken
        ? verifyToken(current.raw.idToken, current.idToken.payload, jwksUri, {
            ...expected,
            kind: 'id',
            nonce: current.nonce,
          })
        : undefined,
      current.raw.accessToken && current.accessToken
        ? verifyToken(current.raw.accessToken, current.accessToken.payload, jwksUri, {
            ...expected,
            kind: 'access',
          })
        : undefined,
    ])
    if (result.value === current) verification.value = markRaw({ id, access })
  }

  const refreshError = ref<string | null>(null)

  /** Refresh the tokens (keycloak-js updateToken) and keep what they said before, to compare. */
  async function refreshTokens() {
    const current = result.value
    if (!current) return
    const refreshed = await authClient.refreshTokens()
    if (!refreshed.ok) {
      refreshError.value = `The refresh failed: ${refreshed.error}.`
      return
    }
    refreshError.value = null
    const acrOf = (token?: DecodedJwt) =>
      token?.payload.acr === undefined ? undefined : String(token.payload.acr)
    result.value = {
      ...decodedResult(refreshed.value, current),
      refreshed: {
        at: Date.now(),
        idTokenAcr: acrOf(current.idToken),
        accessTokenAcr: acrOf(current.accessToken),
      },
    }
    void verify(result.value)
  }

  function fail(
    error: string,
    description: string | undefined,
    request: AuthRequest | undefined,
    note?: string,
  ) {
    loginError.value = { error, description, explanation: explainLoginError(error), note, request }
  }

  /**
   * Finish the login whose redirect brought the user back (or did not). Returns the outcome for the
   * history, or undefined when there was nothing to finish.
   */
  async function completeReturn(
    callback: CallbackParams | null,
    pending: Attempt | null,
    redirectUri: string,
    loaMap: LoaMap,
  ): Promise<AttemptOutcome | undefined> {
    if (!callback && !pending) return undefined
    if (!callback && pending) {
      const asked = requestedAcr(pending.request)
      loginError.value = {
        error: 'never_returned',
        request: pending.request,
        explanation: {
          title: 'The last login never came back',
          text:
            (asked.values.length > 0
              ? `It asked for ${asked.values.join(' ')}${asked.essential ? ' (essential)' : ''}. When Keycloak ` +
                'cannot reach a requested level (the user lacks its factor and may not enrol one), it stops on ' +
                'its own error page, "Cannot login, credential setup required", for acr_values as much as for an ' +
                'essential claims request, and never redirects back with unmet_authentication_requirements. '
              : '') +
            'Otherwise the provider showed an error page (for example an unregistered redirect URI), or the ' +
            "login page was left before it finished. Start the login again and read the provider's page.",
        },
      }
      return { kind: 'never-returned' }
    }
    const cb = callback as CallbackParams
    if (!pending || pending.state !== cb.state) {
      fail(
        cb.error ?? 'unexpected_callback',
        cb.errorDescription,
        undefined,
        'This page was opened with a login response that no login in this tab started (another tab, or an old ' +
          'link), so it was ignored.',
      )
      return undefined
    }
    status.value = 'connecting'
    const discovered = await discover(pending.target)
    metadata.value = discovered.ok ? markRaw(discovered.value) : null
    const connected = await authClient.connect(
      pending.target,
      metadata.value ?? undefined,
      redirectUri,
    )
    status.value = connected.ok ? 'ready' : 'failed'
    if (cb.error) {
      fail(
        cb.error,
        cb.errorDescription,
        pending.request,
        connected.ok
          ? 'keycloak-js reported nothing (it drops errors after prompt=none); the playground read this from the redirect.'
          : undefined,
      )
      return { kind: 'error', error: cb.error, errorDescription: cb.errorDescription }
    }
    if (!connected.ok || !connected.value.authenticated) {
      const description = connected.ok ? 'keycloak-js finished without tokens' : connected.error
      fail(
        'token_request_failed',
        description,
        pending.request,
        'The provider sent a code, but exchanging it for tokens failed. Usually the token endpoint refused this ' +
          "page's origin (CORS; Keycloak: the client's Web origins), did not send Access-Control-Allow-Credentials: " +
          'true, or the code was already used.',
      )
      return { kind: 'error', error: 'token_request_failed', errorDescription: description }
    }
    const current = decodedResult(authClient.tokens(), pending)
    result.value = current
    loginError.value = null
    userinfo.value = null
    userinfoError.value = null
    void verify(current)
    const evaluation = evaluate(
      pending.request,
      current.idToken?.payload,
      loaMap,
      pending.startedAt / 1000,
    )
    return {
      kind: 'tokens',
      acr: evaluation.receivedAcr,
      loa: evaluation.receivedLoa,
      verdict: evaluation.verdict,
      idToken: current.idToken?.payload ?? {},
      accessToken: current.accessToken?.payload,
    }
  }

  const apiAnswer = shallowRef<ApiAnswer | null>(null)
  const apiError = ref<string | null>(null)
  const apiCalling = ref(false)

  /** Call an API with the access token held in memory. */
  async function callWithAccessToken(url: string) {
    const token = result.value?.raw.accessToken
    if (!token) return
    apiCalling.value = true
    const answer = await callApi(url, token)
    apiCalling.value = false
    apiAnswer.value = answer.ok ? answer.value : null
    apiError.value = answer.ok ? null : answer.error
  }

  const userinfo = shallowRef<JsonObject | null>(null)
  const userinfoError = ref<string | null>(null)

  /** Ask the UserInfo endpoint with the access token, to compare what it says with the tokens. */
  async function askUserinfo() {
    const current = result.value
    const token = current?.raw.accessToken
    if (!current || !token) return
    const endpoint =
      metadata.value?.userinfo_endpoint ??
      (current.target.mode === 'keycloak'
        ? `${issuerOf(current.target)}/protocol/openid-connect/userinfo`
        : undefined)
    if (!endpoint) {
      userinfoError.value = 'The provider advertises no userinfo_endpoint.'
      return
    }
    const answer = await fetchUserinfo(endpoint, token)
    userinfo.value = answer.ok ? markRaw(answer.value) : null
    userinfoError.value = answer.ok ? null : answer.error
  }

  /** The provider's logout URL for this session (keycloak-js adds id_token_hint). */
  function logoutUrl(redirectUri: string) {
    return authClient.logoutUrl(redirectUri)
  }

  /** Drop the tokens held in memory. */
  function forget() {
    authClient.forgetTokens()
    result.value = null
    loginError.value = null
    verification.value = null
    userinfo.value = null
    userinfoError.value = null
    apiAnswer.value = null
    apiError.value = null
  }

  return {
    status,
    connectionError,
    connectionWarning,
    metadata,
    prepared,
    prepareError,
    result,
    loginError,
    verification,
    refreshError,
    refreshTokens,
    apiAnswer,
    apiError,
    apiCalling,
    callWithAccessToken,
    logoutUrl,
    userinfo,
    userinfoError,
    askUserinfo,
    connectTo,
    prepare,
    takeLoginUrl,
    completeReturn,
    forget,
  }
})
