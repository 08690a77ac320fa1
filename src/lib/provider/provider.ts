// Which provider this is and which dialect of step-up it speaks: read from the target (Keycloak
// mode, a Keycloak-shaped issuer, a known host) or chosen by hand. Kept tiny: it is on the first
// page; each dialect's rules are a module of their own, loaded with the provider that needs them
// (src/lib/dialects/). Presets live in provider-presets.ts, loaded with the provider settings.
import type { DialectRules } from '../dialects/types'
import { err, ok, type Result } from '../core/result'

import { DIALECTS, type Dialect, type DialectChoice } from './dialect-names'

export { DIALECTS, type Dialect, type DialectChoice }

/** What resolveDialect reads of a target (a ProviderTarget or a configuration). */
interface DialectTarget {
  mode: 'keycloak' | 'oidc'
  issuer: string
}

/** Is this the Keycloak the playground knows the behaviour of? */
export function isKeycloakTarget(target: DialectTarget): boolean {
  return target.mode === 'keycloak' || /\/realms\/[^/]+\/?$/.test(target.issuer)
}

/** Hosts whose issuer names their provider: each provider's documented issuer form. */
const HOSTS: [RegExp, Dialect][] = [
  [/^(login\.microsoftonline\.com|sts\.windows\.net|[^.]+\.ciamlogin\.com)$/, 'entra'],
  [/\.(okta|oktapreview|okta-emea)\.com$/, 'okta'],
  [/\.auth0\.com$/, 'auth0'],
  [/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/, 'cognito'],
]

/** The dialect a known host speaks; undefined for any other host. */
export function hostDialect(issuer: string): Dialect | undefined {
  const host = URL.parse(issuer)?.hostname ?? ''
  return HOSTS.find(([pattern]) => pattern.test(host))?.[1]
}

/** The dialect as the playground read every target before dialects existed. */
export function legacyDialect(target: DialectTarget): Dialect {
  return isKeycloakTarget(target) ? 'keycloak' : 'generic'
}

export function resolveDialect(choice: DialectChoice, target: DialectTarget): Dialect {
  if (choice !== 'auto') return choice
  if (isKeycloakTarget(target)) return 'keycloak'
  return (target.mode === 'oidc' && hostDialect(target.issuer)) || 'generic'
}

export function parseDialectChoice(value: unknown): Result<DialectChoice> {
  return value === 'auto' || DIALECTS.includes(value as Dialect)
    ? ok(value as DialectChoice)
    : err(`is not one of ${DIALECTS.join(', ')}`)
}

/** Dialects whose request is not acr_values: their rules must be loaded to compose it. */
export const ASKS_BY_CLAIMS: readonly Dialect[] = ['entra']

/** A dialect's rules: a chunk of its own, loaded when a provider that speaks it is on show. */
export function loadDialectRules(dialect: Dialect): Promise<DialectRules> {
  const load =
    dialect === 'entra'
      ? import('../dialects/entra')
      : dialect === 'okta'
        ? import('../dialects/okta')
        : dialect === 'auth0'
          ? import('../dialects/auth0')
          : dialect === 'cognito'
            ? import('../dialects/cognito')
            : import('../dialects/standard')
  return load.then((m) => m.rules(dialect))
}
