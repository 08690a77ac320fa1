// Step-up challenges from resource servers: RFC 9470 (OAuth 2.0 Step Up Authentication Challenge)
// and Microsoft Entra's claims challenge. Parsers of pasted text: they never throw.
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
