// Step-up challenges from resource servers: RFC 9470 (OAuth 2.0 Step Up Authentication Challenge),
// RFC 6750's insufficient_scope, Microsoft Entra's claims challenge and the insufficient_claims
// draft. Parsers of pasted text: they never throw.
import { base64UrlToText } from '../core/base64url'
import { isRecord } from '../core/json-value'
import { err, ok, type Result } from '../core/result'

/** One challenge of a WWW-Authenticate value (RFC 9110 section 11.6.1). */
export interface AuthParams {
  /** As written; compare it case-insensitively (RFC 9110 section 11.1). */
  scheme: string
  /** Parameter names lowercased (RFC 9110 section 11.2), values unquoted and unescaped. */
  params: Record<string, string>
  /** `Negotiate YIIB…=`: a scheme's single token68 instead of parameters. */
  token68?: string
  /**
   * Names given more than once. RFC 9110 section 11.2 says each name MUST occur once per
   * challenge and says nothing of what a recipient does otherwise: `params` keeps the first value
   * (an appended repeat cannot override what the server meant first), and readChallenge refuses.
   */
  duplicates?: string[]
}

/** Past this, a pasted value is refused, not cut (a real header is well under 1 KB). */
export const MAX_CHALLENGE_CHARS = 16 * 1024

const EXAMPLE =
  'Paste a WWW-Authenticate value, e.g. Bearer error="insufficient_user_authentication", acr_values="gold"'
// RFC 9110 section 5.6.2 (tchar) and section 11.2 (token68); sticky, so each read is anchored.
const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y
const PREFIX = /^www-authenticate[ \t]*[:=][ \t]*/i
// RFC 9110 section 5.5: no CTL but HTAB in a field value (line breaks are handled before).
const CONTROL = /[\x00-\x08\x0A-\x1F\x7F]/

/**
 * The field value in pasted text: without a `WWW-Authenticate:` prefix (Entra's docs write
 * `www-authenticate =Bearer`), folded lines joined (RFC 9112 section 5.2), and several header
 * lines, as `curl -i` prints them, combined with commas as RFC 9110 section 5.3 allows; other
 * lines of such a paste (the status line, other headers) are left out.
 */
function fieldValue(text: string): Result<string> {
  if (text.length > MAX_CHALLENGE_CHARS)
    return err(
      `This is ${text.length} characters; a WWW-Authenticate value past ${MAX_CHALLENGE_CHARS} is not read.`,
    )
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const headers = lines.filter((line) => PREFIX.test(line))
  const value = (headers.length ? headers.map((line) => line.replace(PREFIX, '')) : lines).join(
    ', ',
  )
  const control = CONTROL.exec(value)
  if (control)
    return err(
      `The value has the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ` +
        `at character ${control.index + 1}; a header value cannot hold one (RFC 9110 section 5.5).`,
    )
  return value ? ok(value) : err(EXAMPLE)
}

/**
 * Every challenge of a WWW-Authenticate value (RFC 9110 sections 11.6.1 and 5.6):
 * `1#challenge`, each `auth-scheme [ 1*SP ( token68 / #auth-param ) ]`, `auth-param` being
 * `token BWS "=" BWS ( token / quoted-string )`, empty list elements skipped (section 5.6.1.2).
 * A pasted `WWW-Authenticate:` prefix is accepted.
 */
