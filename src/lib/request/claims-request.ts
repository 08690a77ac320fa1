// The OIDC `claims` request parameter (OIDC Core 5.5), as users write it for step-up.
import { describeJsonError } from '../core/json-error'
import { INPUT_LIMITS, jsonDepth } from '../core/limits'
import { err, ok, type Result } from '../core/result'

export type JsonObject = { [key: string]: unknown }

export interface ClaimsProblem {
  severity: 'error' | 'warning'
  /** Where in the JSON, e.g. `id_token.acr.values`; '' for the whole text. */
  path: string
  message: string
}

export interface AcrClaim {
  essential: boolean
  values: string[]
}

export type AcrClaimMode = 'off' | 'voluntary' | 'essential'

interface ParsedClaims {
  /** null when the text is empty: no claims request is sent. */
  claims: JsonObject | null
  /** Warnings never block sending; errors do. */
  problems: ClaimsProblem[]
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkAcr(acr: JsonObject, path: string, problems: ClaimsProblem[]) {
  if ('value' in acr && !('values' in acr)) {
    problems.push({
      severity: 'warning',
      path: `${path}.value`,
      message:
        'OIDC allows "value" for one value, and Keycloak 26.5 reads it, but older Keycloak versions ' +
        'and other providers read only "values" and then ignore the level you ask for. Prefer "values": [' +
        JSON.stringify(acr.value) +
        '].',
    })
  }
  if ('values' in acr) {
    if (!Array.isArray(acr.values)) {
      problems.push({
        severity: 'error',
        path: `${path}.values`,
        message: `"values" must be an array of strings, e.g. ["gold"], not ${JSON.stringify(acr.values)}.`,
      })
    } else if (acr.values.some((v) => typeof v !== 'string' || v === '')) {
      problems.push({
        severity: 'error',
        path: `${path}.values`,
        message: '"values" must hold non-empty strings only.',
      })
    } else if (acr.values.length === 0) {
      problems.push({
        severity: 'warning',
        path: `${path}.values`,
        message: '"values" is empty: no level is asked for.',
      })
    }
  }
  if ('essential' in acr && typeof acr.essential !== 'boolean') {
    problems.push({
      severity: 'error',
      path: `${path}.essential`,
      message: `"essential" must be true or false, not ${JSON.stringify(acr.essential)}.`,
    })
  }
}

/** Parse and check the claims request text. Never throws. */
export function parseClaimsRequest(text: string): ParsedClaims {
  if (text.trim() === '') return { claims: null, problems: [] }
  // A request nested thousands deep would overflow the checker's recursion: refuse it first.
  if (jsonDepth(text, INPUT_LIMITS.jsonDepth) > INPUT_LIMITS.jsonDepth)
    return {
      claims: null,
      problems: [
        {
          severity: 'error',
          path: '',
          message: `The claims request nests deeper than ${INPUT_LIMITS.jsonDepth} levels.`,
        },
      ],
    }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return {
      claims: null,
      problems: [{ severity: 'error', path: '', message: describeJsonError(text, error) }],
    }
  }
  if (!isObject(value)) {
    return {
      claims: null,
      problems: [
        {
          severity: 'error',
          path: '',
          message:
            'The claims request must be a JSON object, e.g. {"id_token":{"acr":{"essential":true,"values":["gold"]}}}.',
        },
      ],
    }
  }
  const problems: ClaimsProblem[] = []
  for (const key of Object.keys(value)) {
    if (key !== 'id_token' && key !== 'userinfo') {
      problems.push({
        severity: 'warning',
        path: key,
        message: `"${key}" is not a claims request member: OIDC defines only "id_token" and "userinfo".`,
      })
    }
  }
  for (const container of ['id_token', 'userinfo'] as const) {
    const members = value[container]
    if (members === undefined) continue
    if (!isObject(members)) {
      problems.push({
        severity: 'error',
        path: container,
        message: `"${container}" must be an object of claim names, e.g. {"acr":{"essential":true}}.`,
      })
      continue
    }
    for (const [claim, request] of Object.entries(members)) {
      if (request !== null && !isObject(request)) {
        problems.push({
          severity: 'error',
          path: `${container}.${claim}`,
          message: `"${claim}" must be null or an object like {"essential":true}, not ${JSON.stringify(request)}.`,
        })
      } else if (claim === 'acr' && isObject(request)) {
        checkAcr(request, `${container}.acr`, problems)
      }
    }
  }
  const idTokenAcr = isObject(value.id_token) && 'acr' in value.id_token
  const userinfoAcr = isObject(value.userinfo) && 'acr' in value.userinfo
  if (userinfoAcr && !idTokenAcr) {
    problems.push({
      severity: 'warning',
      path: 'userinfo.acr',
      message:
        'acr is asked for under "userinfo" only: that asks for it in the UserInfo response, and ' +
        'Keycloak drives step-up from id_token.acr. Put it under "id_token".',
    })
  }
  return { claims: value, problems }
}

export function hasBlockingProblem(problems: ClaimsProblem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}

/** The ACR request inside a claims request, as the provider would read it. */
export function acrClaimOf(claims: JsonObject | null): AcrClaim | undefined {
  const idToken = claims?.id_token
  if (!isObject(idToken) || !isObject(idToken.acr)) return undefined
  const acr = idToken.acr
  const values = Array.isArray(acr.values)
    ? acr.values.filter((v): v is string => typeof v === 'string')
    : typeof acr.value === 'string'
      ? [acr.value]
      : []
  return { essential: acr.essential === true, values }
}

export function acrClaimMode(claims: JsonObject | null): AcrClaimMode {
  const acr = acrClaimOf(claims)
  if (!acr) return 'off'
  return acr.essential ? 'essential' : 'voluntary'
}

/**
 * Set (or remove) id_token.acr in a claims request, keeping every other member as it was.
 * Returns null when nothing is left to send.
 */
export function withAcrClaim(
  claims: JsonObject | null,
  mode: AcrClaimMode,
  values: string[],
): JsonObject | null {
  const next: JsonObject = { ...(claims ?? {}) }
  const idToken: JsonObject = isObject(next.id_token) ? { ...next.id_token } : {}
  if (mode === 'off') {
    delete idToken.acr
  } else {
    idToken.acr = mode === 'essential' ? { essential: true, values } : { values }
  }
  if (Object.keys(idToken).length > 0) next.id_token = idToken
  else delete next.id_token
  return Object.keys(next).length > 0 ? next : null
}

/** The text the editor shows for a claims object. */
export function formatClaims(claims: JsonObject | null): string {
  return claims === null ? '' : JSON.stringify(claims, null, 2)
}

/** The value of the `claims` parameter on the wire: minified JSON, or an error. */
export function claimsParameter(text: string): Result<string | null> {
  const parsed = parseClaimsRequest(text)
  const blocking = parsed.problems.find((p) => p.severity === 'error')
  if (blocking) return err(blocking.message)
  return ok(parsed.claims === null ? null : JSON.stringify(parsed.claims))
}
