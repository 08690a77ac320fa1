// The Keycloak facts only the realm engine reads (brokered logins, conditions on the user inside
// a level): the same shape and rules as KEYCLOAK_FACTS in keycloak-facts.ts, kept apart so that
// they load with the realm engine's chunk instead of the first page.
import type { KeycloakFact, KeycloakVersion } from './keycloak-facts'

const same = (text: string): Record<KeycloakVersion, string> => ({
  '26.5.6': text,
  '26.7.5': text,
})

const BROKER_SPEC = 'test/e2e/keycloak/broker.spec.ts'

export const KEYCLOAK_REALM_FACTS = {
  'broker-forwards-acr-values': {
    condition:
      'a login goes to an OpenID Connect identity provider (kc_idp_hint and the identity provider redirector) with acr_values',
    text: same(
      "Keycloak forwards the request's acr_values to the provider as they were sent, names unmapped (the provider must know them).",
    ),
    proof: {
      spec: BROKER_SPEC,
      test: 'first broker login and a returning user: acr_values silver is forwarded and the upstream asks its OTP, yet the downstream answers bronze (level 1), predicted',
    },
    research: 'brokered-login',
  },
  'broker-forward-parameters': {
    condition:
      "the identity provider's Forwarded query parameters (forwardParameters) are set and leave out acr_values",
    text: same('Keycloak forwards no acr_values to that provider: it is asked no level.'),
    proof: {
      spec: BROKER_SPEC,
      test: 'an identity provider whose Forwarded query parameters leave out acr_values is asked no level, predicted',
    },
    research: 'brokered-login',
  },
  'broker-claims-not-forwarded': {
    condition:
      "a login goes to an identity provider with a claims request for acr, or the client's Default ACR values or Minimum ACR value",
    text: same(
      "Keycloak forwards only the acr_values parameter: not the claims request, not the client's Default or Minimum ACR (keycloak#42625). An essential acr the brokered login did not reach is not enforced either.",
    ),
    proof: {
      spec: BROKER_SPEC,
      test: 'an essential claims request for silver is not forwarded: the upstream asks the password only, the downstream answers bronze without an error, predicted',
    },
    research: 'brokered-login',
  },
  'broker-records-no-level': {
    condition: 'a brokered login comes back, on a first broker login or for a returning user',
    text: same(
      'Keycloak does not continue the browser flow after the provider (keycloak#25335): no level condition runs, the login counts as level 1 and acr is the name of level 1, whatever was asked and whatever the provider did. The session records no level.',
    ),
    proof: {
      spec: BROKER_SPEC,
      test: 'first broker login and a returning user: acr_values silver is forwarded and the upstream asks its OTP, yet the downstream answers bronze (level 1), predicted',
    },
    research: 'brokered-login',
  },
  'broker-session-no-level': {
    condition: 'over the SSO session a brokered login left',
    text: same(
      'The session holds no level: a request without a level gets acr "0" from the cookie alone, and a request for any level goes to the identity provider again (with kc_idp_hint) and comes back as level 1.',
    ),
    proof: {
      spec: BROKER_SPEC,
      test: 'over the SSO session a brokered login left: no level asked gives acr "0", silver goes to the upstream again and gives bronze, both predicted',
    },
    research: 'brokered-login',
  },
  'user-condition-inside-level': {
    condition:
      'a level sub-flow holds a CONDITIONAL sub-flow on the user (a role, an attribute), e.g. an OTP for the role admins',
    text: same(
      'Keycloak asks that sub-flow only of users the condition holds for; the others pass the level without it. The level reached, and the acr, are the same either way.',
    ),
    proof: {
      spec: 'test/e2e/keycloak/conditional-otp.spec.ts',
      test: 'bronze for a user without the role: the password only, acr bronze, as predicted',
    },
    research: 'user-condition',
  },
} as const satisfies Record<string, KeycloakFact>

type KeycloakRealmFactCode = keyof typeof KEYCLOAK_REALM_FACTS

/** A realm fact's sentence for one version (26.5.6 unless told). */
export function realmFactText(
  code: KeycloakRealmFactCode,
  version: KeycloakVersion = '26.5.6',
): string {
  return KEYCLOAK_REALM_FACTS[code].text[version]
}
