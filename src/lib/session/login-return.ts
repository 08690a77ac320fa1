// The second half of the login round trip: what the page opened with (no callback, a foreign
// callback, an error callback, a failed code exchange, tokens), pure, so every branch is a table
// test. A chunk of its own: a page that opens without a login under way never loads it.
import { requestedAcr, type AuthRequest } from '../request/auth-request'
import { explainLoginError } from './login-errors'
import type { CallbackParams } from './callback'
import type { Attempt, AttemptOutcome } from './history'
import { decodeJwt } from '../tokens/jwt'
import { KEYCLOAK_PAGES } from '../keycloak/keycloak-facts'
import {
  IGNORED_TEXT_CHARS,
  type IgnoredCallback,
  type FailedLogin,
  type CompletedLogin,
  type RawTokens,
} from './login-flow'
import type { Evaluation } from '../verdict/verdict'

/** What to do with the page as it opened: the callback in its URL, and the attempt under way. */
type ReturnStep =
  | { kind: 'nothing' }
  | { kind: 'never-returned'; attempt: Attempt; error: FailedLogin }
  | { kind: 'unsolicited'; error: FailedLogin }
  /** The callback belongs to the attempt: connect (keycloak-js exchanges the code), then finish. */
  | { kind: 'exchange'; attempt: Attempt; callback: CallbackParams }

function loginError(
  error: string,
  description: string | undefined,
  request: AuthRequest | undefined,
  note?: string,
): FailedLogin {
  const made: FailedLogin = { error, explanation: explainLoginError(error) }
  if (description !== undefined) made.description = description
  if (note !== undefined) made.note = note
  if (request !== undefined) made.request = request
  return made
}

function neverReturned(attempt: Attempt): FailedLogin {
  const asked = requestedAcr(attempt.request)
  const predicted = attempt.prediction
  const base = { error: 'never_returned', request: attempt.request }
  if (predicted?.outcome === 'error-page') {
    return {
      ...base,
      explanation: {
        title: 'The last login never came back, as the realm predicted',
        text:
          `From the realm's configuration the playground expected Keycloak to stop on its own page ` +
          `"${predicted.errorPage}", which never redirects back. Why: ${predicted.reasons.join(' ')}`,
      },
    }
  }
  if (predicted) {
    return {
      ...base,
      explanation: {
        title: 'The last login never came back',
        text:
          `From the realm's configuration the playground expected ${predicted.outcome === 'tokens' ? `tokens with acr "${predicted.acr ?? '(none)'}"` : `the error ${predicted.error ?? ''}`}, ` +
          "so the configuration does not explain this: read the provider's page (a user without a factor the " +
          'realm export cannot show, an unregistered redirect URI), or the login page was left before it finished.',
      },
    }
  }
  return {
    ...base,
    explanation: {
      title: 'The last login never came back',
      text:
        (asked.values.length > 0
          ? `It asked for ${asked.values.join(' ')}${asked.essential ? ' (essential)' : ''}. `
          : '') +
        'The provider stopped on a page of its own, or the login page was left before it finished; the playground ' +
        'cannot see which. Keycloak stops without redirecting back: when the user lacks a factor of the level asked ' +
        `("${KEYCLOAK_PAGES.credentialSetupRequired}"), also when the level was not asked by this request but by the ` +
        "client's Default ACR values or Minimum ACR value, which Keycloak applies to a request with no level or a lower " +
        `one; for an essential value its acr.loa.map does not know ("${KEYCLOAK_PAGES.invalidClaims}"); over an SSO ` +
        `session, for a level no sub-flow of the flow serves ("${KEYCLOAK_PAGES.invalidUser}"); and for a redirect ` +
        'URI the client does not allow. Import the realm export to get a prediction.',
    },
  }
}

function shortened(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  return text.length > IGNORED_TEXT_CHARS ? `${text.slice(0, IGNORED_TEXT_CHARS - 1)}…` : text
}

/**
 * A callback that answers no login of this tab (none under way, or another state): ignored. Its
 * own words stay out of the explanation, which says only that it was ignored and why.
 */
