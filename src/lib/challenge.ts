// Step-up challenges from resource servers: RFC 9470 (OAuth 2.0 Step Up Authentication Challenge),
// RFC 6750's insufficient_scope and Microsoft Entra's claims challenge. Parsers of pasted text: they
// never throw.
import { err, ok, type Result } from './result'

export interface AuthParams {
  scheme: string
  params: Record<string, string>
}

/**
 * Parse one WWW-Authenticate challenge (RFC 9110 section 11.6.1): `Bearer k=v, k="quoted, v"`.
 * A pasted "WWW-Authenticate:" prefix is accepted.
 */
export function parseWwwAuthenticate(text: string): Result<AuthParams> {
  const input = text.trim().replace(/^www-authenticate\s*:\s*/i, '')
  const scheme = /^([!#$%&'*+.^_`|~\w-]+)(?:\s+|$)/.exec(input)
  if (!scheme?.[1])
    return err(
      'Paste a WWW-Authenticate value, e.g. Bearer error="insufficient_user_authentication", acr_values="gold"',
    )
  const params: Record<string, string> = {}
  let rest = input.slice(scheme[0].length)
  const pair = /^\s*([!#$%&'*+.^_`|~\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/
  while (rest.trim() !== '') {
    const match = pair.exec(rest)
    if (!match?.[1]) return err(`Cannot read the challenge from here: ${rest.trim().slice(0, 40)}`)
    const name = match[1].toLowerCase()
    if (name in params) return err(`The parameter ${name} is given twice.`)
    params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '')
    rest = rest.slice(match[0].length)
  }
  return ok({ scheme: scheme[1], params })
}

export type StepUpChallenge =
  | {
      kind: 'rfc9470'
      acrValues: string[]
      maxAge?: number
      errorDescription?: string
    }
  /** RFC 6750 section 3.1: the token lacks a scope; `scopes` may be empty if the API names none. */
  | { kind: 'scope'; scopes: string[]; errorDescription?: string }
  | { kind: 'entra'; claims: string; errorDescription?: string }
  | { kind: 'other'; error?: string; errorDescription?: string }

function base64Text(value: string): Result<string> {
  try {
    const binary = atob(
      value
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(value.length / 4) * 4, '='),
    )
    return ok(
      new TextDecoder('utf-8', { fatal: true }).decode(
        Uint8Array.from(binary, (c) => c.charCodeAt(0)),
      ),
    )
  } catch {
    return err('claims is not base64-encoded UTF-8')
  }
}

/** What a Bearer challenge asks of the client. */
export function readChallenge(text: string): Result<StepUpChallenge> {
  const parsed = parseWwwAuthenticate(text)
  if (!parsed.ok) return parsed
  const { scheme, params } = parsed.value
  if (scheme.toLowerCase() !== 'bearer')
    return err(`This is a ${scheme} challenge; step-up challenges use Bearer.`)
  const errorDescription = params.error_description
  if (params.error === 'insufficient_user_authentication') {
    const acrValues = (params.acr_values ?? '').split(' ').filter(Boolean)
    let maxAge: number | undefined
    if (params.max_age !== undefined) {
      if (!/^\d+$/.test(params.max_age))
        return err(`max_age must be whole seconds, not ${params.max_age}.`)
      maxAge = Number(params.max_age)
    }
    if (acrValues.length === 0 && maxAge === undefined) {
      return err(
        'insufficient_user_authentication without acr_values or max_age: RFC 9470 needs at least one.',
      )
    }
    return ok({
      kind: 'rfc9470',
      acrValues,
      ...(maxAge !== undefined ? { maxAge } : {}),
      ...(errorDescription ? { errorDescription } : {}),
    })
  }
  if (params.error === 'insufficient_scope') {
    return ok({
      kind: 'scope',
      scopes: (params.scope ?? '').split(' ').filter(Boolean),
      ...(errorDescription ? { errorDescription } : {}),
    })
  }
  if (params.error === 'insufficient_claims' && params.claims) {
    const decoded = base64Text(params.claims)
    if (!decoded.ok) return decoded
    try {
      return ok({
        kind: 'entra',
        claims: JSON.stringify(JSON.parse(decoded.value), null, 2),
        ...(errorDescription ? { errorDescription } : {}),
      })
    } catch {
      return err('claims decodes to text that is not JSON.')
    }
  }
  return ok({
    kind: 'other',
    ...(params.error ? { error: params.error } : {}),
    ...(errorDescription ? { errorDescription } : {}),
  })
}

/** What the challenge asks of the client, in a sentence or two. */
export function explainChallenge(challenge: StepUpChallenge): string {
  if (challenge.kind === 'rfc9470') {
    const parts = []
    if (challenge.acrValues.length)
      parts.push(`a level in ${challenge.acrValues.join(', ')} (acr_values)`)
    if (challenge.maxAge !== undefined)
      parts.push(`an authentication no older than ${challenge.maxAge} s (max_age)`)
    return (
      `RFC 9470 step-up: the API wants ${parts.join(' and ')}. Log in again asking for exactly that. ` +
      'An authentication step-up (401 insufficient_user_authentication): the token is valid, but how or when the user logged in is not enough.'
    )
  }
  if (challenge.kind === 'scope') {
    const what = challenge.scopes.length
      ? `the token lacks scope ${challenge.scopes.join(' ')}: log in again asking for that scope.`
      : 'the token lacks a scope, and the API does not say which (no scope parameter).'
    return (
      `RFC 6750 insufficient_scope: ${what} ` +
      'A scope step-up (403 insufficient_scope): who the user is and how they logged in are fine; the token is not allowed this call.'
    )
  }
  if (challenge.kind === 'entra')
    return 'Microsoft Entra claims challenge: send this claims request with the next login.'
  return `A Bearer challenge${challenge.error ? ` with error ${challenge.error}` : ''}, not a step-up challenge.`
}

/** The configured extra scopes with `added` appended once each (RFC 6749 3.3: space-separated). */
export function addScopes(configured: string, added: readonly string[]): string {
  const scopes = configured.split(/\s+/).filter(Boolean)
  for (const scope of added) if (!scopes.includes(scope)) scopes.push(scope)
  return scopes.join(' ')
}
