// src/lib/keycloak/predict.ts: what Keycloak 26.5 does with a request. Rows marked "measured" were observed
// on Keycloak 26.5 with the playground realm; the rules are read in docs/keycloak-research.md.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import {
  mapLoaToAcr,
  MESSAGES,
  predictLogin,
  readRequestedLevel,
  type LoginContext,
  type LoginPrediction,
  type SsoSession,
} from '@/lib/keycloak/predict'
import { buildStepUpModel, parseRealmExport, type StepUpModel } from '@/lib/keycloak/realm-model'
import { realmExport, type Factor } from '../fixtures/realm'

const FIXTURE = readFileSync(
  new URL('../../keycloak/realm-acr-playground.json', import.meta.url),
  'utf8',
)
const NOW = 1_800_000_000

function fixture(clientId = 'acr-playground'): StepUpModel {
  const result = parseRealmExport(FIXTURE, clientId)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

const request = (params: Partial<AuthRequest> = {}): AuthRequest => ({ scope: 'openid', ...params })
const essential = (...values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })

const BOB = ['password', 'otp']
const ALICE = ['password']
const CAROL = ['password', 'otp']

/** An SSO session whose levels were authenticated `age` seconds ago. */
function sso(levels: number[], age = 2, lastRequest?: SsoSession['lastRequest']): SsoSession {
  const session: SsoSession = {
    authTime: NOW - age,
    levelsAuthenticatedAt: Object.fromEntries(levels.map((l) => [l, NOW - age])),
  }
  if (lastRequest) session.lastRequest = lastRequest
  return session
}

function ctx(userCredentials?: string[], ssoSession?: SsoSession): LoginContext {
  const context: LoginContext = { now: NOW }
  if (userCredentials) context.userCredentials = userCredentials
  if (ssoSession) context.ssoSession = ssoSession
  return context
}

type Row = [string, string, AuthRequest, LoginContext, Partial<LoginPrediction>]

