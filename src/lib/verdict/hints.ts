// Why the tokens say what they say. Every hint is derived from what is known: the request, the
// tokens, this tab's history, and, when the realm was imported, Keycloak's configuration and the
// prediction made from it. Where the cause depends on something the playground cannot see, the hint
// says so instead of asserting. Each code is listed in the README with the test that proves it.
import type { AuthRequest, RequestedAcr } from '../request/auth-request'
import type { JsonObject } from '../request/claims-request'
import { acrValuesWithClaimsAdvice, factText, KEYCLOAK_PAGES } from '../keycloak/keycloak-facts'
import type { ChosenLoaMap } from './loa-source'
import { loaOf } from './loa'
import type { StepUpModel } from '../keycloak/realm-model'
import type { Verdict } from './verdict'

export { defectHintsAt, type DefectHint } from '../keycloak/keycloak-defects'

export type HintCode =
  | 'sso-reused'
  | 'acr-zero'
  | 'fresh-no-level'
  | 'no-acr-claim'
  | 'several-acr-values'
  | 'acr-values-and-claims'
  | 'unknown-acr'
  | 'client-loa-map'
  | 'default-acr'
  | 'minimum-acr'
  | 'map-overridden'
  | 'voluntary-downgrade'
  | 'essential-ignored'
  | 'unmapped-acr'
  | 'numeric-acr'
  | 'prediction-mismatch'

export interface Hint {
  code: HintCode
  text: string
}

/** What the playground predicted before the login, kept with the attempt. */
export interface PredictionRecord {
  outcome: 'tokens' | 'error-page' | 'error-callback'
  acr?: string
  loa?: number
  steps: string[]
  errorPage?: string
  error?: string
  reasons: string[]
}

export interface HintInput {
  request: AuthRequest
  requested: RequestedAcr
  idToken: JsonObject | undefined
  receivedAcr: string | undefined
  receivedLoa: number | undefined
  verdict: Verdict
  /** When the login started, epoch seconds. */
  startedAt?: number
  loa: ChosenLoaMap
  /** The provider is Keycloak (Keycloak mode, or a Keycloak issuer, or its realm is known). */
  keycloak: boolean
  /** The realm's step-up model, when imported and of this provider. */
  model: StepUpModel | null
  prediction?: PredictionRecord
}

const quoted = (values: string[]) => values.map((v) => `"${v}"`).join(', ')

/** Values the effective map does not know and that are not level numbers. */
function unknownValues(values: string[], loa: ChosenLoaMap): string[] {
  return values.filter((v) => loaOf(v, loa.map) === undefined)
}

/** Which acr.loa.map Keycloak read for `unknown`, and what the other map says about them. */
function whichMapDecided(unknown: string[], model: StepUpModel): string {
  const { source, realm } = model.loaMap
  if (source === 'none') return 'neither the realm nor the client has an acr.loa.map.'
  if (source === 'realm')
    return "not in the realm's acr.loa.map (the client has no map of its own)."
  const inRealm = unknown.filter((v) => realm !== undefined && Object.hasOwn(realm, v))
  return (
    "not in the client's acr.loa.map, which replaces the realm's for this client." +
    (inRealm.length > 0
      ? ` The realm's map has ${inRealm.length > 1 ? 'them' : 'it'} (${inRealm.map((v) => `${v}=${realm?.[v]}`).join(', ')}), but ${factText('client-map-replaces-realm')}`
      : '')
  )
}

/** auth_time before the login started: the provider reused an SSO session. */
function reusedSession(input: HintInput): boolean {
  const authTime = input.idToken?.auth_time
  return (
    typeof authTime === 'number' && input.startedAt !== undefined && authTime < input.startedAt - 1
  )
}

/** A hint rule: what one fact of the result means, or null when it does not apply. */
export type HintRule = (input: HintInput) => Hint | null

export function predictionMismatch({ prediction, receivedAcr }: HintInput): Hint | null {
  if (
    prediction?.outcome !== 'tokens' ||
    prediction.acr === undefined ||
    receivedAcr === undefined ||
    prediction.acr === receivedAcr
  )
    return null
  return {
    code: 'prediction-mismatch',
    text:
      `From the realm's configuration the playground expected acr "${prediction.acr}", and Keycloak ` +
      `returned "${receivedAcr}": the imported configuration does not explain this. The realm may have ` +
      'changed since it was exported, the SSO session may differ from what this tab saw, or Keycloak ' +
      'decides differently here. Export the realm again, or log in with prompt=login to start clean.',
  }
}

