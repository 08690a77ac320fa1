// Auth0: step-up asks acr_values=http://schemas.openid.net/pape/policies/2007/06/multi-factor, and
// an application checks that the ID token's amr contains "mfa"; acr alone is not the answer.
// https://auth0.com/docs/secure/multi-factor-authentication/step-up-authentication/configure-step-up-authentication-for-web-apps
import { requestedAcr } from '../request/auth-request'
import { evaluate, type Verdict } from '../verdict/verdict'
import type { DialectRules } from './types'

export const PAPE_MULTI_FACTOR = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor'

const RULE =
  "Auth0: satisfied when the ID token's amr contains mfa (the multi-factor policy asked)."

export function rules(): DialectRules {
  return {
    dialect: 'auth0',
    requested: requestedAcr,
    evaluate: ({ request, idToken, loaMap }) => {
      const judged = evaluate(request, idToken, loaMap)
      if (!judged.requested.values.includes(PAPE_MULTI_FACTOR))
        return {
          ...judged,
          rule: "Auth0, no multi-factor policy asked: satisfied when the ID token's acr is a value asked.",
        }
      const amr = idToken?.amr
      const verdict: Verdict = !Array.isArray(amr)
        ? 'no-acr'
        : amr.includes('mfa')
          ? 'satisfied'
          : judged.requested.essential
            ? 'essential-unmet'
            : 'downgraded'
      return {
        ...judged,
        verdict,
        rule: RULE,
        answer: { where: 'id_token.amr', value: Array.isArray(amr) ? amr.join(' ') : '' },
      }
    },
  }
}
