// Walking the flow: DefaultAuthenticationFlow.processFlow with ConditionalLoaAuthenticator
// (matchCondition, onParentFlowSuccess, onTopFlowSuccess), the credential checks of each
// authenticator, prompt=none (AuthorizationEndpointBase.handleBrowserAuthenticationRequest), and a
// flow in which nothing ran (AuthenticationProcessor.authenticateOnly).
// Rules: docs/keycloak-research.md#walking-the-flow and #level-gap.
import type { AuthRequest } from '../request/auth-request'
import { KEYCLOAK_PAGES } from './keycloak-facts'
import {
  MINIMUM_LOA,
  type LoginContext,
  type Notes,
  type RequestedLevel,
  type Stop,
} from './predict-types'
import type { AuthenticatorInfo, FlowModel, FlowNode, LevelFlow, StepUpModel } from './realm-model'
import { prompts, type SessionState } from './sso-session'

type FlowItem = { level: LevelFlow } | { authenticators: AuthenticatorInfo[]; alternative: boolean }

/** The flow in execution order: level sub-flows, and the factors outside them. */
function flowSequence(flow: FlowModel, unknowns: string[]): FlowItem[] {
  const items: FlowItem[] = []
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

interface WalkInput {
  model: StepUpModel
  flow: FlowModel
  request: AuthRequest
  requested: RequestedLevel
  /** What the SSO session gave; its `levelsAt` is updated with the levels run now. */
  session: SessionState
  context: LoginContext
}

export interface WalkResult {
  /** Where the login stops, if it does. */
  stop?: Stop
  /** The factors the user is shown, in order. */
  steps: string[]
  /** Required actions that register a missing credential. */
  setup: string[]
  /** The level reached. */
  current: number
  /** The identity-provider redirector sends the browser away: the rest is outside the model. */
  toIdentityProvider?: boolean
}

/** The executions that run after the cookie, and the level they reach. */
export function walkFlow(input: WalkInput, notes: Notes): WalkResult {
  const { model, flow, request, requested, session, context } = input
  const { reasons, unknowns } = notes
  const { levelsAt, forced } = session
  const now = context.now
  const sso = context.ssoSession
  const passive = prompts(request).includes('none')
  const result: WalkResult = { steps: [], setup: [], current: session.current }
  const { steps } = result
  const stop = (value: Stop): WalkResult => {
    result.stop = value
    return result
  }
  if (session.cookieOnly) return result

  const credentials = context.userCredentials
  let credentialsUnknownNoted = false
  // Whether any execution of the flow ran: a flow that did nothing has not succeeded.
  let ran = false
  // One factor (or a group of alternatives): returns false when the login stops here.
  const ask = (group: AuthenticatorInfo[]): boolean => {
    ran = true
    let shown: string
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
      shown = chosen.map((a) => a.kind).join(' or ')
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
          result.setup.push(action)
          reasons.push(
            `The user has no ${a.label}: Keycloak adds the required action ${action} to register one (the level still counts).`,
          )
          return true
        }
        reasons.push(
          `The user has no ${a.label} and ${action ? `the required action ${action} is disabled` : 'it cannot be set up during login'}: Keycloak stops with "${KEYCLOAK_PAGES.credentialSetupRequired}", also for a voluntary request and under prompt=none.`,
        )
        stop({ outcome: 'error-page', errorPage: KEYCLOAK_PAGES.credentialSetupRequired })
        return false
      }
      shown = a.kind
    }
    // Under prompt=none the page is never shown: it is the reason, not a step
    // (docs/keycloak-research.md#walking-the-flow).
    if (passive) {
      reasons.push(
        `prompt=none, but Keycloak would have to show the ${shown} page: it answers the callback with login_required.`,
      )
      stop({ outcome: 'error-callback', error: 'login_required' })
      return false
    }
    steps.push(shown)
    return true
  }

  if (flow.hasIdpRedirector && request.kcIdpHint) {
    const known = model.identityProviders?.includes(request.kcIdpHint)
    if (known !== false) {
      reasons.push(
        `kc_idp_hint "${request.kcIdpHint}" and the identity provider redirector: Keycloak sends the browser to that provider.`,
      )
      steps.push(`identity provider ${request.kcIdpHint}`)
      if (passive)
        unknowns.push(
          'prompt=none is forwarded to the identity provider (AuthorizationEndpointBase, FORWARDED_PASSIVE_LOGIN): its answer decides the callback.',
        )
      result.toIdentityProvider = true
      return result
    }
    unknowns.push(
      `kc_idp_hint "${request.kcIdpHint}" names no identity provider of the realm: assumed the redirector skips it.`,
    )
  }
  // ConditionalLoaAuthenticator.matchCondition / onParentFlowSuccess, in flow order.
  const levelsDone: number[] = []
  for (const item of flowSequence(flow, unknowns)) {
    if ('authenticators' in item) {
      if (!ask(item.authenticators)) return result
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
    else if (result.current < MINIMUM_LOA) run = true
    else if (requested.loa < configured) run = false
    else {
      const at = levelsAt.get(configured)
      const still = !forced && at !== undefined && at + level.maxAge >= now
      if (still && result.current < configured) result.current = configured
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
    ran = true
    if (level.authenticators.length === 0)
      reasons.push(
        `Level sub-flow "${level.subflowAlias}" asks for nothing: the level is granted as is.`,
      )
    let group: AuthenticatorInfo[] = []
    let ok = true
    for (const a of [...level.authenticators, undefined]) {
      if (a?.onlyIf !== undefined) {
        // A CONDITIONAL sub-flow on the user (role, attribute): it does not change the level.
        if (group.length > 0 && !(ok = ask(group))) break
        group = []
        unknowns.push(
          `"${level.subflowAlias}" asks the ${a.label} only if ${a.onlyIf}: whether this user does is not known here; the level and the acr are the same either way.`,
        )
        steps.push(`${a.kind} (only if ${a.onlyIf})`)
        continue
      }
      if (a && a.requirement === 'ALTERNATIVE') {
        group.push(a)
        continue
      }
      if (group.length > 0 && !(ok = ask(group))) break
      group = []
      if (a && a.requirement === 'REQUIRED' && !(ok = ask([a]))) break
    }
    if (!ok) return result
    if (level.level !== undefined) {
      result.current = level.level
      levelsDone.push(level.level)
      if (level.maxAge > 0) levelsAt.set(level.level, now)
    }
  }
  if (levelsDone.length > 0) reasons.push(`Levels run now: ${levelsDone.join(', ')}.`)
  // The cookie only attempted (the session lacks the level) and every level sub-flow was
  // skipped: nothing succeeded, so the flow fails (docs/keycloak-research.md#level-gap).
  if (sso && flow.hasCookie && !forced && !ran) {
    reasons.push(
      `No sub-flow of "${flow.alias}" serves level ${requested.loa} over this session: the levels it holds are skipped as still valid, the higher ones as above the request. ` +
        `A flow in which nothing ran has failed, and Keycloak stops with "${KEYCLOAK_PAGES.invalidUser}", also under prompt=none. A fresh login would run the levels below and quietly give less.`,
    )
    return stop({ outcome: 'error-page', errorPage: KEYCLOAK_PAGES.invalidUser })
  }
  // ConditionalLoaAuthenticator.onTopFlowSuccess: an essential level not reached fails.
  if (requested.essential && requested.loa > result.current && flow.levels.length > 0) {
    reasons.push(
      `The essential level ${requested.loa} is above the highest level this flow reached (${result.current}).`,
    )
    return stop({ outcome: 'error-page', errorPage: KEYCLOAK_PAGES.acrNotFulfilled })
  }
  if (requested.essential && flow.levels.length === 0)
    unknowns.push('An essential request with a flow without levels: nothing in the flow checks it.')
  // AuthorizationEndpointBase: under prompt=none a pending required action is
  // interaction_required.
  if (passive && result.setup.length > 0) {
    reasons.push(
      'prompt=none, and a required action is pending: Keycloak answers interaction_required.',
    )
    unknowns.push(
      'interaction_required for a pending credential registration is read from the source, not measured.',
    )
    return stop({ outcome: 'error-callback', error: 'interaction_required' })
  }
  return result
}
