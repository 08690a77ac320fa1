// Presets: a provider's issuer pattern, client and usual levels in one click. Loaded with the
// provider settings, not on the first page (src/lib/provider/provider.ts is the part the first page needs).
// Each dialect's rules and their sources: src/lib/dialects/ and the README's dialect table.
import { defaultConfig, emptyRequest, type PlaygroundConfig } from '../request/config'
import { PAPE_MULTI_FACTOR } from '../dialects/auth0'
import type { Dialect } from './provider'

interface Preset {
  id: string
  label: string
  /** What the preset sets: a whole request, like a link that names a provider. */
  config: Partial<PlaygroundConfig>
}

/** Entra's request for one authentication context, the client declaring cp1 (see dialects/entra). */
function entraClaims(context: string): string {
  const claims = {
    access_token: { acrs: { essential: true, value: context }, xms_cc: { values: ['cp1'] } },
  }
  return JSON.stringify(claims, null, 2)
}

/** Per dialect: how it asks (the first level) and its usual levels, lowest first. */
const LEVELS: Record<Exclude<Dialect, 'keycloak' | 'generic'>, Partial<PlaygroundConfig>> = {
  // Authentication contexts are c1…c99, each a Conditional Access policy: the map only orders them.
  entra: {
    acrValues: ['c1'],
    sendAcrValues: false,
    claims: entraClaims('c1'),
    loaMap: { c1: 1, c2: 2, c3: 3 },
  },
  okta: {
    acrValues: ['urn:okta:loa:2fa:any'],
    loaMap: {
      'urn:okta:loa:1fa:any': 1,
      'urn:okta:loa:1fa:pwd': 1,
      'urn:okta:loa:2fa:any:ifpossible': 2,
      'urn:okta:loa:2fa:any': 2,
      phr: 3,
      phrh: 4,
    },
  },
  auth0: { acrValues: [PAPE_MULTI_FACTOR], loaMap: { [PAPE_MULTI_FACTOR]: 2 } },
  // Level1…Level4 (AcrLevelConfigType); named as the documented urn:cognito:loa:3, renamable.
  cognito: {
    acrValues: ['urn:cognito:loa:2'],
    loaMap: {
      'urn:cognito:loa:1': 1,
      'urn:cognito:loa:2': 2,
      'urn:cognito:loa:3': 3,
      'urn:cognito:loa:4': 4,
    },
  },
}

const demo: Partial<PlaygroundConfig> = defaultConfig()
delete demo.apiUrl

/** The demo provider of `npm start` speaking a dialect: its mode at /<dialect> (demo-idp/). */
function demoMode(dialect: keyof typeof LEVELS): Partial<PlaygroundConfig> {
  return {
    ...emptyRequest(),
    mode: 'oidc',
    issuer: `${demo.issuer}/${dialect}`,
    clientId: demo.clientId,
    dialect,
    scope: 'profile',
    ...LEVELS[dialect],
  }
}

function provider(
  dialect: keyof typeof LEVELS,
  issuer: string,
  clientId: string,
): Partial<PlaygroundConfig> {
  return { ...emptyRequest(), mode: 'oidc', issuer, clientId, dialect, ...LEVELS[dialect] }
}

export const PRESETS: Preset[] = [
  { id: 'demo', label: 'Demo provider', config: demo },
  {
    id: 'keycloak',
    label: 'Local Keycloak',
    config: {
      ...emptyRequest(),
      mode: 'keycloak',
      url: 'http://localhost:8080',
      realm: 'acr-playground',
      clientId: 'acr-playground',
      dialect: 'auto',
      acrValues: ['silver'],
      loaMap: { bronze: 1, silver: 2, gold: 3 },
    },
  },
  {
    id: 'entra',
    label: 'Microsoft Entra ID',
    config: provider(
      'entra',
      'https://login.microsoftonline.com/your-tenant-id/v2.0',
      'your-app-id',
    ),
  },
  {
    id: 'okta',
    label: 'Okta',
    config: provider('okta', 'https://your-org.okta.com/oauth2/default', 'your-client-id'),
  },
  {
    id: 'auth0',
    label: 'Auth0',
    config: provider('auth0', 'https://your-tenant.us.auth0.com/', 'your-client-id'),
  },
  {
    id: 'cognito',
    label: 'Amazon Cognito',
    config: provider(
      'cognito',
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
      'your-app-client-id',
    ),
  },
]

/** The demo provider in each dialect's mode, proven by test/e2e/demo/dialects.spec.ts. */
export const DEMO_MODE_PRESETS: Preset[] = (Object.keys(LEVELS) as (keyof typeof LEVELS)[]).map(
  (dialect) => ({ id: `demo-${dialect}`, label: dialect, config: demoMode(dialect) }),
)