function ignoredCallback(cb: CallbackParams, pending: Attempt | null): FailedLogin {
  const ignored: IgnoredCallback = { hadCode: cb.hasCode }
  const said = {
    error: shortened(cb.error),
    errorDescription: shortened(cb.errorDescription),
    errorUri: shortened(cb.errorUri),
  }
  for (const [key, value] of Object.entries(said))
    if (value !== undefined) ignored[key as keyof typeof said] = value
  return {
    error: cb.error ?? 'unexpected_callback',
    explanation: {
      title: 'A login response was ignored',
      text: pending
        ? 'A login of this tab was under way, but this response carries another state, so it does not ' +
          'answer that login (it belongs to another tab, an old link, or someone else made it). Nothing in ' +
          'it was used; the login under way did not come back. Start it again if you still need it.'
        : 'This page was opened with a login response that no login in this tab started (another tab, ' +
          'an old link, or someone else made it). Nothing in it was used.',
    },
    ignored,
  }
}

export function classifyReturn(
  callback: CallbackParams | null,
  pending: Attempt | null,
): ReturnStep {
  if (!callback && !pending) return { kind: 'nothing' }
  if (!callback && pending)
    return { kind: 'never-returned', attempt: pending, error: neverReturned(pending) }
  const cb = callback as CallbackParams
  if (!pending || pending.state !== cb.state)
    return { kind: 'unsolicited', error: ignoredCallback(cb, pending) }
  return { kind: 'exchange', attempt: pending, callback: cb }
}

/** Decode the tokens once; a token that cannot be read is said, not thrown. */
export function decodeResult(
  raw: RawTokens,
  base: Pick<CompletedLogin, 'request' | 'target' | 'startedAt' | 'nonce'>,
  receivedAt: number,
): CompletedLogin {
  const next: CompletedLogin = {
    request: base.request,
    target: base.target,
    startedAt: base.startedAt,
    nonce: base.nonce,
    receivedAt,
    raw,
  }
  if (raw.idToken) {
    const decoded = decodeJwt(raw.idToken)
    if (decoded.ok) next.idToken = decoded.value
    else next.idTokenError = `The ID token ${decoded.error}.`
  } else {
    next.idTokenError = 'No ID token came back: was openid in the scope?'
  }
  if (raw.accessToken) {
    const decoded = decodeJwt(raw.accessToken)
    if (decoded.ok) next.accessToken = decoded.value
    else next.accessTokenError = `The access token ${decoded.error}; it cannot be read here.`
  }
  return next
}

export type Exchange =
  { ok: true; authenticated: boolean; tokens: RawTokens } | { ok: false; error: string }

type Finished =
  | { kind: 'error'; error: FailedLogin; outcome: AttemptOutcome }
  | { kind: 'tokens'; result: CompletedLogin }

/** Finish an attempt whose callback came back, from what the code exchange gave. */
export function finishAttempt(
  attempt: Attempt,
  callback: CallbackParams,
  exchange: Exchange,
  receivedAt: number,
): Finished {
  if (callback.error) {
    return {
      kind: 'error',
      error: loginError(
        callback.error,
        callback.errorDescription,
        attempt.request,
        exchange.ok
          ? 'keycloak-js reported nothing (it drops errors after prompt=none); the playground read this from the redirect.'
          : undefined,
      ),
      outcome: {
        kind: 'error',
        error: callback.error,
        ...(callback.errorDescription !== undefined
          ? { errorDescription: callback.errorDescription }
          : {}),
      },
    }
  }
  if (!exchange.ok || !exchange.authenticated) {
    const description = exchange.ok ? 'keycloak-js finished without tokens' : exchange.error
    return {
      kind: 'error',
      error: loginError(
        'token_request_failed',
        description,
        attempt.request,
        'The provider sent a code, but exchanging it for tokens failed. Usually the token endpoint refused this ' +
          "page's origin (CORS; Keycloak: the client's Web origins), did not send Access-Control-Allow-Credentials: " +
          'true, or the code was already used.',
      ),
      outcome: { kind: 'error', error: 'token_request_failed', errorDescription: description },
    }
  }
  return { kind: 'tokens', result: decodeResult(exchange.tokens, attempt, receivedAt) }
}

/** What the history keeps of a result: the evaluation and the decoded claims, never raw tokens. */
export function tokensOutcome(result: CompletedLogin, evaluation: Evaluation): AttemptOutcome {
  return {
    kind: 'tokens',
    acr: evaluation.receivedAcr,
    loa: evaluation.receivedLoa,
    verdict: evaluation.verdict,
    idToken: result.idToken?.payload ?? {},
    accessToken: result.accessToken?.payload,
  }
}
