// Keycloak's dialect and the generic one: the level asked with acr_values or an id_token.acr
// claims request, the answer in the ID token's acr, read with the LoA map.
import { requestedAcr } from '../request/auth-request'
import type { Dialect } from '../provider/dialect-names'
import { evaluate } from '../verdict/verdict'
import type { DialectRules } from './types'

const RULES = {
  // Keycloak runs the lowest level asked (AcrUtils; proven: step-up.spec.ts "several acr_values").
  keycloak:
    "Keycloak's rule: the lowest level asked runs; satisfied when the ID token's acr is a value asked or maps at or above it.",
  generic:
    "OpenID Connect: satisfied when the ID token's acr is a value asked, or maps at or above the lowest level asked.",
}

export function rules(dialect: Dialect): DialectRules {
  const rule = dialect === 'keycloak' ? RULES.keycloak : RULES.generic
  return {
    dialect,
    requested: requestedAcr,
    evaluate: ({ request, idToken, loaMap }) => ({ ...evaluate(request, idToken, loaMap), rule }),
  }
}
