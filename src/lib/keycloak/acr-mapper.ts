// Which acr the tokens carry: AcrProtocolMapper.getAcr over the client session's notes
// (TokenManager.attachAuthenticationSession keeps a request's acr_values and claims there), and
// whether the client's tokens carry the claim at all (the acr client scope and its mapper).
// Rules: docs/keycloak-research.md#acr-mapper and #client-session-notes.
import type { AuthRequest } from '../request/auth-request'
import { MINIMUM_LOA, type Notes, type SsoSession } from './predict-types'
import type { StepUpModel } from './realm-model'
import { mapLoaToAcr, mapped, readRequestedLevel, type ReadRequest } from './requested-level'

interface AcrInput {
  model: StepUpModel
  request: AuthRequest
  /** The level as this request read it. */
  read: ReadRequest
  /** The level the flow reached (-1 when none was recorded). */
  current: number
  /** The cookie alone authenticated: an SSO login. */
  ssoAuthentication: boolean
  ssoSession: SsoSession | undefined
}

interface AcrOutcome {
  /** The level the mapper reports. */
  loa: number
  /** What the mapper computes, even when the client has no acr claim. */
  computedAcr: string
  /** The acr claim of the ID token; undefined when the tokens carry none. */
  acr?: string
  /** The client session's notes after this login: what a later request that omits them reuses. */
  lastRequest: { acrValues?: string; claims?: string }
}

export function nameAcr(input: AcrInput, notes: Notes): AcrOutcome {
  const { model, request, read, ssoAuthentication, ssoSession: sso } = input
  const { reasons, unknowns } = notes
  const requested = read.requested
  let loa = input.current
  if (loa < MINIMUM_LOA) {
    loa = ssoAuthentication ? 0 : 1
    reasons.push(
      ssoAuthentication
        ? 'The session holds no level: Keycloak reports level 0 for an SSO login.'
        : 'No level was recorded: Keycloak reports level 1 for a fresh login.',
    )
  }
  // The mapper reads the client session notes: this request's acr_values and claims, or the
  // ones this client sent before in the session when this request omits them.
  const last = sso?.lastRequest
  const lastRequest: { acrValues?: string; claims?: string } = {}
  const acrNote = request.acrValues ?? last?.acrValues
  const claimsNote = request.claims ?? last?.claims
  if (acrNote !== undefined) lastRequest.acrValues = acrNote
  if (claimsNote !== undefined) lastRequest.claims = claimsNote
  const named =
    acrNote === request.acrValues && claimsNote === request.claims
      ? read
      : readRequestedLevel({ ...request, ...lastRequest }, model)
  if (named !== read)
    reasons.push(
      `This request omits ${request.acrValues === undefined && last?.acrValues !== undefined ? `acr_values (the client sent "${last.acrValues}" before)` : 'the claims the client sent before'}: Keycloak still names the level from the earlier value, kept in the client session.`,
    )
  else if (sso && !last && (request.acrValues === undefined || request.claims === undefined))
    unknowns.push(
      'If this client sent acr_values or claims earlier in this session, Keycloak names the level from them (they stay in the client session): not given.',
    )
  const map = model.loaMap.effective
  const computed =
    mapLoaToAcr(loa, map, named.essentialValues) ??
    mapLoaToAcr(loa, map, named.voluntaryValues) ??
    mapLoaToAcr(
      loa,
      map,
      model.loaMap.entries.map(([acr]) => acr),
    ) ??
    String(loa)
  const outcome: AcrOutcome = { loa, computedAcr: computed, lastRequest }
  const names = model.loaMap.entries.filter(([, l]) => l === loa).map(([acr]) => acr)
  if (names.length > 1 && !requested.values.includes(computed))
    reasons.push(
      `Several names map to level ${loa} (${names.join(', ')}): Keycloak sends the first in the acr.loa.map, unless one of them was requested.`,
    )
  const asked = [...named.essentialValues, ...named.voluntaryValues]
  if (computed === String(loa) && mapped(map, computed) === undefined && !asked.includes(computed))
    reasons.push(`No requested or mapped name fits level ${loa}: acr is the bare number "${loa}".`)

  const scope = request.scope.split(' ')
  const claimAbsent =
    model.acrScope.client === 'absent' ||
    (model.acrScope.client === 'optional' && !scope.includes('acr')) ||
    model.acrScope.mapper === 'absent' ||
    model.acrScope.inIdToken === false
  if (claimAbsent) {
    reasons.push(
      model.acrScope.mapper === 'absent'
        ? "The realm's acr client scope has no acr mapper: the tokens carry no acr."
        : model.acrScope.inIdToken === false
          ? 'The acr mapper is not added to the ID token.'
          : 'The client does not get the acr client scope: the tokens carry no acr (the level still ran).',
    )
  } else {
    outcome.acr = computed
    if (model.acrScope.client === 'unknown' || model.acrScope.mapper === 'unknown')
      unknowns.push(
        "Whether the client's tokens carry acr (the acr client scope and its mapper) is not fully in the export.",
      )
  }
  const lightweight =
    model.lightweightAccessToken.clientAttribute || model.lightweightAccessToken.byPolicy
  if (lightweight && model.acrScope.inLightweightAccessToken !== true)
    reasons.push(
      'The client uses lightweight access tokens and the acr mapper is not marked for them: the access token has no acr (the ID token does).',
    )
  return outcome
}
