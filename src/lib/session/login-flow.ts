// The login round trip, begun before the redirect (here) and finished after it
// (login-return.ts, loaded only when the page opens with a callback or a login under way): pure,
// so every branch is a table test. The store (src/stores/login.ts) holds its state and does the
// I/O; components only wire.
import type { AuthRequest } from '../request/auth-request'
import { isKeycloakTarget } from '../provider/provider'
import type { ErrorExplanation } from './callback'
import type { Attempt, ProviderTarget } from './history'
import type { DecodedJwt } from '../tokens/jwt'
import type { PredictionRecord } from '../verdict/hints'
import type { LoginPrediction } from '../keycloak/predict'

export interface RawTokens {
  idToken?: string
  accessToken?: string
  refreshToken?: string
}

export interface CompletedLogin {
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
  raw: RawTokens
}

export interface FailedLogin {
  error: string
  description?: string
  explanation: ErrorExplanation
  /** Where the playground learned of it, when that matters. */
  note?: string
  request?: AuthRequest
  /**
   * A callback no login of this tab asked for: what it carried. Anyone can write such a URL, so
   * this text is shown only on request, marked as not from this login, never in the explanation.
   */
  ignored?: IgnoredCallback
}

/** What an ignored callback carried, each text shortened to IGNORED_TEXT_CHARS. */
export interface IgnoredCallback {
  error?: string
  errorDescription?: string
  errorUri?: string
  /** It carried an authorization code (never exchanged). */
  hadCode: boolean
}

export const IGNORED_TEXT_CHARS = 500

export function issuerOf(target: ProviderTarget): string {
  return target.mode === 'keycloak'
    ? `${target.url.replace(/\/+$/, '')}/realms/${encodeURIComponent(target.realm)}`
    : target.issuer
}

/** The attempt to record before leaving for the provider: what was asked, and how to match the reply. */
export function beginAttempt(input: {
  id: string
  now: number
  target: ProviderTarget
  request: AuthRequest
  url: string
  state: string
  prediction?: LoginPrediction | null
}): Attempt {
  const nonce = URL.parse(input.url)?.searchParams.get('nonce') ?? undefined
  const attempt: Attempt = {
    id: input.id,
    startedAt: input.now,
    target: { ...input.target },
    request: input.request,
    state: input.state,
    nonce,
  }
  if (input.prediction) attempt.prediction = predictionRecord(input.prediction)
  return attempt
}

/** What the history keeps of a prediction: enough to compare it with what happened. */
function predictionRecord(prediction: LoginPrediction): PredictionRecord {
  const record: PredictionRecord = {
    outcome: prediction.outcome,
    steps: prediction.steps,
    reasons: prediction.reasons.slice(0, 20),
  }
  if (prediction.acr !== undefined) record.acr = prediction.acr
  if (prediction.loa !== undefined) record.loa = prediction.loa
  if (prediction.errorPage !== undefined) record.errorPage = prediction.errorPage
  if (prediction.error !== undefined) record.error = prediction.error
  return record
}

/** Is this the Keycloak the playground knows the behaviour of? (src/lib/provider/provider.ts) */
export const isKeycloak: (target: ProviderTarget) => boolean = isKeycloakTarget
