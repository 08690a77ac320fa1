// The login round trip and its result: begun before the redirect, finished after it. The flow's
// decisions are pure (src/lib/session/login-flow.ts); this store holds its state and does its I/O.
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'

import { safeStorage, useStoredRef } from '@/composables/useStoredRef'
import type { AuthRequest } from '@/lib/request/auth-request'
import type { CallbackParams } from '@/lib/session/callback'
import { judgeFreshness } from '@/lib/tokens/freshness'
import { parseHistory, type Attempt } from '@/lib/session/history'
import {
  beginAttempt,
  isKeycloak,
  issuerOf,
  type FailedLogin,
  type CompletedLogin,
} from '@/lib/session/login-flow'
import { STORAGE_KEY_LOGOUT, STORAGE_KEY_PENDING } from '@/lib/storage/storage-keys'
import type { PredictionRecord } from '@/lib/verdict/hints'
import type { DialectRules } from '@/lib/dialects/types'
import { acrClaim } from '@/lib/verdict/loa'
import { loadDialectRules } from '@/lib/provider/provider'
import * as authClient from '@/services/auth-client'
import type { Verification } from '@/services/verify'
import { useConfigStore } from './config'
import { useHistoryStore } from './history'
import { useProviderStore } from './provider'
import { useRealmStore } from './realm'

export type { FailedLogin, CompletedLogin } from '@/lib/session/login-flow'

/** Loads what only matters once tokens are back (jose); started as early as possible. */
const loadVerifier = () => import('@/services/verify')
/** The return half of the round trip: only a page opened with a login under way needs it. */
const loadReturn = () => import('@/lib/session/login-return')

