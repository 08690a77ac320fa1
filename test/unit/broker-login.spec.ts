// src/lib/keycloak/broker-login.ts and the prediction of a brokered login, on the realm broker-downstream
// (keycloak/realm-broker-downstream.json). Rows marked "measured" are what
// test/e2e/keycloak/broker.spec.ts saw on Keycloak 26.5.6 and 26.7.5.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import { forwardedAcrValues, forwardsAcrValues, isBrokered } from '@/lib/keycloak/broker-login'
import { predictLogin, type LoginContext, type LoginPrediction } from '@/lib/keycloak/predict'
import {
  parseRealmExport,
  type IdentityProviderInfo,
  type StepUpModel,
} from '@/lib/keycloak/realm-model'

const NOW = 1_800_000_000
const EXPORT = readFileSync(
  new URL('../../keycloak/realm-broker-downstream.json', import.meta.url),
  'utf8',
)

function downstream(): StepUpModel {
  const result = parseRealmExport(EXPORT, 'acr-playground')
  if (!result.ok) throw new Error(result.error)
  return result.value
}

const request = (params: Partial<AuthRequest> = {}): AuthRequest => ({ scope: 'openid', ...params })
const essential = (...values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })
const idp = (extra: Partial<IdentityProviderInfo> = {}): IdentityProviderInfo => ({
  alias: 'up',
  enabled: true,
  ...extra,
})

describe('forwardsAcrValues: the identity provider setting', () => {
  it.each<[string, IdentityProviderInfo | undefined, boolean | undefined]>([
    ['not in the export', undefined, undefined],
    [
      'OpenID Connect, no Forwarded query parameters: acr_values alone',
      idp({ providerId: 'oidc' }),
      true,
    ],
    ['Keycloak OpenID Connect', idp({ providerId: 'keycloak-oidc' }), true],
    ['no providerId read', idp(), true],
    ['forwards login_hint only', idp({ forwardParameters: 'login_hint' }), false],
    [
      'forwards login_hint and acr_values',
      idp({ forwardParameters: 'login_hint, acr_values' }),
      true,
    ],
    ['acr_values with spaces', idp({ forwardParameters: '  acr_values ' }), true],
    ['a longer name is not acr_values', idp({ forwardParameters: 'acr_values_x' }), false],
    ['set but empty', idp({ forwardParameters: '' }), false],
    ['SAML', idp({ providerId: 'saml' }), false],
    ['a social provider', idp({ providerId: 'google' }), false],
  ])('%s', (_, provider, expected) => {
    expect(forwardsAcrValues(provider)).toBe(expected)
  })

  it.each<
    [string, IdentityProviderInfo | undefined, string | undefined, string | null | undefined]
  >([
    ['forwarded verbatim', idp(), 'silver bronze', 'silver bronze'],
    ['nothing to forward', idp(), undefined, null],
    ['left out by the setting', idp({ forwardParameters: 'login_hint' }), 'silver', null],
    ['provider unknown, nothing to forward', undefined, undefined, null],
    ['provider unknown, acr_values sent', undefined, 'silver', undefined],
  ])('forwardedAcrValues: %s', (_, provider, acrValues, expected) => {
    expect(forwardedAcrValues(provider, acrValues === undefined ? {} : { acrValues })).toBe(
      expected,
    )
  })
})

describe('the realm export read for brokered logins', () => {
  it('reads each identity provider with its Forwarded query parameters', () => {
    expect(downstream().brokers).toEqual([
      { alias: 'upstream', providerId: 'oidc', enabled: true },
      {
        alias: 'upstream-quiet',
        providerId: 'oidc',
        enabled: true,
        forwardParameters: 'login_hint',
      },
    ])
  })

  it.each<[string, string | undefined, boolean]>([
    ['a provider of the realm', 'upstream', true],
    ['no kc_idp_hint', undefined, false],
    ['a name the realm has no provider for', 'nowhere', false],
  ])('isBrokered: %s', (_, kcIdpHint, expected) => {
    expect(isBrokered(downstream(), kcIdpHint === undefined ? {} : { kcIdpHint })).toBe(expected)
  })
})

const fresh: LoginContext = { now: NOW }
/** The SSO session a brokered login leaves: Keycloak recorded no level in it. */
const afterBroker: LoginContext = {
  now: NOW,
  ssoSession: { authTime: NOW - 5, levelsAuthenticatedAt: {} },
}

