// What Keycloak 26.5 will do with an authorization request, from the realm's step-up model.
// Each rule names the Keycloak source it mirrors; see /work/research/keycloak-step-up.md.
import { requestedAcr, type AuthRequest } from './auth-request'
import { acrClaimOf, parseClaimsRequest } from './claims-request'
import {
  javaParseInt,
  type AuthenticatorInfo,
  type FlowModel,
  type FlowNode,
  type LevelFlow,
  type StepUpModel,
} from './realm-model'

/** Constants.NO_LOA and Constants.MINIMUM_LOA. */
const NO_LOA = -1
const MINIMUM_LOA = 0

export const MESSAGES = {
  invalidClaims: 'Invalid parameter: claims',
  acrNotFulfilled: 'Authentication requirements not fulfilled',
  credentialSetupRequired: 'Cannot login, credential setup required.',
} as const

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

/** Java String.split(" "): empty strings kept inside, trailing ones dropped. */
function javaSplitSpace(text: string): string[] {
  if (!text.includes(' ')) return [text]
  const parts = text.split(' ')
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

function mapped(map: Record<string, number>, acr: string): number | undefined {
  return Object.hasOwn(map, acr) ? map[acr] : undefined
}

/** LoAUtil.getLoAConfiguredInRealmBrowserFlow: 0 plus the realm browser flow's levels, or 0 and 1. */
function realmBrowserLevels(model: StepUpModel): number[] {
  const levels = (model.realmBrowserFlow?.levels ?? [])
    .map((l) => l.level)
    .filter((l): l is number => l !== undefined)
  return levels.length > 0 ? [MINIMUM_LOA, ...levels] : [MINIMUM_LOA, 1]
}

/** AcrUtils.getLoaForAcr: the map, else a realm browser flow level written as a number. */
function loaForAcr(acr: string, model: StepUpModel): number | undefined {
  const loa = mapped(model.loaMap.effective, acr)
  if (loa !== undefined) return loa
  return realmBrowserLevels(model).find((l) => String(l) === acr)
}

/** AcrUtils.enforceMinimumAcr. */
function enforceMinimumAcr(values: string[], model: StepUpModel, reasons: string[]): string[] {
  const minimum = model.minimumAcrValue
  if (minimum === undefined) return values
  const minimumLoa = loaForAcr(minimum, model)
  if (minimumLoa === undefined) {
    reasons.push(
      `The client's minimum ACR "${minimum}" maps to no level: Keycloak ignores it (a warning in its log).`,
    )
    return values
  }
  const kept = values.filter((v) => {
    const loa = loaForAcr(v, model)
    return loa !== undefined && loa >= minimumLoa
  })
  if (kept.length === 0) {
    reasons.push(
      values.length === 0
        ? `Nothing was requested, so the client's minimum ACR "${minimum}" is asked for.`
        : `${values.map((v) => `"${v}"`).join(', ')} ${values.length === 1 ? 'is' : 'are'} below or outside the client's minimum ACR "${minimum}": Keycloak asks for "${minimum}" instead.`,
    )
    return [minimum]
  }
  if (kept.length < values.length) {
    reasons.push(
      `The client's minimum ACR "${minimum}" drops ${values.filter((v) => !kept.includes(v)).join(', ')}.`,
    )
  }
  return kept
}

interface ReadRequest {
  requested: RequestedLevel
  /** The essential values as the acr mapper re-reads them (AcrUtils.getRequiredAcrValues). */
  essentialValues: string[]
  /** AcrUtils.getAcrValues(claims, acr_values, client): voluntary values, defaults, minimum. */
  voluntaryValues: string[]
  errorPage?: string
}

/** AuthorizationEndpoint.updateAuthenticationSession: the requested level and its checks. */
export function readRequestedLevel(
  request: AuthRequest,
  model: StepUpModel,
  reasons: string[] = [],
  unknowns: string[] = [],
): ReadRequest {
  const parsed = request.claims !== undefined ? parseClaimsRequest(request.claims) : undefined
  if (parsed && parsed.claims === null && request.claims?.trim() !== '') {
    unknowns.push(
      'The claims parameter is not a JSON object: Keycloak logs "Invalid claims parameter" and reads no level from it; other checks may reject the request.',
    )
  }
  const claim = acrClaimOf(parsed?.claims ?? null)
  const essentialValues = claim?.essential ? claim.values : []

  const fromRequest = [
    ...(request.acrValues !== undefined ? javaSplitSpace(request.acrValues) : []),
    ...(claim?.values ?? []),
  ]
  if (request.acrValues !== undefined && /(^ | {2})/.test(request.acrValues)) {
    reasons.push(
      'acr_values has a leading or double space: Keycloak reads an empty value there, which maps to level 0.',
    )
  }
  const defaults = fromRequest.length === 0 ? model.defaultAcrValues : []
  const quietReasons: string[] = []
  const voluntaryValues = enforceMinimumAcr(
    fromRequest.length > 0 ? fromRequest : defaults,
    model,
    quietReasons,
  )

  let requested: RequestedLevel
  let errorPage: string | undefined
  if (essentialValues.length > 0) {
    const enforced = enforceMinimumAcr(essentialValues, model, [])
    const same =
      enforced.length === essentialValues.length &&
      enforced.every((v, i) => v === essentialValues[i])
    if (!same) {
      reasons.push(
        `The essential values ${essentialValues.join(', ')} include one below (or outside the map of) the client's minimum ACR "${model.minimumAcrValue}": Keycloak refuses an essential request it would have to lower.`,
      )
      errorPage = MESSAGES.invalidClaims
    }
    requested = {
      values: essentialValues,
      essential: true,
      source: 'claims (essential)',
      loa: NO_LOA,
    }
    reasons.push(
      `The claims request marks id_token.acr essential: Keycloak reads only its values (${essentialValues.join(', ')}) and fails the login if it cannot reach them.`,
    )
    if (request.acrValues !== undefined)
      reasons.push('acr_values is ignored: an essential claims request takes precedence.')
  } else {
    reasons.push(...quietReasons)
    const source =
      fromRequest.length > 0
        ? ('acr_values and claims' as const)
        : defaults.length > 0
          ? ('default.acr.values' as const)
          : ('none' as const)
    if (source === 'default.acr.values')
      reasons.push(
        `Nothing was requested: Keycloak uses the client's default ACR values (${defaults.join(', ')}).`,
      )
    requested = {
      values: voluntaryValues,
      essential: false,
      source: voluntaryValues.length > 0 && source === 'none' ? 'minimum.acr.value' : source,
      loa: NO_LOA,
    }
    if (claim && claim.values.length > 0 && request.acrValues !== undefined) {
      const shown = requestedAcr(request).values
      reasons.push(
        `Keycloak reads acr_values and the voluntary claims values together (${fromRequest.join(', ')}), not only ${shown.join(', ')}.`,
      )
    }
  }

  const levels: number[] = []
  for (const acr of requested.values) {
    const loa = mapped(model.loaMap.effective, acr) ?? javaParseInt(acr)
    if (loa !== undefined) {
      levels.push(loa)
    } else if (requested.essential) {
      reasons.push(
        `"${acr}" is essential, not a number and not in the ${model.loaMap.source === 'none' ? '(empty) ' : ''}acr.loa.map: Keycloak stops with "${MESSAGES.invalidClaims}".`,
      )
      errorPage = MESSAGES.invalidClaims
    } else {
      reasons.push(
        `"${acr}" is not a number and not in the acr.loa.map: Keycloak counts it as level 0 (and logs a warning).`,
      )
      levels.push(MINIMUM_LOA)
    }
  }
  if (levels.length > 0) requested.loa = Math.min(...levels)
  if (levels.length > 1)
    reasons.push(
      `Several values were requested: Keycloak runs the lowest of their levels (${requested.loa}).`,
    )
  const result: ReadRequest = { requested, essentialValues, voluntaryValues }
  if (errorPage !== undefined) result.errorPage = errorPage
  return result
}

/** AcrUtils.mapLoaToAcr: the value with the highest level at or below `loa`, first one on ties. */
export function mapLoaToAcr(
  loa: number,
  map: Record<string, number>,
  values: string[],
): string | undefined {
  if (Object.keys(map).length === 0 || values.length === 0) return undefined
  let acr: string | undefined
  let maxLoa = -1
  for (const value of values) {
    const level = mapped(map, value) ?? javaParseInt(value)
    if (level !== undefined && level > maxLoa && loa >= level) {
      acr = value
      maxLoa = level
    }
  }
  return acr
}

type Item = { level: LevelFlow } | { authenticators: AuthenticatorInfo[]; alternative: boolean }

/** The flow in execution order: level sub-flows, and the factors outside them. */
function sequence(flow: FlowModel, unknowns: string[]): Item[] {
  const items: Item[] = []
  const walk = (nodes: FlowNode[]) => {
    let group: AuthenticatorInfo[] = []
    const flush = () => {
      if (group.length > 0) items.push({ authenticators: group, alternative: group.length > 1 })
      group = []
    }
    for (const node of nodes) {
      if (node.requirement === 'DISABLED') continue
      if (node.type === 'authenticator' && node.authenticator) {
        const a = node.authenticator
        if (a.kind === 'cookie' || a.kind === 'idp-redirector' || a.kind === 'condition') continue
        if (node.requirement === 'ALTERNATIVE') group.push(a)
        else {
          flush()
          if (node.requirement === 'OPTIONAL') continue
          items.push({ authenticators: [a], alternative: false })
        }
        continue
      }
      flush()
      const level = flow.levels.find((l) => l.subflowAlias === node.alias)
      if (level) items.push({ level })
      else if (node.requirement === 'CONDITIONAL')
        unknowns.push(
          `The sub-flow "${node.alias}" has conditions other than a level: whether it runs is not modelled.`,
        )
      else walk(node.children ?? [])
    }
    flush()
  }
  walk(flow.tree)
  return items
}

function has(credentials: string[] | undefined, type: string): boolean | undefined {
  if (credentials === undefined) return undefined
  return (
    credentials.includes(type) ||
    (type === 'webauthn-passwordless' && credentials.includes('passkey'))
  )
}

/**
 * Predict what Keycloak does with `request` for the model's client. Pure: the clock and the user
 * are in `context`. What the model cannot tell goes to `unknowns`, never into a guess.
 */
export function predictLogin(
  model: StepUpModel,
  request: AuthRequest,
  context: LoginContext,
): LoginPrediction {
  const reasons: string[] = []
  const unknowns: string[] = [
    ...(model.flow ? [] : ['The flow that serves this client is not in the export.']),
  ]
  const read = readRequestedLevel(request, model, reasons, unknowns)
  const requested = read.requested
  const prediction: LoginPrediction = {
    outcome: 'tokens',
    requested,
    steps: [],
    setup: [],
    reasons,
    unknowns,
  }
  const stop = (outcome: LoginOutcome, detail: string): LoginPrediction => {
    prediction.outcome = outcome
    if (outcome === 'error-page') prediction.errorPage = detail
    else prediction.error = detail
    return prediction
  }
  if (read.errorPage !== undefined) return stop('error-page', read.errorPage)

  // Client policies (acr-condition + auth-flow-enforcer) may switch the flow: ClientPolicy
  // AcrCondition reads AcrUtils.getAcrValues, AuthenticationFlowResolver honours the note first.
  let flow = model.flow
  let flowLoa: number | undefined
  for (const policy of model.acrFlowPolicies) {
    if (!policy.enabled || !read.voluntaryValues.includes(policy.acr) || !policy.flowAlias) continue
    if (policy.otherConditions.length > 0)
      unknowns.push(
        `Client policy "${policy.policy}" also has the conditions ${policy.otherConditions.join(', ')}: assumed to match.`,
      )
    if (!policy.flow) {
      reasons.push(
        `Client policy "${policy.policy}" asks for flow "${policy.flowAlias}", which is not in the export: Keycloak fails the request.`,
      )
      unknowns.push(
        'The exact error page for a missing policy flow is not known from the source read.',
      )
      return stop('error-page', `flow "${policy.flowAlias}" does not exist`)
    }
    flow = policy.flow
    flowLoa = policy.flowLoa
    reasons.push(
      `Client policy "${policy.policy}" matches "${policy.acr}": flow "${policy.flowAlias}" runs instead of the client's flow.`,
    )
  }
  if (flow) prediction.flowAlias = flow.alias
  if (flow && flow === model.flow && model.flowSource === 'client-override')
    reasons.push(`The client's browser flow override "${flow.alias}" serves this login.`)
  const levels = flow?.levels ?? []
  if (flow && levels.length === 0)
    unknowns.push(
      `Flow "${flow.alias}" has no Condition - Level of Authentication: it has no levels, so the steps listed are only its required executions.`,
    )

  // The SSO session: CookieAuthenticator + AcrStore.
  const now = context.now
  const sso = context.ssoSession
  const levelsAt = new Map<number, number>()
  if (sso) {
    if (sso.levelsAuthenticatedAt) {
      for (const [key, at] of Object.entries(sso.levelsAuthenticatedAt)) {
        const level = javaParseInt(key)
        if (level !== undefined && typeof at === 'number') levelsAt.set(level, at)
      }
    } else if (sso.loa !== undefined) {
      const at = sso.authTime ?? now
      for (const level of levels)
        if (level.level !== undefined && level.level <= sso.loa && level.maxAge > 0)
          levelsAt.set(level.level, at)
      unknowns.push(
        `When each level of the session was authenticated is not given: assumed at ${sso.authTime === undefined ? 'this moment' : 'its auth_time'} for every level up to ${sso.loa}.`,
      )
    } else {
      unknowns.push("The SSO session's levels are not given: assumed it holds none.")
    }
  }
  const maxAgeOf = (level: number) => levels.find((l) => l.level === level)?.maxAge
  const prompts = (request.prompt ?? '').split(' ').filter(Boolean)
  const passive = prompts.includes('none')

  let current = NO_LOA
  let forced = false
  let cookieOnly = false
  const hasCookie = flow?.hasCookie ?? true
  if (sso && !hasCookie)
    reasons.push(`Flow "${flow?.alias}" has no cookie step: the SSO session is not reused.`)
  if (sso && hasCookie) {
    const promptLogin = prompts.includes('login')
    let maxAgeExpired = false
    if (request.maxAge !== undefined) {
      if (sso.authTime === undefined && request.maxAge > 0)
        unknowns.push("The session's auth_time is not given: assumed max_age has not passed.")
      else maxAgeExpired = (sso.authTime ?? 0) + request.maxAge < now
    }
    if (promptLogin || maxAgeExpired) {
      forced = true
      reasons.push(
        `${promptLogin ? 'prompt=login' : `max_age=${request.maxAge}`} forces re-authentication: the session's levels do not count, every level up to the requested one is asked again.`,
      )
    } else {
      // AcrStore.getHighestAuthenticatedLevelFromPreviousAuthentication: lowest first, stop at the
      // first expired level.
      let previous = levelsAt.size === 0 ? NO_LOA : MINIMUM_LOA
      for (const level of [...levelsAt.keys()].sort((a, b) => a - b)) {
        const at = levelsAt.get(level) ?? 0
        if (now <= at + (maxAgeOf(level) ?? 0)) previous = level
        else break
      }
      current = previous
      if (requested.loa > previous) {
        reasons.push(
          `Step-up: the session's valid level is ${previous}, the request needs ${requested.loa}.`,
        )
      } else {
        cookieOnly = true
        reasons.push(
          requested.loa === NO_LOA
            ? `No level requested: the SSO cookie suffices and the session's level (${previous}) is kept.`
            : `The session's valid level ${previous} already covers level ${requested.loa}: SSO, nothing asked.`,
        )
      }
    }
  }

  const steps = prediction.steps
  const credentials = context.userCredentials
  let credentialsUnknownNoted = false
  // One factor (or a group of alternatives): returns false when the login stops here.
  const ask = (group: AuthenticatorInfo[]): boolean => {
    if (group.length > 1) {
      const held = group.filter((a) => !a.credentialType || has(credentials, a.credentialType))
      if (credentials !== undefined && held.length === 0) {
        unknowns.push(
          `The user holds none of ${group.map((a) => a.label).join(', ')}: what Keycloak offers then is not modelled.`,
        )
      }
      const chosen =
        credentials !== undefined && held.length > 0 ? [held[0] as AuthenticatorInfo] : group
      if (chosen.length > 1 && credentials === undefined && !credentialsUnknownNoted) {
        unknowns.push("The user's credentials are not given: the alternative they use is unknown.")
        credentialsUnknownNoted = true
      }
      steps.push(chosen.map((a) => a.kind).join(' or '))
    } else {
      const a = group[0]
      if (!a) return true
      const holds = a.credentialType ? has(credentials, a.credentialType) : true
      if (holds === undefined && a.kind !== 'password' && !credentialsUnknownNoted) {
        unknowns.push("The user's credentials are not given: assumed they hold every factor asked.")
        credentialsUnknownNoted = true
      }
      if (holds === false && a.kind === 'password') {
        unknowns.push('The user has no password: the password step cannot succeed.')
      } else if (holds === false) {
        const action = a.setupAction
        const enabled = action === undefined ? false : model.requiredActions?.[action]
        if (action !== undefined && enabled === undefined)
          unknowns.push(
            `Whether the required action ${action} is enabled is not in the export: assumed enabled.`,
          )
        if (action !== undefined && enabled !== false) {
          prediction.setup.push(action)
          reasons.push(
            `The user has no ${a.label}: Keycloak adds the required action ${action} to register one (the level still counts).`,
          )
          return true
        }
        reasons.push(
          `The user has no ${a.label} and ${action ? `the required action ${action} is disabled` : 'it cannot be set up during login'}: Keycloak stops with "${MESSAGES.credentialSetupRequired}", also for a voluntary request and under prompt=none.`,
        )
        stop('error-page', MESSAGES.credentialSetupRequired)
        return false
      }
      steps.push(a.kind)
    }
    if (passive) {
      reasons.push(
        `prompt=none, but Keycloak would have to show the ${steps[steps.length - 1]} page: it answers the callback with login_required.`,
      )
      stop('error-callback', 'login_required')
      return false
    }
    return true
  }

  if (!cookieOnly && flow) {
    if (flow.hasIdpRedirector && request.kcIdpHint) {
      const known = model.identityProviders?.includes(request.kcIdpHint)
      if (known !== false) {
        reasons.push(
          `kc_idp_hint "${request.kcIdpHint}" and the identity provider redirector: Keycloak sends the browser to that provider.`,
        )
        unknowns.push(
          'What the identity provider asks and which level Keycloak then records is outside the realm model.',
        )
        steps.push(`identity provider ${request.kcIdpHint}`)
        if (passive)
          unknowns.push(
            'prompt=none is forwarded to the identity provider (AuthorizationEndpointBase, FORWARDED_PASSIVE_LOGIN): its answer decides the callback.',
          )
        return prediction
      }
      unknowns.push(
        `kc_idp_hint "${request.kcIdpHint}" names no identity provider of the realm: assumed the redirector skips it.`,
      )
    }
    // ConditionalLoaAuthenticator.matchCondition / onParentFlowSuccess, in flow order.
    const levelsDone: number[] = []
    for (const item of sequence(flow, unknowns)) {
      if ('authenticators' in item) {
        if (!ask(item.authenticators)) return prediction
        continue
      }
      const level = item.level
      const configured = level.level ?? MINIMUM_LOA
      if (level.requirement !== 'CONDITIONAL') {
        unknowns.push(
          `Level sub-flow "${level.subflowAlias}" is ${level.requirement}, not CONDITIONAL: assumed it runs at every login.`,
        )
      }
      let run: boolean
      if (level.requirement !== 'CONDITIONAL') run = true
      else if (current < MINIMUM_LOA) run = true
      else if (requested.loa < configured) run = false
      else {
        const at = levelsAt.get(configured)
        const still = !forced && at !== undefined && at + level.maxAge >= now
        if (still && current < configured) current = configured
        run = !still
        if (still)
          reasons.push(
            `Level ${configured} (${level.subflowAlias}) is still valid from earlier: not asked.`,
          )
      }
      if (run && level.otherConditions.length > 0)
        unknowns.push(
          `Sub-flow "${level.subflowAlias}" also depends on ${level.otherConditions.join(', ')}: assumed true.`,
        )
      if (!run) continue
      if (level.authenticators.length === 0)
        reasons.push(
          `Level sub-flow "${level.subflowAlias}" asks for nothing: the level is granted as is.`,
        )
      let group: AuthenticatorInfo[] = []
      let ok = true
      for (const a of [...level.authenticators, undefined]) {
        if (a && a.requirement === 'ALTERNATIVE') {
          group.push(a)
          continue
        }
        if (group.length > 0 && !(ok = ask(group))) break
        group = []
        if (a && a.requirement === 'REQUIRED' && !(ok = ask([a]))) break
      }
      if (!ok) return prediction
      if (level.level !== undefined) {
        current = level.level
        levelsDone.push(level.level)
        if (level.maxAge > 0) levelsAt.set(level.level, now)
      }
    }
    if (levelsDone.length > 0) reasons.push(`Levels run now: ${levelsDone.join(', ')}.`)
    // ConditionalLoaAuthenticator.onTopFlowSuccess: an essential level not reached fails.
    if (requested.essential && requested.loa > current && levels.length > 0) {
      reasons.push(
        `The essential level ${requested.loa} is above the highest level this flow reached (${current}).`,
      )
      return stop('error-page', MESSAGES.acrNotFulfilled)
    }
    if (requested.essential && levels.length === 0)
      unknowns.push(
        'An essential request with a flow without levels: nothing in the flow checks it.',
      )
  }
  if (passive && prediction.setup.length > 0) {
    reasons.push(
      'prompt=none, and a required action is pending: Keycloak answers interaction_required.',
    )
    unknowns.push(
      'interaction_required for a pending credential registration is read from the source, not measured.',
    )
    return stop('error-callback', 'interaction_required')
  }
  // AuthenticationProcessor.authenticationComplete: a policy flow's LoA raises the level.
  if (flowLoa !== undefined && current < flowLoa) {
    reasons.push(`The client policy's flow sets the level to ${flowLoa}.`)
    current = flowLoa
  }

  // AcrProtocolMapper.getAcr.
  let loa = current
  const ssoAuthentication = cookieOnly
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
  const notes: { acrValues?: string; claims?: string } = {}
  const acrNote = request.acrValues ?? last?.acrValues
  const claimsNote = request.claims ?? last?.claims
  if (acrNote !== undefined) notes.acrValues = acrNote
  if (claimsNote !== undefined) notes.claims = claimsNote
  const named =
    acrNote === request.acrValues && claimsNote === request.claims
      ? read
      : readRequestedLevel({ ...request, ...notes }, model)
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
  prediction.loa = loa
  prediction.computedAcr = computed
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
    prediction.acr = computed
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

  const authTime = steps.length > 0 || !sso ? now : sso.authTime
  const session: NonNullable<LoginPrediction['session']> = {
    loa,
    levelsAuthenticatedAt: Object.fromEntries([...levelsAt].sort((a, b) => a[0] - b[0])),
    lastRequest: notes,
  }
  if (authTime !== undefined) session.authTime = authTime
  prediction.session = session
  return prediction
}