export function parseChallenges(text: string): Result<AuthParams[]> {
  const field = fieldValue(text)
  if (!field.ok) return field
  const value = field.value
  const n = value.length
  let i = 0
  const skipSpaces = () => {
    while (value[i] === ' ' || value[i] === '\t') i++
  }
  const read = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = i
    return pattern.exec(value)?.[0]
  }
  const refuse = (why: string) =>
    err(`${why} (at character ${i + 1}: ${JSON.stringify(value.slice(i, i + 30))}).`)

  const challenges: AuthParams[] = []
  for (;;) {
    skipSpaces()
    while (value[i] === ',') {
      i++
      skipSpaces()
    }
    if (i >= n) break
    const scheme = read(TOKEN)
    if (!scheme) return refuse('Expected an auth scheme, such as Bearer')
    const schemeAt = i
    i += scheme.length
    skipSpaces()
    if (value[i] === '=') {
      i = schemeAt
      return refuse(
        `${scheme}= is a parameter outside any challenge: a challenge starts with its auth scheme, and its parameters follow it after a space`,
      )
    }
    i = schemeAt + scheme.length
    const challenge: AuthParams = { scheme, params: {} }
    challenges.push(challenge)
    if (i >= n || value[i] === ',') continue
    if (value[i] !== ' ' && value[i] !== '\t')
      return refuse(`Expected a space after the auth scheme ${scheme}`)
    skipSpaces()

    const token68 = read(TOKEN68)
    if (token68) {
      const start = i
      i += token68.length
      skipSpaces()
      if (i >= n || value[i] === ',') {
        challenge.token68 = token68
        continue
      }
      i = start
    }

    const params = new Map<string, string>()
    const duplicates: string[] = []
    let afterComma = false
    for (;;) {
      skipSpaces()
      while (value[i] === ',') {
        i++
        afterComma = true
        skipSpaces()
      }
      if (i >= n) break
      const start = i
      const name = read(TOKEN)
      if (!name) return refuse(`Expected a parameter (name=value) of the ${scheme} challenge`)
      i += name.length
      skipSpaces()
      if (value[i] !== '=') {
        i = start
        // After a comma, a token without "=" is the next challenge's scheme.
        if (afterComma) break
        return refuse(`Expected name=value after the auth scheme ${scheme}`)
      }
      i++
      skipSpaces()
      let parameterValue: string
      if (value[i] === '"') {
        const quoted = readQuoted(value, i)
        if (!quoted) return refuse(`The quoted value of ${name} is not closed: a " is missing`)
        parameterValue = quoted.text
        i = quoted.end
      } else {
        const bare = read(TOKEN)
        if (!bare)
          return refuse(
            `The parameter ${name} has no value: after = comes a token or a "quoted string"`,
          )
        parameterValue = bare
        i += bare.length
      }
      const key = name.toLowerCase()
      if (!params.has(key)) params.set(key, parameterValue)
      else if (!duplicates.includes(key)) duplicates.push(key)
      skipSpaces()
      if (i < n && value[i] !== ',') return refuse(`Expected a comma after the value of ${name}`)
      afterComma = false
    }
    challenge.params = Object.fromEntries(params)
    if (duplicates.length) challenge.duplicates = duplicates
  }
  return challenges.length ? ok(challenges) : err(EXAMPLE)
}

/**
 * RFC 9110 section 5.6.4: `DQUOTE *( qdtext / quoted-pair ) DQUOTE`, a backslash taking the next
 * character as it is. `open` is the index of the opening quote; null when it is never closed.
 */
function readQuoted(value: string, open: number): { text: string; end: number } | null {
  const parts: string[] = []
  let from = open + 1
  for (let i = from; i < value.length; i++) {
    if (value[i] === '"') {
      parts.push(value.slice(from, i))
      return { text: parts.join(''), end: i + 1 }
    }
    if (value[i] === '\\') {
      parts.push(value.slice(from, i))
      i++
      from = i
    }
  }
  return null
}

/** The first challenge of a WWW-Authenticate value; see parseChallenges for all of them. */
export function parseWwwAuthenticate(text: string): Result<AuthParams> {
  const parsed = parseChallenges(text)
  if (!parsed.ok) return parsed
  const [first] = parsed.value
  return first ? ok(first) : err(EXAMPLE)
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
  /**
   * Microsoft Entra's claims challenge: `claims` is the claims request to send, as JSON text;
   * `acrs` the Conditional Access authentication contexts it asks for (c1…c99), when it does.
   */
  | { kind: 'entra'; claims: string; acrs?: string[]; errorDescription?: string }
  /**
   * draft-mcguinness-oauth-insufficient-claims: the claims the token lacks (`required_claims`), and
   * the claims request asking for each of them as essential, as JSON text.
   */
  | { kind: 'claims'; requiredClaims: string[]; claims: string; errorDescription?: string }
  | { kind: 'other'; error?: string; errorDescription?: string }

/** What the next authorization request carries to answer a challenge; empty: nothing to answer. */
export interface NextRequest {
  acrValues?: string[]
  maxAge?: number
  /** Scopes to add to those already asked for. */
  scopes?: string[]
  /** The claims request (OpenID Connect Core section 5.5), as JSON text. */
  claims?: string
}

/** RFC 6750 section 3 defines Bearer; RFC 9449 section 7.1 gives DPoP the same error parameters. */
const STEP_UP_SCHEMES = ['bearer', 'dpop']

/** RFC 6749 section 3.3 and RFC 9470 section 3: lists of values separated by spaces. */
const spaceList = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean)

