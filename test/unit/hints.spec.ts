import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import { hintsFor, type HintCode, type HintInput, type PredictionRecord } from '@/lib/verdict/hints'
import { chooseLoaMap } from '@/lib/verdict/loa-source'
import type { StepUpModel } from '@/lib/keycloak/realm-model'
import { evaluate } from '@/lib/verdict/verdict'
import { projectRealm } from '../fixtures/realm'

const realm = projectRealm

const MAIN = realm('realm-acr-playground.json', 'acr-playground')
const MIN_SILVER = realm('realm-acr-playground.json', 'acr-playground-min-silver')
const NO_ACR = realm('realm-acr-playground.json', 'acr-playground-no-acr')
const URLS = realm('realm-acr-urls.json', 'urls-app')
const URLS_DEFAULT = realm('realm-acr-urls.json', 'urls-default')
const TYPED = { bronze: 1, silver: 2, gold: 3 }
const essential = (values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })

interface Case {
  request: AuthRequest
  idToken: Record<string, unknown>
  model?: StepUpModel | null
  keycloak?: boolean
  startedAt?: number
  prediction?: PredictionRecord
  typed?: Record<string, number>
  typedSource?: 'typed' | 'link'
}

function hints(c: Case): HintCode[] {
  const model = c.model ?? null
  const loa = chooseLoaMap(c.typed ?? TYPED, c.typedSource ?? 'typed', model)
  const judged = evaluate(c.request, c.idToken, loa.map)
  const input: HintInput = {
    request: c.request,
    requested: judged.requested,
    idToken: c.idToken,
    receivedAcr: judged.receivedAcr,
    receivedLoa: judged.receivedLoa,
    verdict: judged.verdict,
    loa,
    keycloak: c.keycloak ?? true,
    model,
  }
  if (c.startedAt !== undefined) input.startedAt = c.startedAt
  if (c.prediction) input.prediction = c.prediction
  return hintsFor(input).map((h) => h.code)
}

describe('hintsFor: each hint and what it is derived from', () => {
  it.each<[HintCode, Case]>([
    [
      'sso-reused',
      {
        request: { scope: 'openid' },
        idToken: { acr: 'bronze', auth_time: 1000 },
        startedAt: 1060,
      },
    ],
    ['acr-zero', { request: { scope: 'openid', acrValues: '0' }, idToken: { acr: '0' } }],
    ['fresh-no-level', { request: { scope: 'openid' }, idToken: { acr: '1' }, typed: {} }],
    ['numeric-acr', { request: { scope: 'openid', acrValues: '2' }, idToken: { acr: '2' } }],
    [
      'no-acr-claim',
      { request: { scope: 'openid', acrValues: 'silver' }, idToken: {}, model: NO_ACR },
    ],
    [
      'several-acr-values',
      { request: { scope: 'openid', acrValues: 'gold silver' }, idToken: { acr: 'silver' } },
    ],
    [
      'acr-values-and-claims',
      {
        request: { scope: 'openid', acrValues: 'gold', claims: essential(['gold']) },
        idToken: { acr: 'gold' },
      },
    ],
    [
      'unknown-acr',
      {
        request: { scope: 'openid', acrValues: 'platinum' },
        idToken: { acr: 'bronze' },
        model: MAIN,
      },
    ],
    [
      'client-loa-map',
      {
        request: { scope: 'openid', acrValues: 'https://example.com/loa/low' },
        idToken: { acr: 'https://example.com/loa/low' },
        model: URLS,
      },
    ],
    [
      'default-acr',
      {
        request: { scope: 'openid' },
        idToken: { acr: 'https://example.com/loa/substantial' },
        model: URLS_DEFAULT,
      },
    ],
    [
      'minimum-acr',
      {
        request: { scope: 'openid', acrValues: 'bronze' },
        idToken: { acr: 'silver' },
        model: MIN_SILVER,
      },
    ],
    [
      'map-overridden',
      {
        request: { scope: 'openid', acrValues: 'silver' },
        idToken: { acr: 'silver' },
        model: MAIN,
        typed: { silver: 3, gold: 2 },
        typedSource: 'link',
      },
    ],
    [
      'voluntary-downgrade',
      {
        request: { scope: 'openid', acrValues: 'gold' },
        idToken: { acr: 'silver' },
        keycloak: false,
      },
    ],
    [
      'essential-ignored',
      { request: { scope: 'openid', claims: essential(['gold']) }, idToken: { acr: 'silver' } },
    ],
    ['unmapped-acr', { request: { scope: 'openid' }, idToken: { acr: 'urn:x' } }],
    [
      'prediction-mismatch',
      {
        request: { scope: 'openid', acrValues: 'silver' },
        idToken: { acr: 'bronze' },
        model: MAIN,
        prediction: { outcome: 'tokens', acr: 'silver', steps: ['password', 'otp'], reasons: [] },
      },
    ],
  ])('%s', (code, c) => {
    expect(hints(c)).toContain(code)
  })
})