export const useLoginStore = defineStore('login', () => {
  const provider = useProviderStore()
  const config = useConfigStore()
  const history = useHistoryStore()
  const realm = useRealmStore()
  const session = safeStorage('session')

  /** The attempt whose redirect is under way: written before leaving, taken once on return. */
  const pending = useStoredRef<Attempt | null>(
    STORAGE_KEY_PENDING,
    {
      read: (raw) => parseHistory(raw === null ? null : `[${raw}]`)[0] ?? null,
      write: (attempt) => (attempt ? JSON.stringify(attempt) : null),
    },
    { storage: session, deep: false },
  ).value
  /** An RP-initiated logout under way. */
  const logoutPending = useStoredRef<boolean>(
    STORAGE_KEY_LOGOUT,
    { read: (raw) => raw !== null, write: (marked) => (marked ? '1' : null) },
    { storage: session, deep: false },
  ).value

  const result = shallowRef<CompletedLogin | null>(null)
  const loginError = ref<FailedLogin | null>(null)
  /** Signature and claim checks of the tokens on show, filled in when they are done. */
  const verification = shallowRef<{ id?: Verification; access?: Verification } | null>(null)
  const refreshError = ref<string | null>(null)
  /** The page opened after a logout at the provider. */
  const loggedOut = ref(false)

  /** The verdict's rules: those of the dialect the provider speaks, loaded with the result. */
  const verdictRules = shallowRef<DialectRules | null>(null)
  const loadVerdictRules = async () => {
    const dialect = config.dialect
    if (verdictRules.value?.dialect !== dialect)
      verdictRules.value = markRaw(await loadDialectRules(dialect))
  }
  /** The verdict on the result, evaluated once per change of the result or the LoA map. */
  const evaluation = computed(() => {
    const current = result.value
    const rules = verdictRules.value
    if (!current || !rules) return null
    return rules.evaluate({
      request: current.request,
      idToken: current.idToken?.payload,
      accessToken: current.accessToken?.payload,
      loaMap: realm.loa.map,
    })
  })
  /** Was the authentication as fresh as max_age demands? Once per result, like the verdict. */
  const freshness = computed(() => {
    const current = result.value
    if (!current) return null
    return judgeFreshness(current.request, current.idToken?.payload, current.startedAt)
  })
  /** The hint rules, loaded with the first result (they only matter after a login). */
  const hintRules = shallowRef<typeof import('@/lib/verdict/hints') | null>(null)
  const loadHints = async () => (hintRules.value ??= markRaw(await import('@/lib/verdict/hints')))
  /** The prediction made for the login on show, if the realm was known then. */
  const resultPrediction = shallowRef<PredictionRecord | undefined>(undefined)
  /** Why the result is what it is: from the request, the tokens, the realm and the prediction. */
  const hints = computed(() => {
    const current = result.value
    const judged = evaluation.value
    if (!current || !judged || !hintRules.value) return []
    const input = {
      request: current.request,
      requested: judged.requested,
      idToken: current.idToken?.payload,
      receivedAcr: judged.receivedAcr,
      receivedLoa: judged.receivedLoa,
      verdict: judged.verdict,
      startedAt: current.startedAt / 1000,
      loa: realm.loa,
      keycloak: isKeycloak(current.target) || realm.applicable !== null,
      model: realm.applicable,
      ...(resultPrediction.value ? { prediction: resultPrediction.value } : {}),
    }
    const { hintsFor, defectHintsAt } = hintRules.value
    const all = [...hintsFor(input), ...defectHintsAt(input, realm.versionText, current.target.url)]
    return all.filter((hint) => verdictRules.value?.keepsHint?.(hint.code) ?? true)
  })

  /** Take the URL for `request` and record the attempt; returns where to navigate. */
  async function begin(request: AuthRequest, redirectUri: string): Promise<string | null> {
    if (provider.status !== 'ready') return null
    const target = { ...config.target }
    const taken = await provider.takeLoginUrl(request, redirectUri)
    if (!taken) return null
    const attempt = beginAttempt({
      id: crypto.randomUUID(),
      now: Date.now(),
      target,
      request,
      url: taken.url,
      state: taken.state,
      prediction: realm.prediction,
    })
    history.add(attempt)
    pending.value = attempt
    return taken.url
  }

  async function verify(current: CompletedLogin) {
    verification.value = null
    const { verifyToken } = await loadVerifier()
    const expected = {
      issuer: provider.metadata?.issuer ?? issuerOf(current.target),
      clientId: current.target.clientId,
      now: Math.floor(Date.now() / 1000),
    }
    const jwksUri = provider.metadata?.jwks_uri
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

  /**
   * Finish what the page opened with: the callback in its URL and the attempt under way (or a
   * logout). Connects to the provider either way; returns when the page is ready.
   */
  async function finish(callback: CallbackParams | null, redirectUri: string) {
    loggedOut.value = logoutPending.value
    logoutPending.value = false
    if (!callback && !pending.value) return // nothing to finish
    const { classifyReturn, finishAttempt, tokensOutcome } = await loadReturn()
    const step = classifyReturn(callback, pending.value)
    pending.value = null
    if (step.kind !== 'exchange') {
      if (step.kind === 'never-returned') {
        loginError.value = step.error
        history.complete(step.attempt, { kind: 'never-returned' })
      } else if (step.kind === 'unsolicited') {
        loginError.value = step.error
      }
      return
    }
    const { attempt } = step
    // Start jose, the hint rules and the provider's keys while keycloak-js exchanges the code.
    const verifier = loadVerifier()
    void loadHints()
    const rulesLoaded = loadVerdictRules()
    const connected = await provider.connect(attempt.target, redirectUri)
    void verifier.then((v) => v.preloadKeys(provider.metadata?.jwks_uri))
    const finished = finishAttempt(
      attempt,
      step.callback,
      connected.ok
        ? { ok: true, authenticated: connected.authenticated, tokens: authClient.tokens() }
        : { ok: false, error: connected.error ?? 'keycloak-js could not start' },
      Date.now(),
    )
    if (finished.kind === 'error') {
      loginError.value = finished.error
      history.complete(attempt, finished.outcome)
      return
    }
    result.value = markRaw(finished.result)
    resultPrediction.value = attempt.prediction
    loginError.value = null
    void verify(finished.result)
    // The LoA map may be the realm export's, whose reader loads lazily: the history (and what a
    // later prediction reads of this session) records the level with it, not before it is known.
    await Promise.all([realm.ready(), rulesLoaded])
    if (evaluation.value)
      history.complete(attempt, tokensOutcome(finished.result, evaluation.value))
  }

  /** Refresh the tokens (keycloak-js updateToken) and keep what they said before, to compare. */
  async function refreshTokens() {
    void loadHints()
    void loadVerdictRules()
    const current = result.value
    if (!current) return
    const [refreshed, { decodeResult }] = await Promise.all([
      authClient.refreshTokens(),
      loadReturn(),
    ])
    if (!refreshed.ok) {
      refreshError.value = `The refresh failed: ${refreshed.error}.`
      return
    }
    refreshError.value = null
    const next: CompletedLogin = markRaw({
      ...decodeResult(refreshed.value, current, Date.now()),
      refreshed: {
        at: Date.now(),
        idTokenAcr: acrClaim(current.idToken?.payload),
        accessTokenAcr: acrClaim(current.accessToken?.payload),
      },
    })
    result.value = next
    void verify(next)
  }

  /** The provider's logout URL; marks the logout so the return says what happened. */
  function beginLogout(redirectUri: string) {
    const url = provider.logoutUrl(redirectUri)
    if (url.ok) {
      logoutPending.value = true
      forget()
    }
    return url
  }

  /** Drop the tokens held in memory. */
  function forget() {
    authClient.forgetTokens()
    result.value = null
    resultPrediction.value = undefined
    loginError.value = null
    verification.value = null
    refreshError.value = null
  }

  return {
    /** A login or logout was under way when the page opened. */
    hasPending: pending.value !== null,
    result,
    evaluation,
    freshness,
    hints,
    resultPrediction,
    loginError,
    verification,
    refreshError,
    loggedOut,
    begin,
    finish,
    refreshTokens,
    beginLogout,
    forget,
  }
})
