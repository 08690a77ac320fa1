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

/** A walk under way: its input, its notes, what it found so far. */
interface Walk {
  input: WalkInput
  notes: Notes
  result: WalkResult
  /** prompt=none: no page may be shown. */
  passive: boolean
  /** Whether any execution of the flow ran: a flow that did nothing has not succeeded. */
  ran: boolean
  /** "The user's credentials are not given" is said once. */
  credentialsUnknownNoted: boolean
}

function stopAt(walk: Walk, stop: Stop): WalkResult {
  walk.result.stop = stop
  return walk.result
}

/** The credentials are not given: said once per walk. */
function noteCredentialsUnknown(walk: Walk, text: string) {
  if (walk.credentialsUnknownNoted) return
  walk.notes.unknowns.push(text)
  walk.credentialsUnknownNoted = true
}

/**
 * The page a group of alternatives shows: the first the user holds; all of them when the user holds
 * none or their credentials are not given.
 */
function alternativeShown(walk: Walk, group: AuthenticatorInfo[]): string {
  const credentials = walk.input.context.userCredentials
  const held = group.filter((a) => !a.credentialType || has(credentials, a.credentialType))
  if (credentials !== undefined && held.length === 0) {
    walk.notes.unknowns.push(
      `The user holds none of ${group.map((a) => a.label).join(', ')}: what Keycloak offers then is not modelled.`,
    )
  }
  const chosen =
    credentials !== undefined && held.length > 0 ? [held[0] as AuthenticatorInfo] : group
  if (chosen.length > 1 && credentials === undefined)
    noteCredentialsUnknown(
      walk,
      "The user's credentials are not given: the alternative they use is unknown.",
    )
  return chosen.map((a) => a.kind).join(' or ')
}

/**
 * The page one factor shows; true when it is passed without a page (its credential is set up by a
 * required action), false when the login stops here.
 */
function factorShown(walk: Walk, a: AuthenticatorInfo): string | boolean {
  const { reasons, unknowns } = walk.notes
  const holds = a.credentialType ? has(walk.input.context.userCredentials, a.credentialType) : true
  if (holds === undefined && a.kind !== 'password')
    noteCredentialsUnknown(
      walk,
      "The user's credentials are not given: assumed they hold every factor asked.",
    )
  if (holds === false && a.kind === 'password') {
    unknowns.push('The user has no password: the password step cannot succeed.')
  } else if (holds === false) {
    const action = a.setupAction
    const enabled = action === undefined ? false : walk.input.model.requiredActions?.[action]
    if (action !== undefined && enabled === undefined)
      unknowns.push(
        `Whether the required action ${action} is enabled is not in the export: assumed enabled.`,
      )
    if (action !== undefined && enabled !== false) {
      walk.result.setup.push(action)
      reasons.push(
        `The user has no ${a.label}: Keycloak adds the required action ${action} to register one (the level still counts).`,
      )
      return true
    }
    reasons.push(
      `The user has no ${a.label} and ${action ? `the required action ${action} is disabled` : 'it cannot be set up during login'}: Keycloak stops with "${KEYCLOAK_PAGES.credentialSetupRequired}", also for a voluntary request and under prompt=none.`,
    )
    stopAt(walk, { outcome: 'error-page', errorPage: KEYCLOAK_PAGES.credentialSetupRequired })
    return false
  }
  return a.kind
}

/** One factor (or a group of alternatives): false when the login stops here. */
function ask(walk: Walk, group: AuthenticatorInfo[]): boolean {
  walk.ran = true
  const first = group[0]
  if (!first) return true
  const shown = group.length > 1 ? alternativeShown(walk, group) : factorShown(walk, first)
  if (typeof shown === 'boolean') return shown
  // Under prompt=none the page is never shown: it is the reason, not a step
  // (docs/keycloak-research.md#walking-the-flow).
  if (walk.passive) {
    walk.notes.reasons.push(
      `prompt=none, but Keycloak would have to show the ${shown} page: it answers the callback with login_required.`,
    )
    stopAt(walk, { outcome: 'error-callback', error: 'login_required' })
    return false
  }
  walk.result.steps.push(shown)
  return true
}

/** kc_idp_hint with the identity provider redirector: true when the browser leaves for it. */
function toIdentityProvider(walk: Walk): boolean {
  const { model, flow, request } = walk.input
  const { reasons, unknowns } = walk.notes
  if (!flow.hasIdpRedirector || !request.kcIdpHint) return false
  const known = model.identityProviders?.includes(request.kcIdpHint)
  if (known === false) {
    unknowns.push(
      `kc_idp_hint "${request.kcIdpHint}" names no identity provider of the realm: assumed the redirector skips it.`,
    )
    return false
  }
  reasons.push(
    `kc_idp_hint "${request.kcIdpHint}" and the identity provider redirector: Keycloak sends the browser to that provider.`,
  )
  walk.result.steps.push(`identity provider ${request.kcIdpHint}`)
  if (walk.passive)
    unknowns.push(
      'prompt=none is forwarded to the identity provider (AuthorizationEndpointBase, FORWARDED_PASSIVE_LOGIN): its answer decides the callback.',
    )
  walk.result.toIdentityProvider = true
  return true
}

/**
 * ConditionalLoaAuthenticator.matchCondition: whether a level sub-flow runs. A level still valid
 * from the session counts without running.
 */
