// Amazon Cognito: acr_values (an ordered list of target levels) and max_age; the ID token's acr is
// the level the user satisfied, urn:cognito:loa:N, and amr the methods (["pwd","otp","mfa"]).
// Applications compare the acr level and auth_time with what the operation needs.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html
import { requestedAcr } from '../request/auth-request'
import type { LoaMap } from '../verdict/loa'
import { evaluate } from '../verdict/verdict'
import type { DialectRules } from './types'

const LEVEL = /^urn:cognito:loa:(\d)$/

const RULE =
  "Amazon Cognito: satisfied when the ID token's acr level (urn:cognito:loa:N) is at or above the lowest level asked."

/** The map with Cognito's own level names read as their number, where the map does not name them. */
function withCognitoLevels(loaMap: LoaMap, names: (string | undefined)[]): LoaMap {
  const map = { ...loaMap }
  for (const name of names) {
    const level = name === undefined ? undefined : LEVEL.exec(name)?.[1]
    if (name !== undefined && level !== undefined && !Object.hasOwn(map, name))
      map[name] = Number(level)
  }
  return map
}

export function rules(): DialectRules {
  return {
    dialect: 'cognito',
    requested: requestedAcr,
    evaluate: ({ request, idToken, loaMap }) => {
      const acr = typeof idToken?.acr === 'string' ? idToken.acr : undefined
      const map = withCognitoLevels(loaMap, [...requestedAcr(request).values, acr])
      return { ...evaluate(request, idToken, map), rule: RULE }
    },
  }
}
