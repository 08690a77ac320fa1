// What Keycloak will do with an authorization request, from the realm's step-up model. The phases
// mirror Keycloak's own classes, each in its module and each rule pointing at a section of
// docs/keycloak-research.md:
//   1. which level was asked        requested-level.ts  AuthorizationEndpoint, AcrUtils, LoAUtil
//   2. which flow                   flow-choice.ts      AuthenticationFlowResolver, AcrCondition
//   3. what the session holds       sso-session.ts      CookieAuthenticator, AcrStore
//   4. walking the flow             flow-walk.ts        DefaultAuthenticationFlow,
//                                                       ConditionalLoaAuthenticator
//   5. which acr comes out          acr-mapper.ts       AcrProtocolMapper, TokenManager
//   (4b. a brokered login           broker-login.ts     IdentityBrokerService,
//                                                       AbstractOAuth2IdentityProvider)
import { nameAcr } from './acr-mapper'
import type { AuthRequest } from '../request/auth-request'
import { readBrokerLogin } from './broker-login'
import { chooseFlow } from './flow-choice'
import { walkFlow } from './flow-walk'
import { KEYCLOAK_PAGES } from './keycloak-facts'
import type { LoginContext, LoginPrediction, Notes, Stop } from './predict-types'
import type { StepUpModel } from './realm-model'
import { readRequestedLevel } from './requested-level'
import { prompts, readSession } from './sso-session'

export type {
  LoginContext,
  LoginOutcome,
  LoginPrediction,
  RequestedLevel,
  SsoSession,
} from './predict-types'
export { mapLoaToAcr, readRequestedLevel } from './requested-level'

/** The texts of Keycloak's own pages a login can stop on. */
export const MESSAGES = KEYCLOAK_PAGES

/**
 * Predict what Keycloak does with `request` for the model's client. Pure: the clock and the user
 * are in `context`. What the model cannot tell goes to `unknowns`, never into a guess.
 */
export function predictLogin(
  model: StepUpModel,
  request: AuthRequest,
  context: LoginContext,
): LoginPrediction {
  const notes: Notes = {
    reasons: [],
    unknowns: model.flow ? [] : ['The flow that serves this client is not in the export.'],
  }
  const read = readRequestedLevel(request, model, notes.reasons, notes.unknowns)
  const requested = read.requested
  const prediction: LoginPrediction = {
    outcome: 'tokens',
    requested,
    steps: [],
    setup: [],
    ...notes,
  }
  const stop = (value: Stop): LoginPrediction => Object.assign(prediction, value)
  if (read.errorPage !== undefined)
    return stop({ outcome: 'error-page', errorPage: read.errorPage })

  const choice = chooseFlow(model, read.voluntaryValues, notes)
  if (choice.stop) return stop(choice.stop)
  const flow = choice.flow
  if (flow) prediction.flowAlias = flow.alias

  const session = readSession(flow, request, requested.loa, context, notes)
  let current = session.current
  if (flow) {
    const walked = walkFlow({ model, flow, request, requested, session, context }, notes)
    prediction.steps = walked.steps
    prediction.setup = walked.setup
    if (walked.stop) return stop(walked.stop)
    current = walked.current
    if (walked.toIdentityProvider && request.kcIdpHint) {
      // IdentityBrokerService finishes the login without the rest of the flow: no level recorded.
      prediction.broker = readBrokerLogin(model, request, request.kcIdpHint, notes)
      if (prompts(request).includes('none')) return prediction
      // The level the cookie left on the auth session stays (walked.current); none is added.
      if (session.levelsAt.size > 0) {
        notes.unknowns.push(
          'Whether the levels this session held still count after a brokered login is not modelled: assumed they do not.',
        )
        session.levelsAt.clear()
      }
    }
  }
  // AuthenticationProcessor.authenticationComplete: a policy flow's LoA raises the level
  // (docs/keycloak-research.md#flow-choice).
  if (choice.flowLoa !== undefined && current < choice.flowLoa) {
    notes.reasons.push(`The client policy's flow sets the level to ${choice.flowLoa}.`)
    current = choice.flowLoa
  }

  const acr = nameAcr(
    {
      model,
      request,
      read,
      current,
      ssoAuthentication: session.cookieOnly,
      ssoSession: context.ssoSession,
    },
    notes,
  )
  prediction.loa = acr.loa
  prediction.computedAcr = acr.computedAcr
  if (acr.acr !== undefined) prediction.acr = acr.acr

  const sso = context.ssoSession
  const authTime = prediction.steps.length > 0 || !sso ? context.now : sso.authTime
  const after: NonNullable<LoginPrediction['session']> = {
    loa: acr.loa,
    levelsAuthenticatedAt: Object.fromEntries([...session.levelsAt].sort((a, b) => a[0] - b[0])),
    lastRequest: acr.lastRequest,
  }
  if (authTime !== undefined) after.authTime = authTime
  prediction.session = after
  return prediction
}