export function ssoReused(input: HintInput): Hint | null {
  if (!reusedSession(input)) return null
  return {
    code: 'sso-reused',
    text: input.keycloak
      ? 'auth_time is older than this login: Keycloak reused your SSO session and nobody authenticated now. ' +
        "Over a session Keycloak names the level this request asks for while the session still holds it (each level's " +
        'max age), not the highest level the session holds; a request without a level repeats what this client asked ' +
        'last in the session. Send prompt=login or max_age=0 to authenticate again.'
      : 'auth_time is older than this login: the provider reused your SSO session and nobody authenticated now. ' +
        'Send prompt=login or max_age=0 to authenticate again.',
  }
}

export function acrZero(input: HintInput): Hint | null {
  if (input.receivedAcr !== '0') return null
  return {
    code: 'acr-zero',
    text: input.requested.values.includes('0')
      ? 'acr "0" echoes your request for level 0: Keycloak sends the number back even after a password login.'
      : reusedSession(input)
        ? 'acr "0": the provider recorded no level for this reused session. Keycloak does this when the browser ' +
          'flow has no Level of Authentication conditions. Ask for a level, or send prompt=login or max_age=0 to ' +
          'authenticate again.'
        : 'acr "0": the provider recorded no level of authentication for this login.',
  }
}

export function freshNoLevel(input: HintInput): Hint | null {
  if (
    input.receivedAcr !== '1' ||
    input.requested.values.length > 0 ||
    reusedSession(input) ||
    !input.keycloak
  )
    return null
  return {
    code: 'fresh-no-level',
    text:
      'acr "1": nothing was asked, so Keycloak ran its first level (a fresh login counts as level 1), and no ' +
      "name in the realm's or the client's acr.loa.map stands for 1, so it sent the bare number.",
  }
}

export function numericAcr({ receivedAcr, requested, loa, keycloak }: HintInput): Hint | null {
  if (
    receivedAcr === undefined ||
    !/^\d+$/.test(receivedAcr) ||
    !requested.values.includes(receivedAcr) ||
    Object.keys(loa.map).length === 0 ||
    !keycloak
  )
    return null
  return {
    code: 'numeric-acr',
    text: `You asked for level ${receivedAcr} by number: Keycloak answers with the number, not the name the acr.loa.map gives it.`,
  }
}

export function noAcrClaim({ receivedAcr, model, keycloak }: HintInput): Hint | null {
  if (receivedAcr !== undefined) return null
  return {
    code: 'no-acr-claim',
    text:
      model?.acrScope.client === 'absent'
        ? 'The ID token has no acr claim: the realm export shows the client without the "acr" client scope. ' +
          'The level still ran; add the scope (Clients → the client → Client scopes → Add client scope → acr, Default).'
        : keycloak
          ? 'The ID token has no acr claim. In Keycloak the client needs the "acr" client scope (Client scopes tab, ' +
            'default scope) with its mapper added to the ID token; import the realm to see which is missing.'
          : 'The ID token has no acr claim. The provider may need "acr" requested as a claim, or may not support it ' +
            '(see claims_supported under Provider).',
  }
}

export function severalAcrValues({ request, keycloak }: HintInput): Hint | null {
  if (request.acrValues === undefined || request.acrValues.split(' ').length <= 1) return null
  const asked = request.acrValues.split(' ').join(', ')
  return {
    code: 'several-acr-values',
    text: keycloak
      ? `You asked for ${asked}: ${factText('several-acr-values')} An unknown value counts as level 0.`
      : `You asked for ${asked}: OIDC lets the provider choose; Keycloak would run the lowest.`,
  }
}

export function acrValuesAndClaims({ request, requested }: HintInput): Hint | null {
  if (
    request.acrValues === undefined ||
    (requested.source !== 'claims' && requested.source !== 'both')
  )
    return null
  return { code: 'acr-values-and-claims', text: acrValuesWithClaimsAdvice(requested.essential) }
}

export function unknownAcr({ model, requested, loa }: HintInput): Hint | null {
  if (!model || requested.essential) return null
  const unknown = unknownValues(requested.values, loa)
  if (unknown.length === 0) return null
  return {
    code: 'unknown-acr',
    text:
      `${quoted(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not a level number and ${whichMapDecided(unknown, model)} ` +
      `${factText('unknown-voluntary-acr')} Sent as an essential claim: ${factText('unknown-essential-acr')}`,
  }
}