function levelRuns(walk: Walk, level: LevelFlow): boolean {
  const { requested, session, context } = walk.input
  const { reasons, unknowns } = walk.notes
  const configured = level.level ?? MINIMUM_LOA
  if (level.requirement !== 'CONDITIONAL') {
    unknowns.push(
      `Level sub-flow "${level.subflowAlias}" is ${level.requirement}, not CONDITIONAL: assumed it runs at every login.`,
    )
    return true
  }
  if (walk.result.current < MINIMUM_LOA) return true
  if (requested.loa < configured) return false
  const at = session.levelsAt.get(configured)
  const still = !session.forced && at !== undefined && at + level.maxAge >= context.now
  if (!still) return true
  if (walk.result.current < configured) walk.result.current = configured
  reasons.push(
    `Level ${configured} (${level.subflowAlias}) is still valid from earlier: not asked.`,
  )
  return false
}

/** A level sub-flow's factors, in order; false when the login stops in it. */
function runLevel(walk: Walk, level: LevelFlow): boolean {
  walk.ran = true
  if (level.authenticators.length === 0)
    walk.notes.reasons.push(
      `Level sub-flow "${level.subflowAlias}" asks for nothing: the level is granted as is.`,
    )
  let group: AuthenticatorInfo[] = []
  for (const a of [...level.authenticators, undefined]) {
    if (a?.onlyIf !== undefined) {
      // A CONDITIONAL sub-flow on the user (role, attribute): it does not change the level.
      if (group.length > 0 && !ask(walk, group)) return false
      group = []
      walk.notes.unknowns.push(
        `"${level.subflowAlias}" asks the ${a.label} only if ${a.onlyIf}: whether this user does is not known here; the level and the acr are the same either way.`,
      )
      walk.result.steps.push(`${a.kind} (only if ${a.onlyIf})`)
      continue
    }
    if (a && a.requirement === 'ALTERNATIVE') {
      group.push(a)
      continue
    }
    if (group.length > 0 && !ask(walk, group)) return false
    group = []
    if (a && a.requirement === 'REQUIRED' && !ask(walk, [a])) return false
  }
  return true
}

/**
 * After the flow: a flow in which nothing ran has failed (AuthenticationProcessor), an essential
 * level not reached fails (onTopFlowSuccess), and under prompt=none a pending required action is
 * interaction_required (AuthorizationEndpointBase).
 */
function finish(walk: Walk): WalkResult {
  const { flow, requested, session, context } = walk.input
  const { reasons, unknowns } = walk.notes
  const { result } = walk
  // The cookie only attempted (the session lacks the level) and every level sub-flow was
  // skipped: nothing succeeded, so the flow fails (docs/keycloak-research.md#level-gap).
  if (context.ssoSession && flow.hasCookie && !session.forced && !walk.ran) {
    reasons.push(
      `No sub-flow of "${flow.alias}" serves level ${requested.loa} over this session: the levels it holds are skipped as still valid, the higher ones as above the request. ` +
        `A flow in which nothing ran has failed, and Keycloak stops with "${KEYCLOAK_PAGES.invalidUser}", also under prompt=none. A fresh login would run the levels below and quietly give less.`,
    )
    return stopAt(walk, { outcome: 'error-page', errorPage: KEYCLOAK_PAGES.invalidUser })
  }
  if (requested.essential && requested.loa > result.current && flow.levels.length > 0) {
    reasons.push(
      `The essential level ${requested.loa} is above the highest level this flow reached (${result.current}).`,
    )
    return stopAt(walk, { outcome: 'error-page', errorPage: KEYCLOAK_PAGES.acrNotFulfilled })
  }
  if (requested.essential && flow.levels.length === 0)
    unknowns.push('An essential request with a flow without levels: nothing in the flow checks it.')
  if (walk.passive && result.setup.length > 0) {
    reasons.push(
      'prompt=none, and a required action is pending: Keycloak answers interaction_required.',
    )
    unknowns.push(
      'interaction_required for a pending credential registration is read from the source, not measured.',
    )
    return stopAt(walk, { outcome: 'error-callback', error: 'interaction_required' })
  }
  return result
}

/** The executions that run after the cookie, and the level they reach. */
export function walkFlow(input: WalkInput, notes: Notes): WalkResult {
  const { session, context } = input
  const result: WalkResult = { steps: [], setup: [], current: session.current }
  if (session.cookieOnly) return result
  const walk: Walk = {
    input,
    notes,
    result,
    passive: prompts(input.request).includes('none'),
    ran: false,
    credentialsUnknownNoted: false,
  }
  if (toIdentityProvider(walk)) return result
  // ConditionalLoaAuthenticator.matchCondition / onParentFlowSuccess, in flow order.
  const levelsDone: number[] = []
  for (const item of flowSequence(input.flow, notes.unknowns)) {
    if ('authenticators' in item) {
      if (!ask(walk, item.authenticators)) return result
      continue
    }
    const { level } = item
    const runs = levelRuns(walk, level)
    if (runs && level.otherConditions.length > 0)
      notes.unknowns.push(
        `Sub-flow "${level.subflowAlias}" also depends on ${level.otherConditions.join(', ')}: assumed true.`,
      )
    if (!runs) continue
    if (!runLevel(walk, level)) return result
    if (level.level !== undefined) {
      result.current = level.level
      levelsDone.push(level.level)
      if (level.maxAge > 0) session.levelsAt.set(level.level, context.now)
    }
  }
  if (levelsDone.length > 0) notes.reasons.push(`Levels run now: ${levelsDone.join(', ')}.`)
  return finish(walk)
}