describe('predictLogin: a login brokered to the realm broker-upstream', () => {
  it.each<[string, AuthRequest, LoginContext, Partial<LoginPrediction>, string | null | undefined]>(
    [
      [
        'silver, first or returning login: level 1 named bronze, silver forwarded (measured)',
        request({ acrValues: 'silver', kcIdpHint: 'upstream' }),
        fresh,
        { outcome: 'tokens', steps: ['identity provider upstream'], acr: 'bronze', loa: 1 },
        'silver',
      ],
      [
        'essential silver: not enforced, nothing forwarded (measured)',
        request({ claims: essential('silver'), kcIdpHint: 'upstream' }),
        fresh,
        { outcome: 'tokens', acr: 'bronze', loa: 1 },
        null,
      ],
      [
        'a provider that forwards login_hint only: nothing forwarded (measured)',
        request({ acrValues: 'silver', kcIdpHint: 'upstream-quiet' }),
        fresh,
        { outcome: 'tokens', acr: 'bronze' },
        null,
      ],
      [
        'over the session it left, no level: the cookie alone, acr 0 (measured)',
        request({ kcIdpHint: 'upstream' }),
        afterBroker,
        { outcome: 'tokens', steps: [], acr: '0', loa: 0 },
        undefined,
      ],
      [
        'over the session it left, silver: to the provider again, bronze (measured)',
        request({ acrValues: 'silver', kcIdpHint: 'upstream' }),
        afterBroker,
        { steps: ['identity provider upstream'], acr: 'bronze', loa: 1 },
        'silver',
      ],
      [
        'over the session it left, bronze: to the provider again (the session holds no level)',
        request({ acrValues: 'bronze', kcIdpHint: 'upstream' }),
        afterBroker,
        { steps: ['identity provider upstream'], acr: 'bronze' },
        'bronze',
      ],
      [
        'no kc_idp_hint: the realm’s own levels run',
        request({ acrValues: 'silver' }),
        fresh,
        { steps: ['password', 'otp'], acr: 'silver', loa: 2 },
        undefined,
      ],
    ],
  )('%s', (_, req, context, expected, forwarded) => {
    const p = predictLogin(downstream(), req, context)
    expect(p).toMatchObject(expected)
    if (forwarded === undefined) expect(p.broker).toBeUndefined()
    else expect(p.broker).toEqual({ alias: req.kcIdpHint, forwardedAcrValues: forwarded })
  })

  it('keeps the level the cookie found, and records none in the session, over a session that held bronze', () => {
    const held: LoginContext = {
      now: NOW,
      ssoSession: { authTime: NOW - 5, levelsAuthenticatedAt: { 1: NOW - 5 } },
    }
    const p = predictLogin(
      downstream(),
      request({ acrValues: 'silver', kcIdpHint: 'upstream' }),
      held,
    )
    expect(p).toMatchObject({ acr: 'bronze', loa: 1, steps: ['identity provider upstream'] })
    expect(p.session?.levelsAuthenticatedAt).toEqual({})
    expect(p.unknowns.join('\n')).toMatch(/levels this session held/)
  })

  it('records no level in the session after a brokered login', () => {
    const p = predictLogin(
      downstream(),
      request({ acrValues: 'silver', kcIdpHint: 'upstream' }),
      fresh,
    )
    expect(p.session?.levelsAuthenticatedAt).toEqual({})
  })

  it('says the upstream level is outside the export, and why an essential acr is not enforced', () => {
    const p = predictLogin(
      downstream(),
      request({ claims: essential('silver'), kcIdpHint: 'upstream' }),
      fresh,
    )
    expect(p.unknowns.join('\n')).toMatch(/identity provider "upstream" asks the user/)
    expect(p.reasons.join('\n')).toMatch(/not the claims request/)
    expect(p.reasons.join('\n')).toMatch(/keycloak#25335/)
  })

  it('under prompt=none the provider answers: no acr predicted', () => {
    const p = predictLogin(
      downstream(),
      request({ acrValues: 'silver', kcIdpHint: 'upstream', prompt: 'none' }),
      fresh,
    )
    expect(p.acr).toBeUndefined()
    expect(p.broker?.forwardedAcrValues).toBe('silver')
  })
})