describe('predictLogin: the playground realm', () => {
  it.each<Row>([
    // fresh logins
    [
      'fresh, no level (measured)',
      'acr-playground',
      request(),
      ctx(BOB),
      { outcome: 'tokens', steps: ['password'], acr: 'bronze', loa: 1 },
    ],
    [
      'fresh silver (measured)',
      'acr-playground',
      request({ acrValues: 'silver' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver', loa: 2 },
    ],
    [
      'unknown voluntary value: level 0, so level 1 runs (measured)',
      'acr-playground',
      request({ acrValues: 'platinum' }),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'unknown essential value (measured)',
      'acr-playground',
      request({ claims: essential('platinum') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims', steps: [] },
    ],
    [
      'essential list with one unknown (measured)',
      'acr-playground',
      request({ claims: essential('platinum', 'silver') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims' },
    ],
    [
      'voluntary list with one unknown: lowest is 0 (measured)',
      'acr-playground',
      request({ acrValues: 'platinum silver' }),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'a bare number is returned as asked (measured)',
      'acr-playground',
      request({ acrValues: '2' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: '2', loa: 2 },
    ],
    [
      'acr_values=0 still runs level 1 and answers "0" (measured)',
      'acr-playground',
      request({ acrValues: '0' }),
      ctx(BOB),
      { steps: ['password'], acr: '0', loa: 1 },
    ],
    [
      'several values: the lowest, in either order (measured)',
      'acr-playground',
      request({ acrValues: 'gold silver' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'several values, other order (measured)',
      'acr-playground',
      request({ acrValues: 'silver bronze' }),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'several essential values: the lowest (measured)',
      'acr-playground',
      request({ claims: essential('silver', 'bronze') }),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'claims "value" is read',
      'acr-playground',
      request({ claims: '{"id_token":{"acr":{"essential":true,"value":"silver"}}}' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'an essential level above the flow fails after every step',
      'acr-playground',
      request({ claims: essential('4') }),
      ctx(CAROL.concat('webauthn')),
      {
        outcome: 'error-page',
        errorPage: 'Authentication requirements not fulfilled',
        steps: ['password', 'otp', 'webauthn'],
      },
    ],
    [
      'a voluntary level above the flow gets the highest level',
      'acr-playground',
      request({ acrValues: '4' }),
      ctx(['password', 'otp', 'webauthn']),
      { outcome: 'tokens', loa: 3, acr: 'gold' },
    ],
    [
      'gold registers a passkey when the user has none',
      'acr-playground',
      request({ acrValues: 'gold' }),
      ctx(CAROL),
      { steps: ['password', 'otp'], setup: ['webauthn-register'], acr: 'gold' },
    ],
    // users without the factor
    [
      'voluntary level the user lacks (measured)',
      'acr-playground',
      request({ acrValues: 'gold' }),
      ctx(ALICE),
      {
        outcome: 'error-page',
        errorPage: 'Cannot login, credential setup required.',
        steps: ['password'],
      },
    ],
    [
      'essential level the user lacks',
      'acr-playground',
      request({ claims: essential('gold') }),
      ctx(ALICE),
      { outcome: 'error-page', errorPage: 'Cannot login, credential setup required.' },
    ],
    [
      'prompt=none and a factor the user lacks: still the error page',
      'acr-playground',
      request({ acrValues: 'silver', prompt: 'none' }),
      ctx(ALICE, sso([1])),
      { outcome: 'error-page', errorPage: 'Cannot login, credential setup required.' },
    ],
    // SSO
    [
      'SSO at silver, unknown voluntary value: nothing asked (measured)',
      'acr-playground',
      request({ acrValues: 'platinum' }),
      ctx(BOB, sso([1, 2], 1, { acrValues: 'silver' })),
      { steps: [], acr: 'silver', loa: 2 },
    ],
    [
      'SSO at silver, unknown essential value (measured)',
      'acr-playground',
      request({ claims: essential('platinum') }),
      ctx(BOB, sso([1, 2])),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims' },
    ],
    [
      'SSO at silver, bronze asked: named bronze (measured)',
      'acr-playground',
      request({ acrValues: 'bronze' }),
      ctx(BOB, sso([1, 2], 3, { acrValues: 'silver' })),
      { steps: [], acr: 'bronze', loa: 2 },
    ],
    [
      'SSO at silver, nothing asked, last request was bronze: still bronze (measured)',
      'acr-playground',
      request(),
      ctx(BOB, sso([1, 2], 6, { acrValues: 'bronze' })),
      { steps: [], acr: 'bronze' },
    ],
    [
      'SSO at silver, nothing asked, last request silver (measured)',
      'acr-playground',
      request(),
      ctx(BOB, sso([1, 2], 3, { acrValues: 'silver' })),
      { steps: [], acr: 'silver' },
    ],
    [
      'SSO after silver expired, nothing asked (measured)',
      'acr-playground',
      request(),
      ctx(BOB, sso([1, 2], 25, { acrValues: 'silver' })),
      { steps: [], acr: 'bronze', loa: 1 },
    ],
    [
      'step-up from bronze: only the OTP',
      'acr-playground',
      request({ acrValues: 'silver' }),
      ctx(BOB, sso([1])),
      { steps: ['otp'], acr: 'silver' },
    ],
    [
      'silver expired: only the OTP again',
      'acr-playground',
      request({ acrValues: 'silver' }),
      ctx(BOB, sso([1, 2], 25)),
      { steps: ['otp'], acr: 'silver' },
    ],
    [
      'gold after gold: the passkey again (max age 0)',
      'acr-playground',
      request({ acrValues: 'gold' }),
      ctx(['password', 'otp', 'webauthn'], sso([1, 2])),
      { steps: ['webauthn'], acr: 'gold' },
    ],
    [
      'max_age=0 asks every factor of the level again (measured)',
      'acr-playground',
      request({ acrValues: 'silver', maxAge: 0 }),
      ctx(BOB, sso([1, 2], 3)),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'max_age=0 with bronze: only the password (measured)',
      'acr-playground',
      request({ acrValues: 'bronze', maxAge: 0 }),
      ctx(BOB, sso([1, 2], 3)),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'prompt=login, no level (measured)',
      'acr-playground',
      request({ prompt: 'login' }),
      ctx(BOB, sso([1], 3)),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'max_age not yet passed: SSO',
      'acr-playground',
      request({ acrValues: 'bronze', maxAge: 60 }),
      ctx(BOB, sso([1], 3)),
      { steps: [], acr: 'bronze' },
    ],
    // prompt=none
    [
      'prompt=none step-up (measured)',
      'acr-playground',
      request({ acrValues: 'silver', prompt: 'none' }),
      ctx(BOB, sso([1])),
      { outcome: 'error-callback', error: 'login_required' },
    ],
    [
      'prompt=none essential step-up (measured)',
      'acr-playground',
      request({ claims: essential('silver'), prompt: 'none' }),
      ctx(BOB, sso([1])),
      { outcome: 'error-callback', error: 'login_required' },
    ],
    [
      'prompt=none, level met (measured)',
      'acr-playground',
      request({ acrValues: 'bronze', prompt: 'none' }),
      ctx(BOB, sso([1])),
      { outcome: 'tokens', acr: 'bronze', steps: [] },
    ],
    [
      'prompt=none without a session (measured)',
      'acr-playground',
      request({ acrValues: 'bronze', prompt: 'none' }),
      ctx(BOB),
      { outcome: 'error-callback', error: 'login_required' },
    ],
    // client settings
    [
      'minimum ACR lifts bronze to silver (measured)',
      'acr-playground-min-silver',
      request({ acrValues: 'bronze' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'minimum ACR without a request (measured)',
      'acr-playground-min-silver',
      request(),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'minimum ACR replaces an unknown value (measured)',
      'acr-playground-min-silver',
      request({ acrValues: 'platinum' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'minimum ACR and a user without OTP (measured)',
      'acr-playground-min-silver',
      request({ acrValues: 'bronze' }),
      ctx(ALICE),
      { outcome: 'error-page', errorPage: 'Cannot login, credential setup required.' },
    ],
    [
      'an essential value below the minimum',
      'acr-playground-min-silver',
      request({ claims: essential('bronze') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims' },
    ],
    [
      'an essential value at the minimum',
      'acr-playground-min-silver',
      request({ claims: essential('silver') }),
      ctx(BOB),
      { outcome: 'tokens', acr: 'silver' },
    ],
    [
      'no acr scope: the level runs, no acr claim',
      'acr-playground-no-acr',
      request({ acrValues: 'silver' }),
      ctx(BOB),
      { outcome: 'tokens', steps: ['password', 'otp'], computedAcr: 'silver' },
    ],
  ])('%s', (_, clientId, req, context, expected) => {
    expect(predictLogin(fixture(clientId), req, context)).toMatchObject(expected)
  })

  it('leaves acr out for a client without the acr scope', () => {
    const p = predictLogin(
      fixture('acr-playground-no-acr'),
      request({ acrValues: 'silver' }),
      ctx(BOB),
    )
    expect(p.acr).toBeUndefined()
    expect(p.reasons.join('\n')).toMatch(/does not get the acr client scope/)
  })

  it('says why, from the model and the request', () => {
    const p = predictLogin(fixture(), request({ acrValues: 'platinum silver' }), ctx(BOB))
    expect(p.reasons.join('\n')).toMatch(/"platinum" is not a number and not in the acr.loa.map/)
    expect(p.reasons.join('\n')).toMatch(/lowest of their levels \(0\)/)
  })

  it.each<[string, LoginContext, RegExp]>([
    ['the credentials are unknown', ctx(undefined), /credentials are not given/],
    [
      'the last request of the client is unknown',
      ctx(BOB, { levelsAuthenticatedAt: { 1: NOW } }),
      /earlier in this session/,
    ],
    [
      'only the session level is known',
      ctx(BOB, { loa: 1 }),
      /When each level of the session was authenticated is not given/,
    ],
  ])('lists as unknown what it cannot know: %s', (_, context, unknown) => {
    const p = predictLogin(fixture(), request({ acrValues: 'silver' }), context)
    expect(p.unknowns.join('\n')).toMatch(unknown)
  })

  it('chains: the session after a login feeds the next prediction', () => {
    const first = predictLogin(fixture(), request({ acrValues: 'silver' }), ctx(BOB))
    expect(first.session).toEqual({
      loa: 2,
      authTime: NOW,
      levelsAuthenticatedAt: { 1: NOW, 2: NOW },
      lastRequest: { acrValues: 'silver' },
    })
    const later = { now: NOW + 5, userCredentials: BOB, ssoSession: first.session }
    expect(predictLogin(fixture(), request(), later)).toMatchObject({ steps: [], acr: 'silver' })
    const expired = { ...later, now: NOW + 25 }
    expect(predictLogin(fixture(), request(), expired)).toMatchObject({ steps: [], acr: 'bronze' })
  })

  it.each<[string, AuthRequest, Partial<LoginPrediction>]>([
    [
      'nothing asked: the session counts only up to the expired level',
      request(),
      { steps: [], acr: '0', loa: 0 },
    ],
    [
      'silver asked: only the expired password again',
      request({ acrValues: 'silver' }),
      { steps: ['password'], acr: 'silver', loa: 2 },
    ],
  ])('an expired lower level under a valid higher one, %s', (_, req, expected) => {
    const session: SsoSession = {
      authTime: NOW - 36010,
      levelsAuthenticatedAt: { 1: NOW - 36010, 2: NOW - 5 },
      lastRequest: {},
    }
    expect(predictLogin(fixture(), req, ctx(BOB, session))).toMatchObject(expected)
  })

  it('keeps the session auth_time when nothing was asked', () => {
    const p = predictLogin(fixture(), request(), ctx(BOB, sso([1], 30)))
    expect(p.session?.authTime).toBe(NOW - 30)
  })
})

// A compact realm export for rules the playground realm does not show.
function realm(
  levels: { level: number; maxAge?: number; factors: Factor[] }[],
  options: {
    realmMap?: Record<string, number>
    client?: Record<string, unknown>
    extra?: Record<string, unknown>
  } = {},
): StepUpModel {
  const json = realmExport(levels, {
    browserFlow: 'top',
    realmMap: options.realmMap,
    client: { defaultClientScopes: ['acr'], optionalClientScopes: undefined, ...options.client },
    names: (l) => ({ flow: `L${String(l.level)}`, config: `c${String(l.level)}` }),
    extra: { requiredActions: [{ providerId: 'CONFIGURE_TOTP', enabled: true }], ...options.extra },
  })
  const result = buildStepUpModel(json, 'web')
  if (!result.ok) throw new Error(result.error)
  return result.value
}

const PASSWORD_OTP = [
  { level: 1, factors: ['auth-username-password-form'] },
  { level: 2, factors: ['auth-otp-form'] },
]
const MAP = { bronze: 1, silver: 2 }

describe('predictLogin: rules beyond the playground realm', () => {
  it.each<[string, StepUpModel, AuthRequest, LoginContext, Partial<LoginPrediction>]>([
    [
      'default ACR values apply when nothing is requested',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'default.acr.values': 'silver' } },
      }),
      request(),
      ctx(BOB),
      {
        steps: ['password', 'otp'],
        acr: 'silver',
        requested: { values: ['silver'], essential: false, source: 'default.acr.values', loa: 2 },
      },
    ],
    [
      'the lowest default ACR value',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'default.acr.values': 'silver##bronze' } },
      }),
      request(),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'a request wins over the default ACR values',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'default.acr.values': 'silver' } },
      }),
      request({ acrValues: 'bronze' }),
      ctx(BOB),
      { steps: ['password'], acr: 'bronze' },
    ],
    [
      'a client map replaces the realm map: a realm name is unknown (measured)',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'acr.loa.map': '{"copper":1,"steel":2}' } },
      }),
      request({ acrValues: 'silver' }),
      ctx(BOB),
      { steps: ['password'], acr: 'copper' },
    ],
    [
      'a client map: an essential realm name fails (measured)',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'acr.loa.map': '{"copper":1,"steel":2}' } },
      }),
      request({ claims: essential('silver') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims' },
    ],
    [
      'SSO to a client with its own map names the level from that map (measured)',
      realm(PASSWORD_OTP, { client: { attributes: { 'acr.loa.map': '{"copper":1,"steel":2}' } } }),
      request(),
      ctx(BOB, sso([1, 2])),
      { steps: [], acr: 'steel' },
    ],
    [
      'no map: a voluntary name counts as level 0 and acr is "1" (measured)',
      realm(PASSWORD_OTP),
      request({ acrValues: 'https://example.com/loa/substantial' }),
      ctx(BOB),
      { steps: ['password'], acr: '1' },
    ],
    [
      'no map: a number is a level (measured)',
      realm(PASSWORD_OTP),
      request({ acrValues: '2' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: '2' },
    ],
    [
      'two names on one level: the first in the map',
      realm(PASSWORD_OTP, { realmMap: { low: 1, basic: 1, high: 2 } }),
      request(),
      ctx(BOB),
      { acr: 'low' },
    ],
    [
      'two names on one level: the requested one',
      realm(PASSWORD_OTP, { realmMap: { low: 1, basic: 1, high: 2 } }),
      request({ acrValues: 'basic' }),
      ctx(BOB),
      { acr: 'basic' },
    ],
    [
      'the first level sub-flow runs at a fresh login whatever its number',
      realm(
        [
          { level: 2, factors: ['auth-username-password-form'] },
          { level: 3, factors: ['auth-otp-form'] },
        ],
        { realmMap: { mid: 2, top: 3 } },
      ),
      request(),
      ctx(BOB),
      { steps: ['password'], acr: 'mid', loa: 2 },
    ],
    [
      'alternatives inside a level: the one the user has',
      realm(
        [
          { level: 1, factors: ['auth-username-password-form'] },
          {
            level: 2,
            factors: [
              ['auth-otp-form', 'ALTERNATIVE'],
              ['webauthn-authenticator', 'ALTERNATIVE'],
            ],
          },
        ],
        { realmMap: MAP },
      ),
      request({ acrValues: 'silver' }),
      ctx(['password', 'webauthn']),
      { steps: ['password', 'webauthn'] },
    ],
    [
      'alternatives, credentials unknown',
      realm(
        [
          { level: 1, factors: ['auth-username-password-form'] },
          {
            level: 2,
            factors: [
              ['auth-otp-form', 'ALTERNATIVE'],
              ['webauthn-authenticator', 'ALTERNATIVE'],
            ],
          },
        ],
        { realmMap: MAP },
      ),
      request({ acrValues: 'silver' }),
      ctx(),
      { steps: ['password', 'otp or webauthn'] },
    ],
    [
      'OTP registration enabled: the user sets one up',
      realm(PASSWORD_OTP, { realmMap: MAP }),
      request({ acrValues: 'silver' }),
      ctx(ALICE),
      { steps: ['password'], setup: ['CONFIGURE_TOTP'], acr: 'silver' },
    ],
    [
      'prompt=none and a pending registration',
      realm(PASSWORD_OTP, { realmMap: MAP }),
      request({ acrValues: 'silver', prompt: 'none' }),
      ctx(ALICE, sso([1])),
      { outcome: 'error-callback', error: 'interaction_required' },
    ],
    [
      'a leading space in acr_values reads an empty value: level 0',
      realm(PASSWORD_OTP, { realmMap: MAP }),
      request({ acrValues: ' silver' }),
      ctx(BOB),
      {
        steps: ['password'],
        requested: {
          values: ['', 'silver'],
          essential: false,
          source: 'acr_values and claims',
          loa: 0,
        },
      },
    ],
    [
      'acr_values and voluntary claims are read together',
      realm(PASSWORD_OTP, { realmMap: MAP }),
      request({ acrValues: 'silver', claims: '{"id_token":{"acr":{"values":["bronze"]}}}' }),
      ctx(BOB),
      {
        steps: ['password'],
        requested: {
          values: ['silver', 'bronze'],
          essential: false,
          source: 'acr_values and claims',
          loa: 1,
        },
      },
    ],
    [
      'an essential claims request ignores acr_values',
      realm(PASSWORD_OTP, { realmMap: MAP }),
      request({ acrValues: 'bronze', claims: essential('silver') }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: 'silver' },
    ],
    [
      'lightweight access tokens',
      realm(PASSWORD_OTP, {
        realmMap: MAP,
        client: { attributes: { 'client.use.lightweight.access.token.enabled': 'true' } },
      }),
      request({ acrValues: 'silver' }),
      ctx(BOB),
      { acr: 'silver' },
    ],
    [
      'no map: SSO at 2 asked for 1 stays "2" (measured)',
      realm(PASSWORD_OTP),
      request({ acrValues: '1' }),
      ctx(BOB, sso([1, 2])),
      { steps: [], acr: '2' },
    ],
    [
      'no map: acr_values=0 answers "1" (measured)',
      realm(PASSWORD_OTP),
      request({ acrValues: '0' }),
      ctx(BOB),
      { steps: ['password'], acr: '1' },
    ],
    [
      'no map: a voluntary level above the flow quietly gives less (measured)',
      realm(PASSWORD_OTP),
      request({ acrValues: '3' }),
      ctx(BOB),
      { steps: ['password', 'otp'], acr: '2' },
    ],
    [
      'no map: an essential level above the flow fails at the end (measured)',
      realm(PASSWORD_OTP),
      request({ claims: essential('3') }),
      ctx(BOB),
      {
        outcome: 'error-page',
        errorPage: 'Authentication requirements not fulfilled',
        steps: ['password', 'otp'],
      },
    ],
    [
      'same level twice: the first listed names it (measured)',
      realm(PASSWORD_OTP, { realmMap: { low: 1, substantial: 2 } }),
      request({ acrValues: 'substantial 2' }),
      ctx(BOB),
      { acr: 'substantial' },
    ],
    [
      'same level twice, other order (measured)',
      realm(PASSWORD_OTP, { realmMap: { low: 1, substantial: 2 } }),
      request({ acrValues: '2 substantial' }),
      ctx(BOB),
      { acr: '2' },
    ],
    [
      'an essential list naming the minimum and a lower value (measured)',
      realm(PASSWORD_OTP, {
        realmMap: { low: 1, substantial: 2 },
        client: { attributes: { 'minimum.acr.value': 'substantial' } },
      }),
      request({ claims: essential('low', 'substantial') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Invalid parameter: claims' },
    ],
    [
      'SSO into a client whose default is higher: only the missing factor, new auth_time (measured)',
      realm(PASSWORD_OTP, {
        realmMap: { low: 1, substantial: 2 },
        client: { attributes: { 'default.acr.values': 'substantial' } },
      }),
      request(),
      ctx(BOB, sso([1], 2)),
      {
        steps: ['otp'],
        acr: 'substantial',
        session: {
          loa: 2,
          authTime: NOW,
          levelsAuthenticatedAt: { 1: NOW - 2, 2: NOW },
          lastRequest: {},
        },
      },
    ],
  ])('%s', (_, model, req, context, expected) => {
    expect(predictLogin(model, req, context)).toMatchObject(expected)
  })

  it('says the access token of a lightweight client has no acr', () => {
    const model = realm(PASSWORD_OTP, {
      realmMap: MAP,
      client: { attributes: { 'client.use.lightweight.access.token.enabled': 'true' } },
    })
    const p = predictLogin(model, request({ acrValues: 'silver' }), ctx(BOB))
    expect(p.reasons.join('\n')).toMatch(/access token has no acr/)
  })

  it('follows a client policy that binds a flow to an ACR', () => {
    const extra = {
      clientProfiles: {
        profiles: [
          {
            name: 'p',
            executors: [
              { executor: 'auth-flow-enforcer', configuration: { 'auth-flow-alias': 'L2' } },
            ],
          },
        ],
      },
      clientPolicies: {
        policies: [
          {
            name: 'silver via OTP only',
            enabled: true,
            conditions: [
              { condition: 'acr-condition', configuration: { 'acr-property': 'silver' } },
            ],
            profiles: ['p'],
          },
        ],
      },
    }
    const p = predictLogin(
      realm(PASSWORD_OTP, { realmMap: MAP, extra }),
      request({ acrValues: 'silver' }),
      ctx(BOB),
    )
    expect(p.flowAlias).toBe('L2')
    expect(p.reasons.join('\n')).toMatch(/Client policy "silver via OTP only" matches "silver"/)
  })

  it('sends the browser to the identity provider named by kc_idp_hint', () => {
    const model = fixture()
    const p = predictLogin(model, request({ kcIdpHint: 'corp' }), ctx(BOB))
    expect(p.steps).toEqual(['identity provider corp'])
    expect(p.unknowns.join('\n')).toMatch(/identity provider/)
  })

  it('answers "1" to a fresh login and "0" to SSO in a flow without levels', () => {
    const json = {
      realm: 'r',
      browserFlow: 'plain',
      clients: [{ clientId: 'web', defaultClientScopes: ['acr'] }],
      authenticationFlows: [
        {
          alias: 'plain',
          authenticationExecutions: [
            { authenticator: 'auth-cookie', requirement: 'ALTERNATIVE' },
            { authenticatorFlow: true, flowAlias: 'forms', requirement: 'ALTERNATIVE' },
          ],
        },
        {
          alias: 'forms',
          authenticationExecutions: [
            { authenticator: 'auth-username-password-form', requirement: 'REQUIRED' },
          ],
        },
      ],
    }
    const result = buildStepUpModel(json, 'web')
    if (!result.ok) throw new Error(result.error)
    expect(predictLogin(result.value, request(), ctx(BOB))).toMatchObject({
      steps: ['password'],
      acr: '1',
    })
    expect(predictLogin(result.value, request(), ctx(BOB, { authTime: NOW - 5 }))).toMatchObject({
      steps: [],
      acr: '0',
    })
  })
})

describe('readRequestedLevel and mapLoaToAcr', () => {
  const model = fixture()
  it.each<[string, AuthRequest, { values: string[]; essential: boolean; loa: number }]>([
    ['nothing', request(), { values: [], essential: false, loa: -1 }],
    [
      'acr_values',
      request({ acrValues: 'gold silver' }),
      { values: ['gold', 'silver'], essential: false, loa: 2 },
    ],
    [
      'essential claims',
      request({ claims: essential('gold') }),
      { values: ['gold'], essential: true, loa: 3 },
    ],
    [
      'voluntary claims',
      request({ claims: '{"id_token":{"acr":{"values":["gold"]}}}' }),
      { values: ['gold'], essential: false, loa: 3 },
    ],
    [
      'claims under userinfo only',
      request({ claims: '{"userinfo":{"acr":{"essential":true,"values":["gold"]}}}' }),
      { values: [], essential: false, loa: -1 },
    ],
    ['broken claims', request({ claims: '{nope' }), { values: [], essential: false, loa: -1 }],
  ])('reads %s', (_, req, expected) => {
    expect(readRequestedLevel(req, model).requested).toMatchObject(expected)
  })

  it.each<[number, Record<string, number>, string[], string | undefined]>([
    [2, { bronze: 1, silver: 2 }, ['silver'], 'silver'],
    [2, { bronze: 1, silver: 2 }, ['gold', 'bronze'], 'bronze'],
    [3, { bronze: 1, silver: 2 }, ['3'], '3'],
    [1, { bronze: 1, silver: 2 }, ['silver'], undefined],
    [2, {}, ['2'], undefined],
    [2, { a: 2, b: 2 }, ['a', 'b'], 'a'],
  ])('mapLoaToAcr(%s, %j, %j) is %s', (loa, map, values, acr) => {
    expect(mapLoaToAcr(loa, map, values)).toBe(acr)
  })

  it('names the messages Keycloak shows', () => {
    expect(MESSAGES).toEqual({
      invalidClaims: 'Invalid parameter: claims',
      acrNotFulfilled: 'Authentication requirements not fulfilled',
      credentialSetupRequired: 'Cannot login, credential setup required.',
      invalidUser: 'Invalid username or password.',
    })
  })
})

describe('predictLogin: a flow with levels 1 and 3 only (keycloak/realm-acr-gap.json)', () => {
  const gap = (() => {
    const result = parseRealmExport(
      readFileSync(new URL('../../keycloak/realm-acr-gap.json', import.meta.url), 'utf8'),
      'acr-playground',
    )
    if (!result.ok) throw new Error(result.error)
    return result.value
  })()

  // Measured on Keycloak 26.5.6 and 26.7.5 (docs/keycloak-research.md, "A level no sub-flow serves").
  it.each<[string, AuthRequest, LoginContext, Partial<LoginPrediction>]>([
    [
      'fresh, mid: level 1 only, quietly low',
      request({ acrValues: 'mid' }),
      ctx(BOB),
      { outcome: 'tokens', steps: ['password'], acr: 'low', loa: 1 },
    ],
    [
      'SSO at 1, mid: no sub-flow serves 2, Keycloak stops',
      request({ acrValues: 'mid' }),
      ctx(BOB, sso([1])),
      { outcome: 'error-page', errorPage: 'Invalid username or password.', steps: [] },
    ],
    [
      'SSO at 1, essential mid: the same page, not "requirements not fulfilled"',
      request({ claims: essential('mid') }),
      ctx(BOB, sso([1])),
      { outcome: 'error-page', errorPage: 'Invalid username or password.' },
    ],
    [
      'SSO at 1, mid under prompt=none: the same page, no callback',
      request({ acrValues: 'mid', prompt: 'none' }),
      ctx(BOB, sso([1])),
      { outcome: 'error-page', errorPage: 'Invalid username or password.' },
    ],
    [
      'fresh, essential mid: level 1, then requirements not fulfilled',
      request({ claims: essential('mid') }),
      ctx(BOB),
      { outcome: 'error-page', errorPage: 'Authentication requirements not fulfilled' },
    ],
    [
      'SSO at 1 and 3, top: above the top, Keycloak stops',
      request({ acrValues: 'top' }),
      ctx(BOB, sso([1, 3])),
      { outcome: 'error-page', errorPage: 'Invalid username or password.' },
    ],
    [
      'SSO at 1 and 3, mid: covered by 3, named mid',
      request({ acrValues: 'mid' }),
      ctx(BOB, sso([1, 3])),
      { outcome: 'tokens', steps: [], acr: 'mid' },
    ],
    [
      'SSO at 1, top: level 3 runs, the OTP',
      request({ acrValues: 'top' }),
      ctx(BOB, sso([1])),
      { outcome: 'tokens', steps: ['otp'], acr: 'high' },
    ],
    [
      'SSO at 1, mid with prompt=login: every level up to the request runs again',
      request({ acrValues: 'mid', prompt: 'login' }),
      ctx(BOB, sso([1])),
      { outcome: 'tokens', steps: ['password'], acr: 'low' },
    ],
    [
      'SSO at 1, high with prompt=none: login_required, and no step is listed',
      request({ acrValues: 'high', prompt: 'none' }),
      ctx(BOB, sso([1])),
      { outcome: 'error-callback', error: 'login_required', steps: [] },
    ],
  ])('%s', (_, req, context, expected) => {
    expect(predictLogin(gap, req, context)).toMatchObject(expected)
  })

  it('says which page prompt=none would have needed, as a reason', () => {
    const predicted = predictLogin(
      gap,
      request({ acrValues: 'high', prompt: 'none' }),
      ctx(BOB, sso([1])),
    )
    expect(predicted.reasons.join(' ')).toContain('would have to show the otp page')
  })
})

describe('predictLogin: what the walk of the flow keeps track of', () => {
  it('a level sub-flow that asks for nothing has run: over a session it grants its level', () => {
    const model = realm(
      [
        { level: 1, factors: ['auth-username-password-form'] },
        { level: 2, factors: [] },
      ],
      { realmMap: MAP },
    )
    const p = predictLogin(model, request({ acrValues: 'silver' }), ctx(BOB, sso([1])))
    // Not "a flow in which nothing ran" (Invalid username or password.).
    expect(p).toMatchObject({ outcome: 'tokens', steps: [], acr: 'silver', loa: 2 })
    expect(p.reasons.join(' ')).toMatch(/asks for nothing: the level is granted as is/)
  })

  it('says once that the credentials are not given, however many factors are asked', () => {
    const p = predictLogin(fixture(), request({ acrValues: 'gold' }), ctx(undefined))
    expect(p.steps.length).toBeGreaterThan(2)
    expect(p.unknowns.filter((u) => u.includes('credentials are not given'))).toHaveLength(1)
  })
})
