// What Keycloak does with a step-up request, one row per fact: when it happens, what Keycloak does
// in each version checked, the test that proves it, and the section of docs/keycloak-research.md
// that reads it in Keycloak's source. Hints, the request lint, the realm lint and the login-error
// texts read their Keycloak sentences from here, so the advice is written once.
// The facts only the realm engine reads are in keycloak-realm-facts.ts (the same shape), so they
// load with that chunk.

/** The Keycloak versions whose behaviour this table records. */
export const KEYCLOAK_VERSIONS = ['26.5.6', '26.7.5'] as const
export type KeycloakVersion = (typeof KEYCLOAK_VERSIONS)[number]

/** Text Keycloak shows on its own pages (messages_en.properties), for the prediction and lint. */
export const KEYCLOAK_PAGES = {
  invalidClaims: 'Invalid parameter: claims',
  acrNotFulfilled: 'Authentication requirements not fulfilled',
  credentialSetupRequired: 'Cannot login, credential setup required.',
  invalidUser: 'Invalid username or password.',
} as const

export interface KeycloakFact {
  /** When it happens. */
  condition: string
  /** What Keycloak does, per version (the same sentence where the source did not change). */
  text: Record<KeycloakVersion, string>
  /**
   * The test that proves it: `spec` "test name". The e2e tier runs every Keycloak test on 26.5.6,
   * and the ones tagged @facts on 26.7.5 too; the README's facts table says, per version, which
   * (test/unit/keycloak-facts.spec.ts checks the tags).
   */
  proof: { spec: string; test: string }
  /** The section of docs/keycloak-research.md that reads it in the source. */
  research: string
}

/** One sentence for every version: the classes involved are byte-for-byte the same. */
const same = (text: string): Record<KeycloakVersion, string> => ({
  '26.5.6': text,
  '26.7.5': text,
})

export const KEYCLOAK_FACTS = {
  'acr-values-with-voluntary-claims': {
    condition: 'acr_values and a voluntary claims request for id_token.acr are both sent',
    text: same(
      'Keycloak reads them together (acr_values and the voluntary claims values) and runs the lowest of their levels.',
    ),
    proof: {
      spec: 'test/e2e/keycloak/realm-shapes.spec.ts',
      test: 'acr_values and a voluntary claims request are read together: the lower one runs',
    },
    research: 'requested-level',
  },
  'essential-claims-win': {
    condition: 'an essential claims request for id_token.acr is sent, with or without acr_values',
    text: same(
      'Keycloak reads only the essential values and ignores acr_values, and fails the login if the flow cannot reach them.',
    ),
    proof: {
      spec: 'test/e2e/keycloak/step-up.spec.ts',
      test: 'essential gold alice cannot meet',
    },
    research: 'requested-level',
  },
  'several-acr-values': {
    condition: 'several acr_values are sent',
    text: same('Keycloak runs the lowest level among them, whatever the order.'),
    proof: { spec: 'test/e2e/keycloak/step-up.spec.ts', test: 'several acr_values' },
    research: 'requested-level',
  },
  'unknown-voluntary-acr': {
    condition: 'a voluntary value is not a number and not in the acr.loa.map Keycloak reads',
    text: same(
      'Keycloak counts it as level 0, runs only what a fresh login needs, and logs "is not a number and it is not mapped".',
    ),
    proof: {
      spec: 'test/e2e/keycloak/realm-shapes.spec.ts',
      test: 'an ACR no map knows, voluntary: predicted and served at level 1 (password only), named bronze',
    },
    research: 'requested-level',
  },
  'unknown-essential-acr': {
    condition: 'an essential value is not a number and not in the acr.loa.map Keycloak reads',
    text: same(`Keycloak stops on its own page "${KEYCLOAK_PAGES.invalidClaims}".`),
    proof: {
      spec: 'test/e2e/keycloak/realm-shapes.spec.ts',
      test: 'an ACR no map knows, essential: predicted and shown as "Invalid parameter: claims"',
    },
    research: 'requested-level',
  },
  'client-map-replaces-realm': {
    condition: 'the client has an acr.loa.map of its own (not empty)',
    text: same(
      "Keycloak reads only the client's map: a name only the realm's map has is unknown to this client.",
    ),
    proof: {
      spec: 'test/e2e/keycloak/acr-gap.spec.ts',
      test: "a name the realm map has, sent to a client with its own map: the hint says the client's map decided",
    },
    research: 'loa-map',
  },
  'credential-setup-required': {
    condition:
      'the level asked needs a factor the user has not set up, and it cannot be registered during login',
    text: same(
      `Keycloak stops on its own page "${KEYCLOAK_PAGES.credentialSetupRequired}", for a voluntary request too, and under prompt=none.`,
    ),
    proof: {
      spec: 'test/e2e/keycloak/realm-shapes.spec.ts',
      test: 'default ACR values a user cannot meet: Keycloak stops, and the return says the export cannot show why',
    },
    research: 'walking-the-flow',
  },
  'client-default-or-minimum-acr': {
    condition:
      'the request asks no level, or a lower one, and the client has Default ACR values or a Minimum ACR value',
    text: same(
      "Keycloak asks the client's Default ACR values or Minimum ACR value instead: a user who cannot meet that level stops on Keycloak's page too.",
    ),
    proof: {
      spec: 'test/e2e/keycloak/acr-gap.spec.ts',
      test: "without a realm export, a login that never came back names the client's Default or Minimum ACR among the causes",
    },
    research: 'requested-level',
  },
  'level-gap-over-sso': {
    condition:
      'over an SSO session, a level the session lacks that no level sub-flow serves (between two configured levels, or above the top one the session already holds)',
    text: same(
      `Keycloak stops on its own page "${KEYCLOAK_PAGES.invalidUser}": the cookie does not cover the level, every level sub-flow is skipped, and a flow in which nothing ran has failed. The same request on a fresh login quietly gets the level below.`,
    ),
    proof: {
      spec: 'test/e2e/keycloak/acr-gap.spec.ts',
      test: 'mid (2) on a fresh login quietly gives low (1); the same request over that session stops on "Invalid username or password.", both predicted',
    },
    research: 'level-gap',
  },
  'prompt-none-needs-a-page': {
    condition: 'prompt=none, and the level asked needs a form the user would fill in',
    text: same('Keycloak shows nothing and answers the callback with login_required.'),
    proof: {
      spec: 'test/e2e/keycloak/acr-gap.spec.ts',
      test: 'prompt=none for a level the session lacks: login_required comes back, and the prediction lists no page the user would see',
    },
    research: 'walking-the-flow',
  },
} as const satisfies Record<string, KeycloakFact>

export type KeycloakFactCode = keyof typeof KEYCLOAK_FACTS

/** A fact's sentence for one version (26.5.6, the version the e2e tier runs, unless told). */
export function factText(code: KeycloakFactCode, version: KeycloakVersion = '26.5.6'): string {
  return KEYCLOAK_FACTS[code].text[version]
}

/**
 * The advice for a request that names a level in acr_values and in a claims request: one text for
 * the request editor, the request lint and the hints.
 */
export function acrValuesWithClaimsAdvice(essential: boolean): string {
  return `Both acr_values and ${essential ? 'an essential' : 'a voluntary'} claims request for id_token.acr name a level. OIDC leaves the combination unspecified; ${factText(essential ? 'essential-claims-win' : 'acr-values-with-voluntary-claims')}`
}