describe('hintsFor: honest and never contradictory', () => {
  it('gives no hint for a clean satisfied login', () => {
    expect(
      hints({ request: { scope: 'openid', acrValues: 'silver' }, idToken: { acr: 'silver' } }),
    ).toEqual([])
  })

  it('a reused session is never also called a fresh login', () => {
    const codes = hints({
      request: { scope: 'openid' },
      idToken: { acr: '1', auth_time: 1 },
      startedAt: 100,
      typed: {},
    })
    expect(codes).toContain('sso-reused')
    expect(codes).not.toContain('fresh-no-level')
  })

  it('asserts nothing about Keycloak for another provider', () => {
    const codes = hints({
      request: { scope: 'openid' },
      idToken: { acr: '1' },
      keycloak: false,
      typed: {},
    })
    expect(codes).not.toContain('fresh-no-level')
  })

  it('an unknown value is explained only when the realm is known', () => {
    const request = { scope: 'openid', acrValues: 'platinum' }
    expect(hints({ request, idToken: { acr: 'bronze' } })).not.toContain('unknown-acr')
    expect(hints({ request, idToken: { acr: 'bronze' }, model: MAIN })).toContain('unknown-acr')
  })

  it('a realm whose map lives on clients is not "downgraded" for names discovery does not list', () => {
    const codes = hints({
      request: { scope: 'openid', acrValues: 'https://example.com/loa/substantial' },
      idToken: { acr: 'https://example.com/loa/substantial' },
      model: URLS,
      typed: {},
    })
    expect(codes).not.toContain('voluntary-downgrade')
    expect(codes).not.toContain('unmapped-acr')
  })

  it('the prediction that matched adds no mismatch', () => {
    const codes = hints({
      request: { scope: 'openid', acrValues: 'silver' },
      idToken: { acr: 'silver' },
      model: MAIN,
      prediction: { outcome: 'tokens', acr: 'silver', steps: [], reasons: [] },
    })
    expect(codes).not.toContain('prediction-mismatch')
  })
})

describe('hintsFor: the unknown-acr hint says which acr.loa.map decided', () => {
  const GAP_OWN = realm('realm-acr-gap.json', 'gap-own-map')
  const GAP = realm('realm-acr-gap.json', 'acr-playground')
  const NUMERIC = realm('realm-acr-numeric.json', 'numeric-app')

  function unknownHint(model: StepUpModel, acr: string, received: string): string {
    const request: AuthRequest = { scope: 'openid', acrValues: acr }
    const loa = chooseLoaMap({}, 'typed', model)
    const judged = evaluate(request, { acr: received }, loa.map)
    const found = hintsFor({
      request,
      requested: judged.requested,
      idToken: { acr: received },
      receivedAcr: judged.receivedAcr,
      receivedLoa: judged.receivedLoa,
      verdict: judged.verdict,
      loa,
      keycloak: true,
      model,
    }).find((h) => h.code === 'unknown-acr')
    return found?.text ?? ''
  }

  it.each<[string, StepUpModel, string, string, string[], string[]]>([
    [
      "the client's own map, and the realm's has the name",
      GAP_OWN,
      'mid',
      'basic',
      ["not in the client's acr.loa.map", "The realm's map has it (mid=2)"],
      ["neither the realm's nor the client's"],
    ],
    [
      "the client's own map, and the realm's lacks the name too",
      GAP_OWN,
      'platinum',
      'basic',
      ["not in the client's acr.loa.map"],
      ["The realm's map has"],
    ],
    [
      "the realm's map, the client has none",
      GAP,
      'platinum',
      'low',
      ["not in the realm's acr.loa.map (the client has no map of its own)"],
      ["client's acr.loa.map,"],
    ],
    [
      'no map anywhere',
      NUMERIC,
      'platinum',
      '1',
      ['neither the realm nor the client has an acr.loa.map'],
      ["realm's acr.loa.map"],
    ],
  ])('%s', (_, model, acr, received, contains, lacks) => {
    const text = unknownHint(model, acr, received)
    for (const part of contains) expect(text).toContain(part)
    for (const part of lacks) expect(text).not.toContain(part)
  })
})

describe('hintsFor: a Keycloak downgrade without a realm export', () => {
  it('names a level the flow has no sub-flow for, and what the same request does over a session', () => {
    const request: AuthRequest = { scope: 'openid', acrValues: 'silver' }
    const loa = chooseLoaMap(TYPED, 'typed', null)
    const judged = evaluate(request, { acr: 'bronze' }, loa.map)
    const text = hintsFor({
      request,
      requested: judged.requested,
      idToken: { acr: 'bronze' },
      receivedAcr: judged.receivedAcr,
      receivedLoa: judged.receivedLoa,
      verdict: judged.verdict,
      loa,
      keycloak: true,
      model: null,
    }).find((h) => h.code === 'voluntary-downgrade')?.text
    expect(text).toContain('between two of its levels')
    expect(text).toContain('Invalid username or password.')
  })
})
