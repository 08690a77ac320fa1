// A token pasted from a log, a header or an API request: cleaned up, decoded, and when it cannot
// be, told in plain words which part is wrong. Never throws; the token is never kept anywhere.
import { decodeJwt, type DecodedJwt } from './jwt'
import { err, ok, type Result } from '../core/result'

interface PastedToken {
  /** The token itself, without what surrounded it. */
  token: string
  decoded: DecodedJwt
  /** What was taken away around or inside it, for the user to see: `the "Bearer" prefix`. */
  removed: string[]
}

const PART_NAMES = [
  'The header (part 1, before the first dot)',
  'The payload (part 2, between the dots)',
  'The signature (part 3, after the second dot)',
] as const

/**
 * A JWS compact token inside other text (a log line, a curl command): its header starts with
 * `eyJ` (`{"`), and it stands between spaces, quotes or punctuation, not inside a damaged token.
 */
const JWT_IN_TEXT =
  /(?<=^|[\s"'`=:,;(<[{])eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?=$|[\s"'`,;&)>\]}])/g

function unquote(text: string): string {
  const quoted = /^(["'`])([\s\S]*)\1$/.exec(text)
  return quoted ? (quoted[2] ?? '').trim() : text
}

/** Why a part is not base64url, with the first character a JWT never has and where it is. */
function badCharacter(part: string, index: number): string | null {
  const at = [...part].findIndex((c) => !/[A-Za-z0-9_-]/.test(c))
  if (at < 0) return null
  const char = [...part][at] ?? ''
  const hint =
    char === '+' || char === '/' || char === '='
      ? ': it looks like base64, not the base64url a JWT uses, or it was altered'
      : ': it was copied with something else, or it is not a JWT'
  return `${PART_NAMES[index]} has ${JSON.stringify(char)} at character ${at + 1}, which a JWT never contains${hint}.`
}

function partsProblem(count: number): string {
  if (count === 1)
    return (
      'This is not a JWT: a JWT has three parts separated by dots (header.payload.signature), and ' +
      'this has no dot. An opaque token can only be read by the provider (token introspection).'
    )
  if (count === 2)
    return (
      'This has two parts, a JWT has three (header.payload.signature): the signature and its dot ' +
      'are missing, or the token was cut off.'
    )
  if (count === 5)
    return (
      'This is an encrypted token (JWE, five parts): only the holder of its key can read it, and ' +
      'the provider keeps the key.'
    )
  return `This has ${count} parts separated by dots, a JWT has three (header.payload.signature).`
}

/** The plain-words version of decodeJwt's `header is not JSON`. */
function decodeProblem(error: string): string {
  const part = error.startsWith('header ')
    ? PART_NAMES[0]
    : error.startsWith('payload ')
      ? PART_NAMES[1]
      : undefined
  if (!part) return `This is not a readable JWT: it ${error}.`
  const what = error.slice(error.indexOf(' ') + 1)
  const why =
    what === 'is not base64url-encoded UTF-8'
      ? 'cannot be decoded: it is cut short or damaged'
      : what === 'is not JSON' || what === 'is not a JSON object'
        ? `decodes to something that ${what}`
        : what
  return `${part} ${why}.`
}

/**
 * Read a pasted token: tolerates whitespace and line breaks, quotes, `Authorization:` and
 * `Bearer `, and a single JWT inside a longer line of text.
 */
export function readPastedToken(input: string): Result<PastedToken> {
  const removed: string[] = []
  let text = unquote(input.trim())
  const prefix = /^(?:authorization\s*:\s*)?(?:bearer(?:\s+|$))?/i.exec(text)?.[0] ?? ''
  if (prefix) {
    text = text.slice(prefix.length)
    removed.push(`the "${prefix.replace(/\s+/g, ' ').trim()}" prefix`)
  }
  if (text === '') return err('Nothing to read: paste a JWT (three parts separated by dots).')
  if (/^[A-Za-z0-9_.\s-]+$/.test(text)) {
    if (/\s/.test(text)) {
      text = text.replace(/\s+/g, '')
      removed.push('the line breaks and spaces inside it')
    }
  } else {
    const found = text.match(JWT_IN_TEXT) ?? []
    if (found.length === 1 && found[0]) {
      text = found[0]
      removed.push('the text around it')
    } else if (found.length > 1) {
      return err(`This text holds ${found.length} JWTs: paste one at a time.`)
    }
  }
  const parts = text.split('.')
  if (parts.length !== 3) return err(partsProblem(parts.length))
  for (const [index, part] of parts.entries()) {
    if (index < 2 && part === '') return err(`${PART_NAMES[index]} is empty.`)
    const bad = badCharacter(part, index)
    if (bad) return err(bad)
  }
  const decoded = decodeJwt(text)
  if (!decoded.ok) return err(decodeProblem(decoded.error))
  return ok({ token: text, decoded: decoded.value, removed })
}

type TokenKind = 'id' | 'access'

/** Whether to check a token as an ID token or an access token, and what says so. */
export function tokenKind({ header, payload }: DecodedJwt): { kind: TokenKind; because: string } {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : ''
  if (typ === 'at+jwt' || typ === 'application/at+jwt')
    return { kind: 'access', because: `its header typ is "${String(header.typ)}" (RFC 9068)` }
  if (payload.typ === 'Bearer')
    return { kind: 'access', because: 'its typ claim is "Bearer" (Keycloak)' }
  if (payload.typ === 'Refresh')
    return { kind: 'access', because: 'its typ claim is "Refresh": a Keycloak refresh token' }
  if (payload.typ === 'ID') return { kind: 'id', because: 'its typ claim is "ID" (Keycloak)' }
  for (const claim of ['nonce', 'at_hash', 'c_hash'])
    if (claim in payload) return { kind: 'id', because: `it has ${claim}, an ID token claim` }
  for (const claim of ['scope', 'client_id'])
    if (claim in payload)
      return { kind: 'access', because: `it has ${claim}, an access token claim (RFC 9068)` }
  return { kind: 'id', because: 'nothing in it says it is an access token' }
}

/**
 * A signature this page cannot check, and what that means; undefined when it can try. With a
 * pasted key (`keyPasted`) an HS* signature can be checked: the secret is the key.
 */
export function uncheckableSignature(
  header: DecodedJwt['header'],
  keyPasted = false,
): { status: 'invalid' | 'unverified'; reason: string } | undefined {
  const alg = header.alg
  if (typeof alg !== 'string' || alg === '')
    return { status: 'invalid', reason: 'The header names no signature algorithm (alg).' }
  if (alg.toLowerCase() === 'none')
    return {
      status: 'invalid',
      reason: 'alg is "none": the token is not signed, anyone could have written it.',
    }
  if (/^HS/i.test(alg) && !keyPasted)
    return {
      status: 'unverified',
      reason:
        `${alg} is a shared-secret signature: only the provider (and a client holding the secret) ` +
        'can check it; paste the secret under "Verify with a key". Keycloak signs its refresh ' +
        'tokens this way.',
    }
  return undefined
}