/** The challenge that says what is wrong: the first Bearer (or DPoP) one carrying an error. */
function stepUpChallengeOf(challenges: AuthParams[]): Result<AuthParams> {
  const candidates = challenges.filter((c) => STEP_UP_SCHEMES.includes(c.scheme.toLowerCase()))
  const chosen = candidates.find((c) => c.params.error !== undefined) ?? candidates[0]
  if (chosen) return ok(chosen)
  const schemes = challenges.map((c) => c.scheme)
  const these =
    schemes.length === 1
      ? `This is a ${schemes[0]} challenge`
      : `These are ${schemes.join(' and ')} challenges`
  return err(`${these}; step-up challenges use Bearer (or DPoP).`)
}

/** What a Bearer challenge asks of the client. A header with several challenges is accepted. */
export function readChallenge(text: string): Result<StepUpChallenge> {
  const parsed = parseChallenges(text)
  if (!parsed.ok) return parsed
  const chosen = stepUpChallengeOf(parsed.value)
  if (!chosen.ok) return chosen
  const { scheme, params, duplicates } = chosen.value
  const [repeated] = duplicates ?? []
  if (repeated !== undefined)
    return err(
      `The parameter ${repeated} is given twice in the ${scheme} challenge; RFC 9110 section 11.2 ` +
        'allows each name once, so the API must fix its header (clients differ on which value wins).',
    )
  const described = params.error_description ? { errorDescription: params.error_description } : {}
  switch (params.error) {
    // RFC 9470 section 3: https://www.rfc-editor.org/rfc/rfc9470#section-3
    case 'insufficient_user_authentication': {
      const acrValues = spaceList(params.acr_values)
      let maxAge: number | undefined
      if (params.max_age !== undefined) {
        maxAge = Number(params.max_age)
        if (!/^\d+$/.test(params.max_age) || !Number.isSafeInteger(maxAge))
          return err(`max_age must be whole seconds, not ${params.max_age.slice(0, 40)}.`)
      }
      if (acrValues.length === 0 && maxAge === undefined)
        return err(
          'insufficient_user_authentication without acr_values or max_age: RFC 9470 needs at least one.',
        )
      return ok({
        kind: 'rfc9470',
        acrValues,
        ...(maxAge !== undefined ? { maxAge } : {}),
        ...described,
      })
    }
    // RFC 6750 section 3.1: https://www.rfc-editor.org/rfc/rfc6750#section-3.1
    case 'insufficient_scope':
      return ok({ kind: 'scope', scopes: spaceList(params.scope), ...described })
    case 'insufficient_claims':
      if (params.claims !== undefined) return readEntraClaims(params.claims, described)
      if (params.required_claims !== undefined)
        return readRequiredClaims(params.required_claims, described)
      return err(
        'insufficient_claims without claims (Microsoft Entra) or required_claims ' +
          '(draft-mcguinness-oauth-insufficient-claims): it does not say which claims to ask for.',
      )
    default:
      return ok({
        kind: 'other',
        ...(params.error !== undefined ? { error: params.error } : {}),
        ...described,
      })
  }
}

/**
 * Microsoft Entra: `claims` is the base64 of a claims request to send unchanged as the claims
 * parameter of the next authorization request, e.g. {"access_token":{"acrs":{"essential":true,
 * "value":"c1"}}} for an authentication context.
 * https://learn.microsoft.com/entra/identity-platform/claims-challenge
 * The docs' examples are padded base64; base64url and plain JSON text are read too.
 */
