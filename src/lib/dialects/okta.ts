// Okta: predefined acr_values (urn:okta:loa:1fa:any, urn:okta:loa:2fa:any,
// urn:okta:loa:2fa:any:ifpossible, phr, phrh, …); of several values the authorization server
// chooses one and reflects it in the tokens. `…:ifpossible` asks two factors only of a user
// enrolled in a second one, otherwise one: its acr alone does not say which, amr does.
// https://developer.okta.com/docs/guides/step-up-authentication/main/
// https://developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/CustomAS/
import { requestedAcr } from '../request/auth-request'
import { evaluate } from '../verdict/verdict'
import type { DialectRules } from './types'

const IF_POSSIBLE = ':ifpossible'

const RULE =
  "Okta: satisfied when the ID token's acr is the value Okta chose among those asked (or maps at or above the lowest); for …:ifpossible, amr must show two factors."

/** Two factors in an amr (RFC 8176): `mfa`, or two methods. */
function twoFactors(amr: unknown): boolean {
  if (!Array.isArray(amr)) return false
  const methods = new Set(amr.filter((m): m is string => typeof m === 'string'))
  if (methods.has('mfa')) return true
  methods.delete('mfa')
  return methods.size >= 2
}

export function rules(): DialectRules {
  return {
    dialect: 'okta',
    requested: requestedAcr,
    evaluate: ({ request, idToken, loaMap }) => {
      const judged = { ...evaluate(request, idToken, loaMap), rule: RULE }
      const acr = judged.receivedAcr
      if (
        judged.verdict === 'satisfied' &&
        acr?.endsWith(IF_POSSIBLE) &&
        judged.requested.values.includes(acr) &&
        !twoFactors(idToken?.amr)
      )
        return {
          ...judged,
          verdict: 'downgraded',
          answer: {
            where: 'id_token.amr',
            value: Array.isArray(idToken?.amr) ? idToken.amr.join(' ') : '',
          },
        }
      return judged
    },
  }
}
