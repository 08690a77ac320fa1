// What a dialect of step-up is: how to ask for a level, where the answer is, how to judge it.
import type { AuthRequest, RequestedAcr } from '../request/auth-request'
import type { JsonObject } from '../request/claims-request'
import type { PlaygroundConfig } from '../request/config'
import type { LoaMap } from '../verdict/loa'
import type { Dialect } from '../provider/dialect-names'
import type { Evaluation } from '../verdict/verdict'

interface VerdictInput {
  request: AuthRequest
  idToken: JsonObject | undefined
  accessToken: JsonObject | undefined
  loaMap: LoaMap
}

export interface DialectRules {
  dialect: Dialect
  /**
   * The configuration asking for `values`, as this provider reads a request. Absent: the ACR list
   * as acr_values (and the claims request's id_token.acr values), as every other dialect asks.
   */
  ask?: (config: PlaygroundConfig, values: string[]) => PlaygroundConfig
  /** A claims request typed or replayed from a challenge, completed as this provider needs it. */
  claimsText?: (text: string) => { claims: string; acrValues?: string[] }
  /** What a request asks for, read where this provider reads it. */
  requested: (request: AuthRequest) => RequestedAcr
  evaluate: (input: VerdictInput) => Evaluation
  /** Whether a hint (src/lib/verdict/hints.ts, by code) holds in this dialect; absent: all do. */
  keepsHint?: (code: string) => boolean
}
