// The dialects of step-up by name: a leaf module, so the configuration can name them without
// importing the provider module that loads their rules (src/lib/provider/provider.ts).
export const DIALECTS = ['keycloak', 'entra', 'okta', 'auth0', 'cognito', 'generic'] as const
export type Dialect = (typeof DIALECTS)[number]
/** `auto`: from the target, as resolveDialect reads it. */
export type DialectChoice = Dialect | 'auto'