function readEntraClaims(
  value: string,
  described: { errorDescription?: string },
): Result<StepUpChallenge> {
  let text = value.trim()
  if (!text.startsWith('{')) {
    const decoded = base64UrlToText(text, { lenient: true })
    if (!decoded.ok) return err('claims is not base64-encoded UTF-8, nor JSON.')
    text = decoded.value
  }
  let request: unknown
  try {
    request = JSON.parse(text)
  } catch {
    return err('claims decodes to text that is not JSON.')
  }
  if (!isRecord(request))
    return err(
      'claims decodes to JSON that is not an object: a claims request is {"access_token": …}.',
    )
  const acrs = authContexts(request)
  return ok({
    kind: 'entra',
    claims: JSON.stringify(request, null, 2),
    ...(acrs.length ? { acrs } : {}),
    ...described,
  })
}

/** The authentication contexts an Entra claims request names: access_token.acrs value or values. */
function authContexts(request: Record<string, unknown>): string[] {
  const token = request.access_token
  const acrs = isRecord(token) ? token.acrs : undefined
  if (!isRecord(acrs)) return []
  const named = typeof acrs.value === 'string' ? [acrs.value] : acrs.values
  return Array.isArray(named) ? named.filter((v): v is string => typeof v === 'string') : []
}

/**
 * draft-mcguinness-oauth-insufficient-claims-00: `insufficient_claims` with `required_claims`
 * naming the missing claims; a client that can involve the user answers with a front-channel
 * claims request, such as OpenID Connect's claims parameter.
 * https://datatracker.ietf.org/doc/draft-mcguinness-oauth-insufficient-claims/
 * Read as claim names separated by spaces, as scope is; each is asked for as essential in the ID
 * token, the member OpenID Connect Core section 5.5 defines for them.
 */
function readRequiredClaims(
  value: string,
  described: { errorDescription?: string },
): Result<StepUpChallenge> {
  const requiredClaims = [...new Set(spaceList(value))]
  if (requiredClaims.length === 0)
    return err('required_claims is empty: insufficient_claims names no claim to ask for.')
  const idToken = Object.fromEntries(requiredClaims.map((name) => [name, { essential: true }]))
  return ok({
    kind: 'claims',
    requiredClaims,
    claims: JSON.stringify({ id_token: idToken }, null, 2),
    ...described,
  })
}

/** What the next authorization request carries to answer the challenge. */
export function challengeRequest(challenge: StepUpChallenge): NextRequest {
  switch (challenge.kind) {
    case 'rfc9470':
      return {
        ...(challenge.acrValues.length ? { acrValues: challenge.acrValues } : {}),
        ...(challenge.maxAge !== undefined ? { maxAge: challenge.maxAge } : {}),
      }
    case 'scope':
      return challenge.scopes.length ? { scopes: challenge.scopes } : {}
    case 'entra':
    case 'claims':
      return { claims: challenge.claims }
    default:
      return {}
  }
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
  if (challenge.kind === 'entra') {
    const contexts = challenge.acrs?.length
      ? ` It asks for the Conditional Access authentication context ${challenge.acrs.join(', ')} (acrs).`
      : ''
    return `Microsoft Entra claims challenge: send this claims request with the next login.${contexts}`
  }
  if (challenge.kind === 'claims')
    return (
      `insufficient_claims: the token lacks ${challenge.requiredClaims.join(', ')} (required_claims). ` +
      'Log in again with this claims request, which asks for each as essential.'
    )
  return `A Bearer challenge${challenge.error ? ` with error ${challenge.error}` : ''}, not a step-up challenge.`
}

/** The configured extra scopes with `added` appended once each (RFC 6749 3.3: space-separated). */
export function addScopes(configured: string, added: readonly string[]): string {
  const scopes = configured.split(/\s+/).filter(Boolean)
  for (const scope of added) if (!scopes.includes(scope)) scopes.push(scope)
  return scopes.join(' ')
}