export function clientLoaMap({ model }: HintInput): Hint | null {
  if (model?.loaMap.source !== 'client') return null
  return {
    code: 'client-loa-map',
    text:
      `The client ${model.clientId ?? ''} has its own acr.loa.map, which replaces the realm's: its names ` +
      `(${Object.keys(model.loaMap.effective).join(', ')}) are the only ones this client knows. Discovery's ` +
      'acr_values_supported never lists client names.',
  }
}

export function defaultAcr({ model, requested }: HintInput): Hint | null {
  if (
    !model ||
    requested.values.length > 0 ||
    requested.source !== 'none' ||
    model.defaultAcrValues.length === 0
  )
    return null
  return {
    code: 'default-acr',
    text: `Nothing was asked, so Keycloak used the client's Default ACR values (${model.defaultAcrValues.join(', ')}): that level ran, and a user who cannot reach it stops on "Cannot login, credential setup required."`,
  }
}

export function minimumAcr({ model, requested, loa }: HintInput): Hint | null {
  if (model?.minimumAcrValue === undefined) return null
  const min = loaOf(model.minimumAcrValue, loa.map)
  const asked = requested.values
  const lowest = asked.map((v) => loaOf(v, loa.map) ?? 0)
  if (min === undefined || (asked.length > 0 && Math.min(...lowest) >= min)) return null
  return {
    code: 'minimum-acr',
    text: `The client's Minimum ACR value is "${model.minimumAcrValue}" (level ${min}): Keycloak raised ${asked.length ? 'the lower request' : 'a login without a level'} to it. An essential request below it is refused with "Invalid parameter: claims".`,
  }
}

export function mapOverridden({ loa }: HintInput): Hint | null {
  if (!loa.overridden) return null
  return {
    code: 'map-overridden',
    text: `The map ${loa.overridden.source === 'link' ? 'from the link' : 'typed here'} (${JSON.stringify(loa.overridden.map)}) disagrees with the realm's (${JSON.stringify(loa.map)}): levels are read with the realm's.`,
  }
}

/** Said only when neither an unknown value nor a wrong prediction explains the downgrade better. */
export function voluntaryDowngrade(input: HintInput): Hint | null {
  if (input.verdict !== 'downgraded' || unknownAcr(input) || predictionMismatch(input)) return null
  return {
    code: 'voluntary-downgrade',
    text: input.model
      ? 'acr_values only asks, and Keycloak answered with a lower level than the lowest one asked for.'
      : input.keycloak
        ? "acr_values only asks. Keycloak gives a lower level when a requested value is not in the realm's or the " +
          "client's acr.loa.map (it counts as level 0), or when it names a level the flow has no sub-flow for (between " +
          'two of its levels, or above the highest) on a fresh login: import the realm to know which. Over an SSO ' +
          `session the same request stops on "${KEYCLOAK_PAGES.invalidUser}". Send an essential claims request to insist.`
        : 'acr_values only asks, and this provider answered with a lower level. Send an essential claims request to insist.',
  }
}

export function essentialIgnored({ verdict }: HintInput): Hint | null {
  if (verdict !== 'essential-unmet') return null
  return {
    code: 'essential-ignored',
    text:
      'The request was essential, yet the provider issued tokens with another level: a provider bug, or a claims ' +
      'request it did not read (some providers read only "values", not "value").',
  }
}

export function unmappedAcr({ receivedAcr, receivedLoa, loa, keycloak }: HintInput): Hint | null {
  if (receivedAcr === undefined || receivedLoa !== undefined) return null
  const map =
    loa.source === 'realm' || loa.source === 'client' ? `the ${loa.source}'s` : 'the one given here'
  return {
    code: 'unmapped-acr',
    text: `"${receivedAcr}" is not in the ACR-to-LoA map (${map}): its level is unknown. ${keycloak ? 'Import the realm export to read its levels.' : ''}`.trim(),
  }
}

/** The rules in the order their hints matter. */
export const HINT_RULES: readonly HintRule[] = [
  predictionMismatch,
  ssoReused,
  acrZero,
  freshNoLevel,
  numericAcr,
  noAcrClaim,
  severalAcrValues,
  acrValuesAndClaims,
  unknownAcr,
  clientLoaMap,
  defaultAcr,
  minimumAcr,
  mapOverridden,
  voluntaryDowngrade,
  essentialIgnored,
  unmappedAcr,
]

/** The hints for one result, in the order they matter; never two that contradict each other. */
export function hintsFor(input: HintInput): Hint[] {
  return HINT_RULES.map((rule) => rule(input)).filter((hint): hint is Hint => hint !== null)
}
