// The phases of the prediction, one table each, against the project's realm files: which level was
// asked, which flow, what the session holds, walking the flow, which acr comes out
// (docs/keycloak-research.md).
import { describe, expect, it } from 'vitest'

import { nameAcr } from '@/lib/keycloak/acr-mapper'
import type { AuthRequest } from '@/lib/request/auth-request'
import { chooseFlow } from '@/lib/keycloak/flow-choice'
import { walkFlow, type WalkResult } from '@/lib/keycloak/flow-walk'
import type { LoginContext, Notes, SsoSession } from '@/lib/keycloak/predict-types'
import type { AcrFlowPolicy, StepUpModel } from '@/lib/keycloak/realm-model'
import { readRequestedLevel } from '@/lib/keycloak/requested-level'
import { readSession, type SessionState } from '@/lib/keycloak/sso-session'
import { projectRealm } from '../fixtures/realm'

const NOW = 1_800_000_000

const realm = projectRealm

const MAIN = realm('realm-acr-playground.json', 'acr-playground')
const MIN_SILVER = realm('realm-acr-playground.json', 'acr-playground-min-silver')
const GAP = realm('realm-acr-gap.json', 'acr-playground')
const GAP_OWN = realm('realm-acr-gap.json', 'gap-own-map')

const request = (params: Partial<AuthRequest> = {}): AuthRequest => ({ scope: 'openid', ...params })
const essential = (...values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })
const notes = (): Notes => ({ reasons: [], unknowns: [] })

/** A session whose levels were authenticated `age` seconds ago. */
function sso(levels: number[], age = 2, lastRequest?: SsoSession['lastRequest']): SsoSession {
  const session: SsoSession = {
    authTime: NOW - age,
    levelsAuthenticatedAt: Object.fromEntries(levels.map((l) => [l, NOW - age])),
  }
  if (lastRequest) session.lastRequest = lastRequest
  return session
}
function ctx(ssoSession?: SsoSession, userCredentials = ['password', 'otp']): LoginContext {
  const context: LoginContext = { now: NOW, userCredentials }
  if (ssoSession) context.ssoSession = ssoSession
  return context
}

describe('which level was asked (AuthorizationEndpoint, AcrUtils)', () => {
  it.each<
    [string, StepUpModel, AuthRequest, { values: string[]; loa: number; essential: boolean }]
  >([
    [
      'a name of the realm map',
      GAP,
      request({ acrValues: 'mid' }),
      { values: ['mid'], loa: 2, essential: false },
    ],
    [
      'a name only the realm map has, to a client with its own map: level 0',
      GAP_OWN,
      request({ acrValues: 'mid' }),
      { values: ['mid'], loa: 0, essential: false },
    ],
    [
      'voluntary claims and acr_values together: the lowest',
      MAIN,
      request({ acrValues: 'gold', claims: '{"id_token":{"acr":{"values":["silver"]}}}' }),
      { values: ['gold', 'silver'], loa: 2, essential: false },
    ],
    [
      'essential claims win over acr_values',
      MAIN,
      request({ acrValues: 'bronze', claims: essential('gold') }),
      { values: ['gold'], loa: 3, essential: true },
    ],
    [
      'nothing asked, minimum ACR',
      MIN_SILVER,
      request(),
      { values: ['silver'], loa: 2, essential: false },
    ],
  ])('%s', (_, model, req, expected) => {
    expect(readRequestedLevel(req, model).requested).toMatchObject(expected)
  })
})

describe('which flow (AuthenticationFlowResolver, client policies)', () => {
  const policy = (over: Partial<AcrFlowPolicy>): AcrFlowPolicy => ({
    policy: 'p',
    enabled: true,
    acr: 'silver',
    flowAlias: 'browser step-up',
    otherConditions: [],
    ...over,
  })
  const withPolicies = (policies: AcrFlowPolicy[]): StepUpModel => ({
    ...MAIN,
    acrFlowPolicies: policies,
  })
  it.each<[string, StepUpModel, string[], { flow?: string; flowLoa?: number; stop?: boolean }]>([
    ["no policy: the client's flow", MAIN, ['silver'], { flow: MAIN.flow?.alias }],
    [
      'a policy for the ACR asked: its flow and level',
      withPolicies([policy({ flow: GAP.flow!, flowLoa: 3 })]),
      ['silver'],
      { flow: GAP.flow?.alias, flowLoa: 3 },
    ],
    [
      'a policy for another ACR: not applied',
      withPolicies([policy({ acr: 'gold', flow: GAP.flow! })]),
      ['silver'],
      { flow: MAIN.flow?.alias },
    ],
    [
      'a disabled policy: not applied',
      withPolicies([policy({ enabled: false, flow: GAP.flow! })]),
      ['silver'],
      { flow: MAIN.flow?.alias },
    ],
    [
      'a policy whose flow is not in the export: the login stops',
      withPolicies([policy({ flowAlias: 'gone' })]),
      ['silver'],
      { stop: true },
    ],
  ])('%s', (_, model, voluntary, expected) => {
    const choice = chooseFlow(model, voluntary, notes())
    expect({
      flow: choice.flow?.alias,
      flowLoa: choice.flowLoa,
      stop: choice.stop !== undefined,
    }).toMatchObject({ stop: false, ...expected })
  })
})

