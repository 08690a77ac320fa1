// Each hint rule alone: when it speaks and when it keeps quiet. hints.spec.ts checks the list.
import { describe, expect, it } from 'vitest'

import { requestedAcr, type AuthRequest } from '@/lib/request/auth-request'
import {
  acrValuesAndClaims,
  acrZero,
  clientLoaMap,
  defaultAcr,
  essentialIgnored,
  freshNoLevel,
  HINT_RULES,
  mapOverridden,
  minimumAcr,
  noAcrClaim,
  numericAcr,
  predictionMismatch,
  severalAcrValues,
  ssoReused,
  unknownAcr,
  unmappedAcr,
  voluntaryDowngrade,
  type HintCode,
  type HintInput,
  type HintRule,
} from '@/lib/verdict/hints'
import { buildStepUpModel, type StepUpModel } from '@/lib/keycloak/realm-model'

const LEVELS = { bronze: 1, silver: 2, gold: 3 }

/** A realm whose client `c` has the given attributes; the realm maps bronze, silver and gold. */
function model(clientAttributes: Record<string, string> = {}, scopes = ['acr']): StepUpModel {
  const built = buildStepUpModel(
    {
      realm: 'r',
      attributes: { 'acr.loa.map': JSON.stringify(LEVELS) },
      clients: [{ clientId: 'c', attributes: clientAttributes, defaultClientScopes: scopes }],
    },
    'c',
  )
  if (!built.ok) throw new Error(built.error)
  return built.value
}

/** A result at a Keycloak: the request asked `acrValues`, the ID token says `acr`. */
function input(patch: Partial<HintInput> & { acrValues?: string; claims?: string; acr?: string }) {
  const { acrValues, claims, acr, ...rest } = patch
  const request: AuthRequest = { scope: 'openid' }
  if (acrValues !== undefined) request.acrValues = acrValues
  if (claims !== undefined) request.claims = claims
  const base: HintInput = {
    request,
    requested: requestedAcr(request),
    idToken: acr === undefined ? {} : { acr },
    receivedAcr: acr,
    receivedLoa: acr === undefined ? undefined : LEVELS[acr as keyof typeof LEVELS],
    verdict: 'satisfied',
    loa: { map: LEVELS, source: 'typed' },
    keycloak: true,
    model: null,
  }
  return { ...base, ...rest }
}

const essential = (values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })
const voluntary = (values: string[]) => JSON.stringify({ id_token: { acr: { values } } })
const tokens = (acr: string) => ({ outcome: 'tokens' as const, acr, steps: [], reasons: [] })

type Row = [string, HintInput, boolean]

function table(rule: HintRule, code: HintCode, rows: Row[]) {
  describe(rule.name, () => {
    it.each(rows.map(([what, given, speaks]) => [what, speaks, given] as const))(
      '%s: speaks %s',
      (_, speaks, given) => {
        const hint = rule(given)
        expect(hint?.code ?? null).toBe(speaks ? code : null)
        if (hint) expect(hint.text.length).toBeGreaterThan(20)
      },
    )
  })
}

table(predictionMismatch, 'prediction-mismatch', [
  ['another acr than predicted', input({ acr: 'silver', prediction: tokens('gold') }), true],
  ['the acr predicted', input({ acr: 'gold', prediction: tokens('gold') }), false],
  ['no prediction', input({ acr: 'silver' }), false],
  [
    'an error page predicted',
    input({ acr: 'silver', prediction: { ...tokens('gold'), outcome: 'error-page' } }),
    false,
  ],
  ['no acr received', input({ prediction: tokens('gold') }), false],
])

table(ssoReused, 'sso-reused', [
  ['auth_time a minute before', input({ idToken: { auth_time: 1000 }, startedAt: 1060 }), true],
  ['auth_time a second before', input({ idToken: { auth_time: 1059 }, startedAt: 1060 }), false],
  ['auth_time after', input({ idToken: { auth_time: 1070 }, startedAt: 1060 }), false],
  ['no start time', input({ idToken: { auth_time: 1000 } }), false],
  ['auth_time not a number', input({ idToken: { auth_time: '1000' }, startedAt: 1060 }), false],
])

table(acrZero, 'acr-zero', [
  ['acr "0"', input({ acr: '0' }), true],
  ['acr "0" asked for', input({ acr: '0', acrValues: '0' }), true],
  ['acr "1"', input({ acr: '1' }), false],
  ['no acr', input({}), false],
])

table(freshNoLevel, 'fresh-no-level', [
  ['acr "1" when nothing was asked', input({ acr: '1' }), true],
  ['acr "1" asked for', input({ acr: '1', acrValues: '1' }), false],
  ['acr "1" not at Keycloak', input({ acr: '1', keycloak: false }), false],
  [
    'acr "1" over a reused session',
    input({ acr: '1', idToken: { acr: '1', auth_time: 1000 }, startedAt: 1060 }),
    false,
  ],
  ['acr "0"', input({ acr: '0' }), false],
])

table(numericAcr, 'numeric-acr', [
  ['level 2 asked and received by number', input({ acr: '2', acrValues: '2' }), true],
  ['a name asked', input({ acr: 'silver', acrValues: 'silver' }), false],
  ['a number received, not asked', input({ acr: '2', acrValues: 'silver' }), false],
  ['no map', input({ acr: '2', acrValues: '2', loa: { map: {}, source: 'typed' } }), false],
  ['not at Keycloak', input({ acr: '2', acrValues: '2', keycloak: false }), false],
])

