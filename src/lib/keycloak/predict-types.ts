// The shapes the prediction phases pass along (docs/keycloak-research.md).
import type { AuthenticatorInfo, FlowModel } from './realm-model'

/** Constants.NO_LOA and Constants.MINIMUM_LOA (docs/keycloak-research.md#requested-level). */
export const NO_LOA = -1
export const MINIMUM_LOA = 0

export interface SsoSession {
  /** The level the session holds (what the last token's acr stood for). */
  loa?: number
  /** The session's auth_time, epoch seconds. */
  authTime?: number
  /** Keycloak's loa-map user session note: level -> epoch seconds it was authenticated. */
  levelsAuthenticatedAt?: Record<number, number>
  /**
   * The acr_values and claims this client last sent in this session. Keycloak keeps them as
   * client session notes, and a later request that omits one leaves the old one in place; the
   * acr mapper names the level from them.
   */
  lastRequest?: { acrValues?: string; claims?: string }
}

export interface LoginContext {
  ssoSession?: SsoSession
  /** Credential types the user holds: 'password', 'otp', 'webauthn', 'webauthn-passwordless'… */
  userCredentials?: string[]
  /** Epoch seconds. */
  now: number
}

export type LoginOutcome = 'tokens' | 'error-page' | 'error-callback'

export interface RequestedLevel {
  /** The ACR values Keycloak ends up with, after default and minimum ACR. */
  values: string[]
  essential: boolean
  source:
    | 'claims (essential)'
    | 'acr_values and claims'
    | 'default.acr.values'
    | 'minimum.acr.value'
    | 'none'
  /** The lowest LoA among them; -1 when nothing is requested. */
  loa: number
}

export interface LoginPrediction {
  outcome: LoginOutcome
  /** The acr claim in the ID token; undefined when the tokens will carry none. */
  acr?: string
  /** What the acr mapper computes, even when the client has no acr claim. */
  computedAcr?: string
  loa?: number
  requested: RequestedLevel
  /** The flow that runs (a client policy may pick another than the client's). */
  flowAlias?: string
  /** The factors asked, in order: 'password', 'otp', 'webauthn', 'otp or webauthn'… */
  steps: string[]
  /** Required actions that register a missing credential along the way. */
  setup: string[]
  /** The identity provider the login is brokered to, and what Keycloak asks it. */
  broker?: BrokerLogin
  /** Text of Keycloak's error page. */
  errorPage?: string
  /** The `error` of the error callback. */
  error?: string
  /** The SSO session after a successful login, to chain the next prediction. */
  session?: Required<Pick<SsoSession, 'loa' | 'levelsAuthenticatedAt' | 'lastRequest'>> & {
    authTime?: number
  }
  reasons: string[]
  unknowns: string[]
}

/** Where a phase stopped the login: Keycloak's own page, or an error callback. */
export type Stop =
  { outcome: 'error-page'; errorPage: string } | { outcome: 'error-callback'; error: string }

/** What every phase writes to: the explanation, in order, and what it cannot know. */
export interface Notes {
  reasons: string[]
  unknowns: string[]
}

export type { AuthenticatorInfo, FlowModel }

/** A login brokered to an identity provider: which one, and the acr_values Keycloak sends it. */
export interface BrokerLogin {
  /** The identity provider's alias (kc_idp_hint). */
  alias: string
  /**
   * The acr_values Keycloak sends that provider: the request's own, verbatim; null when it sends
   * none; undefined when the export does not tell.
   */
  forwardedAcrValues: string | null | undefined
}
