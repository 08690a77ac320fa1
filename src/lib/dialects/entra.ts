// Microsoft Entra ID: Conditional Access authentication contexts (c1…c99) are asked for with the
// claims parameter, {"access_token":{"acrs":{"essential":true,"value":"c1"}}}, and come back as
// the access token's `acrs` array, not as `acr`. A client that can answer claims challenges
// declares the cp1 capability: {"access_token":{"xms_cc":{"values":["cp1"]}}}.
// https://learn.microsoft.com/entra/identity-platform/developer-guide-conditional-access-authentication-context
// https://learn.microsoft.com/entra/identity-platform/claims-challenge
import type { AuthRequest, RequestedAcr } from '../request/auth-request'
import { formatClaims, hasBlockingProblem, parseClaimsRequest } from '../request/claims-request'
import type { JsonObject } from '../request/claims-request'
import type { PlaygroundConfig } from '../request/config'
import { isRecord } from '../core/json-value'
import { loaOf } from '../verdict/loa'
import type { Verdict } from '../verdict/verdict'
import type { DialectRules } from './types'

const CLIENT_CAPABILITY = { values: ['cp1'] }

const RULE =
  "Microsoft Entra: satisfied when the access token's acrs holds every authentication context asked for (the ID token carries none)."

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** access_token.acrs of a claims request: `value` (Entra's own examples) or `values`. */
function authContextsAsked(claims: JsonObject | null): RequestedAcr {
  const token = claims?.access_token
  const acrs = isRecord(token) ? token.acrs : undefined
  if (!isRecord(acrs)) return { values: [], essential: false, source: 'none' }
  const values = typeof acrs.value === 'string' ? [acrs.value] : strings(acrs.values)
  return values.length
    ? { values, essential: acrs.essential === true, source: 'claims' }
    : { values: [], essential: false, source: 'none' }
}

/**
 * The claims request with access_token.acrs set to `values` (removed when empty) and the cp1
 * capability declared; every other member kept.
 */
function withAuthContexts(claims: JsonObject | null, values: string[] | null): JsonObject {
  const next: JsonObject = { ...(claims ?? {}) }
  const token: JsonObject = isRecord(next.access_token) ? { ...next.access_token } : {}
  if (values !== null) {
    if (values.length === 0) delete token.acrs
    else
      token.acrs =
        values.length === 1
          ? { essential: true, value: values[0] }
          : { essential: true, values: [...values] }
  }
  token.xms_cc = CLIENT_CAPABILITY
  next.access_token = token
  return next
}

function ask(config: PlaygroundConfig, values: string[]): PlaygroundConfig {
  const parsed = parseClaimsRequest(config.claims)
  // A claims text with an error is left as typed (the editor says why), never rewritten.
  if (hasBlockingProblem(parsed.problems)) return { ...config, acrValues: values }
  return {
    ...config,
    acrValues: values,
    // Entra reads the authentication context from the claims request only.
    sendAcrValues: false,
    claims: formatClaims(withAuthContexts(parsed.claims, values)),
  }
}

function claimsText(text: string): { claims: string; acrValues?: string[] } {
  const parsed = parseClaimsRequest(text)
  if (parsed.claims === null || hasBlockingProblem(parsed.problems)) return { claims: text }
  const asked = authContextsAsked(parsed.claims).values
  return {
    claims: formatClaims(withAuthContexts(parsed.claims, null)),
    ...(asked.length ? { acrValues: asked } : {}),
  }
}

function requested(request: AuthRequest): RequestedAcr {
  return authContextsAsked(request.claims ? parseClaimsRequest(request.claims).claims : null)
}

export function rules(): DialectRules {
  return {
    dialect: 'entra',
    ask,
    claimsText,
    requested,
    // The ID token carries no acr in this dialect by design: the answer is the access token's acrs.
    keepsHint: (code) => code !== 'no-acr-claim',
    evaluate: ({ request, idToken, accessToken, loaMap }) => {
      const asked = requested(request)
      const received = accessToken?.acrs
      const acrs = typeof received === 'string' ? [received] : strings(received)
      const receivedAcr = typeof idToken?.acr === 'string' ? idToken.acr : undefined
      const levels = asked.values.map((v) => loaOf(v, loaMap)).filter((l) => l !== undefined)
      const held = acrs.map((v) => loaOf(v, loaMap)).filter((l) => l !== undefined)
      let verdict: Verdict
      if (asked.values.length === 0) verdict = 'not-requested'
      else if (received === undefined) verdict = 'no-acr'
      else if (asked.values.every((v) => acrs.includes(v))) verdict = 'satisfied'
      else verdict = asked.essential ? 'essential-unmet' : 'downgraded'
      return {
        requested: asked,
        receivedAcr,
        receivedLoa: held.length ? Math.max(...held) : undefined,
        requestedLoa: levels.length ? Math.min(...levels) : undefined,
        verdict,
        rule: RULE,
        answer: {
          where: 'access_token.acrs',
          value: received === undefined ? '' : acrs.join(' '),
        },
      }
    },
  }
}