table(noAcrClaim, 'no-acr-claim', [
  ['no acr', input({}), true],
  ['no acr, the client without the acr scope', input({ model: model({}, []) }), true],
  ['no acr, another provider', input({ keycloak: false }), true],
  ['an acr', input({ acr: 'silver' }), false],
])

table(severalAcrValues, 'several-acr-values', [
  ['two values', input({ acr: 'silver', acrValues: 'gold silver' }), true],
  ['two values, another provider', input({ acrValues: 'gold silver', keycloak: false }), true],
  ['one value', input({ acr: 'silver', acrValues: 'silver' }), false],
  ['no acr_values', input({ acr: 'silver', claims: voluntary(['gold', 'silver']) }), false],
])

table(acrValuesAndClaims, 'acr-values-and-claims', [
  [
    'acr_values and an essential claim',
    input({ acrValues: 'gold', claims: essential(['gold']) }),
    true,
  ],
  [
    'acr_values and a voluntary claim',
    input({ acrValues: 'gold', claims: voluntary(['silver']) }),
    true,
  ],
  ['acr_values alone', input({ acrValues: 'gold' }), false],
  ['a claims request alone', input({ claims: essential(['gold']) }), false],
])

table(unknownAcr, 'unknown-acr', [
  ['an unknown value, realm known', input({ acrValues: 'platinum', model: model() }), true],
  ['a known value', input({ acrValues: 'gold', model: model() }), false],
  ['a level number', input({ acrValues: '2', model: model() }), false],
  ['no realm', input({ acrValues: 'platinum' }), false],
  ['essential', input({ claims: essential(['platinum']), model: model() }), false],
])

table(clientLoaMap, 'client-loa-map', [
  ['a client map', input({ model: model({ 'acr.loa.map': '{"low":1}' }) }), true],
  ['the realm map', input({ model: model() }), false],
  ['no realm', input({}), false],
])

table(defaultAcr, 'default-acr', [
  ['nothing asked, defaults set', input({ model: model({ 'default.acr.values': 'gold' }) }), true],
  [
    'a level asked',
    input({ acrValues: 'silver', model: model({ 'default.acr.values': 'gold' }) }),
    false,
  ],
  ['no defaults', input({ model: model() }), false],
  ['no realm', input({}), false],
])

table(minimumAcr, 'minimum-acr', [
  ['nothing asked, a minimum', input({ model: model({ 'minimum.acr.value': 'silver' }) }), true],
  [
    'below the minimum',
    input({ acrValues: 'bronze', model: model({ 'minimum.acr.value': 'silver' }) }),
    true,
  ],
  [
    'at the minimum',
    input({ acrValues: 'silver', model: model({ 'minimum.acr.value': 'silver' }) }),
    false,
  ],
  ['a minimum the map does not know', input({ model: model({ 'minimum.acr.value': 'x' }) }), false],
  ['no minimum', input({ model: model() }), false],
])

table(mapOverridden, 'map-overridden', [
  [
    'a typed map the realm overrides',
    input({
      loa: { map: LEVELS, source: 'realm', overridden: { map: { a: 1 }, source: 'typed' } },
    }),
    true,
  ],
  ['the typed map used', input({}), false],
])

table(voluntaryDowngrade, 'voluntary-downgrade', [
  ['downgraded', input({ acr: 'silver', acrValues: 'gold', verdict: 'downgraded' }), true],
  [
    'downgraded, realm known',
    input({ acr: 'silver', acrValues: 'gold', verdict: 'downgraded', model: model() }),
    true,
  ],
  [
    'downgraded, another provider',
    input({ acr: 'silver', acrValues: 'gold', verdict: 'downgraded', keycloak: false }),
    true,
  ],
  [
    'downgraded for an unknown value',
    input({ acr: 'bronze', acrValues: 'platinum', verdict: 'downgraded', model: model() }),
    false,
  ],
  [
    'downgraded against the prediction',
    input({ acr: 'silver', acrValues: 'gold', verdict: 'downgraded', prediction: tokens('gold') }),
    false,
  ],
  ['satisfied', input({ acr: 'gold', acrValues: 'gold' }), false],
])

table(essentialIgnored, 'essential-ignored', [
  [
    'essential unmet',
    input({ acr: 'silver', claims: essential(['gold']), verdict: 'essential-unmet' }),
    true,
  ],
  ['downgraded', input({ acr: 'silver', acrValues: 'gold', verdict: 'downgraded' }), false],
])

table(unmappedAcr, 'unmapped-acr', [
  ['an acr the map lacks', input({ acr: 'platinum' }), true],
  [
    'an acr the realm map lacks',
    input({ acr: 'platinum', loa: { map: LEVELS, source: 'realm' } }),
    true,
  ],
  ['a mapped acr', input({ acr: 'gold' }), false],
  ['no acr', input({}), false],
])

describe('HINT_RULES', () => {
  it('holds each rule once, in the order the hints matter', () => {
    expect(HINT_RULES.map((rule) => rule.name)).toEqual([
      'predictionMismatch',
      'ssoReused',
      'acrZero',
      'freshNoLevel',
      'numericAcr',
      'noAcrClaim',
      'severalAcrValues',
      'acrValuesAndClaims',
      'unknownAcr',
      'clientLoaMap',
      'defaultAcr',
      'minimumAcr',
      'mapOverridden',
      'voluntaryDowngrade',
      'essentialIgnored',
      'unmappedAcr',
    ])
  })
})