describe('what the session holds (CookieAuthenticator, AcrStore)', () => {
  it.each<[string, AuthRequest, number, SsoSession | undefined, Partial<SessionState>]>([
    ['no session: nothing held', request(), 2, undefined, { current: -1, cookieOnly: false }],
    [
      'level 1 held, 2 asked: step-up from 1',
      request(),
      2,
      sso([1]),
      { current: 1, cookieOnly: false },
    ],
    [
      'level 1 and 3 held, 2 asked: SSO at 3',
      request(),
      2,
      sso([1, 3]),
      { current: 3, cookieOnly: true },
    ],
    ['level 3 expired (300 s): only 1 counts', request(), 3, sso([1, 3], 400), { current: 1 }],
    [
      'prompt=login: forced, nothing held',
      request({ prompt: 'login' }),
      1,
      sso([1]),
      { current: -1, forced: true },
    ],
    ['max_age passed: forced', request({ maxAge: 1 }), 1, sso([1], 5), { forced: true }],
    ['nothing asked: the cookie suffices', request(), -1, sso([1]), { cookieOnly: true }],
    [
      'levels the flow has no sub-flow for (from the tab history) are not in the map',
      request(),
      2,
      sso([1, 2, 3]),
      { current: 3, cookieOnly: true },
    ],
  ])('%s', (_, req, requestedLoa, session, expected) => {
    expect(readSession(GAP.flow, req, requestedLoa, ctx(session), notes())).toMatchObject(expected)
  })
})

describe('walking the flow (DefaultAuthenticationFlow, ConditionalLoaAuthenticator)', () => {
  function walk(req: AuthRequest, session?: SsoSession, credentials?: string[]): WalkResult {
    const context = ctx(session, credentials)
    const n = notes()
    const requested = readRequestedLevel(req, GAP).requested
    const state = readSession(GAP.flow, req, requested.loa, context, n)
    return walkFlow(
      { model: GAP, flow: GAP.flow!, request: req, requested, session: state, context },
      n,
    )
  }
  it.each<[string, AuthRequest, SsoSession | undefined, Partial<WalkResult>]>([
    [
      'fresh, mid: level 1 only',
      request({ acrValues: 'mid' }),
      undefined,
      { steps: ['password'], current: 1 },
    ],
    [
      'fresh, high: levels 1 and 3',
      request({ acrValues: 'high' }),
      undefined,
      { steps: ['password', 'otp'], current: 3 },
    ],
    [
      'at 1, high: only the OTP',
      request({ acrValues: 'high' }),
      sso([1]),
      { steps: ['otp'], current: 3 },
    ],
    [
      'at 1, mid: nothing runs, the flow fails',
      request({ acrValues: 'mid' }),
      sso([1]),
      { steps: [], stop: { outcome: 'error-page', errorPage: 'Invalid username or password.' } },
    ],
    [
      'at 1 and 3, top: nothing runs, the flow fails',
      request({ acrValues: 'top' }),
      sso([1, 3]),
      { stop: { outcome: 'error-page', errorPage: 'Invalid username or password.' } },
    ],
    [
      'fresh, essential mid: level 1, then not fulfilled',
      request({ claims: essential('mid') }),
      undefined,
      { stop: { outcome: 'error-page', errorPage: 'Authentication requirements not fulfilled' } },
    ],
    [
      'at 1, high, prompt=none: login_required and no step shown',
      request({ acrValues: 'high', prompt: 'none' }),
      sso([1]),
      { steps: [], stop: { outcome: 'error-callback', error: 'login_required' } },
    ],
  ])('%s', (_, req, session, expected) => {
    expect(walk(req, session)).toMatchObject(expected)
  })

  it('a user without the OTP, its registration disabled: credential setup required', () => {
    expect(walk(request({ acrValues: 'high' }), undefined, ['password']).stop).toEqual({
      outcome: 'error-page',
      errorPage: 'Cannot login, credential setup required.',
    })
  })
})

describe('which acr comes out (AcrProtocolMapper)', () => {
  it.each<[string, StepUpModel, AuthRequest, number, boolean, SsoSession | undefined, string]>([
    [
      'level 1 for mid: the lower name',
      GAP,
      request({ acrValues: 'mid' }),
      1,
      false,
      undefined,
      'low',
    ],
    [
      'level 3 for mid: mid, the name asked',
      GAP,
      request({ acrValues: 'mid' }),
      3,
      true,
      sso([1, 3]),
      'mid',
    ],
    ['nothing recorded, fresh: level 1', GAP, request(), -1, false, undefined, 'low'],
    ['nothing recorded, SSO: level 0 has no name', GAP, request(), -1, true, sso([]), '0'],
    [
      'a client map: its name for the level',
      GAP_OWN,
      request({ acrValues: 'mid' }),
      1,
      false,
      undefined,
      'basic',
    ],
    [
      'a request without acr_values: the last one of the session names it',
      GAP,
      request(),
      3,
      true,
      sso([1, 3], 2, { acrValues: 'mid' }),
      'mid',
    ],
  ])('%s', (_, model, req, current, ssoAuthentication, session, acr) => {
    const read = readRequestedLevel(req, model)
    const named = nameAcr(
      { model, request: req, read, current, ssoAuthentication, ssoSession: session },
      notes(),
    )
    expect(named.acr).toBe(acr)
  })
})
