// Did the provider give what was asked? The verdict; why it came out so is src/lib/verdict/hints.ts.
import type { AuthRequest, RequestedAcr } from '../request/auth-request'
import { requestedAcr } from '../request/auth-request'
import type { JsonObject } from '../request/claims-request'
import { acrClaim, loaOf, type LoaMap } from './loa'

export type Verdict = 'satisfied' | 'downgraded' | 'essential-unmet' | 'no-acr' | 'not-requested'

export interface Evaluation {
  requested: RequestedAcr
  receivedAcr: string | undefined
  receivedLoa: number | undefined
  /** The lowest LoA among the requested values that the map knows. */
  requestedLoa: number | undefined
  verdict: Verdict
  /** The rule the verdict applied, in a sentence (each dialect reads the answer its own way). */
  rule?: string
  /** Where the verdict read the answer, when not only the ID token's acr: `access_token.acrs`. */
  answer?: { where: string; value: string }
}

export { acrClaim }

export function evaluate(
  request: AuthRequest,
  idToken: JsonObject | undefined,
  loaMap: LoaMap,
): Evaluation {
  const requested = requestedAcr(request)
  const receivedAcr = acrClaim(idToken)
  const receivedLoa = loaOf(receivedAcr, loaMap)
  const levels = requested.values
    .map((v) => loaOf(v, loaMap))
    .filter((l): l is number => l !== undefined)
  const requestedLoa = levels.length ? Math.min(...levels) : undefined

  let verdict: Verdict
  if (requested.values.length === 0) verdict = 'not-requested'
  else if (receivedAcr === undefined) verdict = 'no-acr'
  else if (
    requested.values.includes(receivedAcr) ||
    (receivedLoa !== undefined && requestedLoa !== undefined && receivedLoa >= requestedLoa)
  )
    verdict = 'satisfied'
  else verdict = requested.essential ? 'essential-unmet' : 'downgraded'

  return { requested, receivedAcr, receivedLoa, requestedLoa, verdict }
}
