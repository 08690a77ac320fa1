import { describe, expect, it } from 'vitest'

import type { CallbackParams } from '@/lib/session/callback'
import type { Attempt } from '@/lib/session/history'
import { beginAttempt, IGNORED_TEXT_CHARS, issuerOf } from '@/lib/session/login-flow'
import {
  classifyReturn,
  decodeResult,
  finishAttempt,
  tokensOutcome,
  type Exchange,
} from '@/lib/session/login-return'
import { evaluate } from '@/lib/verdict/verdict'

const target = { mode: 'oidc' as const, url: '', realm: '', issuer: 'http://idp', clientId: 'app' }
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (payload: object) => `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`

const attempt: Attempt = beginAttempt({
  id: 'a1',
  now: 1_000_000,
  target,
  request: { scope: 'openid', acrValues: 'silver' },
  url: 'http://idp/auth?state=s1&nonce=n1&acr_values=silver',
  state: 's1',
})

describe('beginAttempt', () => {
  it('records the state and reads the nonce from the URL it will navigate to', () => {
    expect(attempt).toEqual({
      id: 'a1',
      startedAt: 1_000_000,
      target,
      request: { scope: 'openid', acrValues: 'silver' },
      state: 's1',
      nonce: 'n1',
    })
  })

  it('copies the target, so later edits do not change the record', () => {
    expect(attempt.target).not.toBe(target)
  })
})

describe('classifyReturn', () => {
  const code: CallbackParams = { state: 's1', hasCode: true }
  it.each<[string, CallbackParams | null, Attempt | null, string, string?]>([
    ['a plain page load', null, null, 'nothing'],
    ['an attempt without a callback', null, attempt, 'never-returned', 'never_returned'],
    ['a callback no attempt started', code, null, 'unsolicited', 'unexpected_callback'],
    [
      'a callback for another state',
      { state: 'other', hasCode: false, error: 'access_denied' },
      attempt,
      'unsolicited',
      'access_denied',
    ],
    ['the callback of the attempt', code, attempt, 'exchange'],
  ])('%s: %s', (_, callback, pending, kind, error) => {
    const step = classifyReturn(callback, pending)
    expect(step.kind).toBe(kind)
    if (error) expect('error' in step && step.error.error).toBe(error)
  })

  it('says which level a login that never came back asked for', () => {
    const step = classifyReturn(null, attempt)
    expect(step.kind === 'never-returned' && step.error.explanation.text).toContain(
      'It asked for silver',
    )
  })

  it.each([
    ['the user lacks a factor', 'Cannot login, credential setup required.'],
    ["the client's default or minimum ACR", "client's Default ACR values or Minimum ACR value"],
    ['an unknown essential value', 'Invalid parameter: claims'],
    ['a level no sub-flow serves over a session', 'Invalid username or password.'],
    ['a redirect URI the client does not allow', 'redirect URI the client does not allow'],
  ])('without a realm export, names %s among the causes', (_, cause) => {
    const step = classifyReturn(null, attempt)
    expect(step.kind === 'never-returned' && step.error.explanation.text).toContain(cause)
  })
})

describe('finishAttempt', () => {
  const tokens = {
    idToken: jwt({ acr: 'silver', nonce: 'n1' }),
    accessToken: jwt({ acr: 'silver' }),
  }
  it.each<[string, CallbackParams, Exchange, string, string?]>([
    [
      'an error callback, read from the URL',
      { state: 's1', hasCode: false, error: 'login_required' },
      { ok: true, authenticated: false, tokens: {} },
      'error',
      'login_required',
    ],
    [
      'a code keycloak-js could not exchange',
      { state: 's1', hasCode: true },
      { ok: false, error: 'Failed to fetch' },
      'error',
      'token_request_failed',
    ],
    [
      'an exchange without tokens',
      { state: 's1', hasCode: true },
      { ok: true, authenticated: false, tokens: {} },
      'error',
      'token_request_failed',
    ],
    ['tokens', { state: 's1', hasCode: true }, { ok: true, authenticated: true, tokens }, 'tokens'],
  ])('%s', (_, callback, exchange, kind, error) => {
    const finished = finishAttempt(attempt, callback, exchange, 2_000_000)
    expect(finished.kind).toBe(kind)
    if (finished.kind === 'error') {
      expect(finished.error.error).toBe(error)
      expect(finished.outcome).toMatchObject({ kind: 'error', error })
    }
  })

  it('decodes each token once into the result, and the history keeps claims, not tokens', () => {
    const finished = finishAttempt(
      attempt,
      { state: 's1', hasCode: true },
      { ok: true, authenticated: true, tokens },
      2_000_000,
    )
    if (finished.kind !== 'tokens') throw new Error('expected tokens')
    expect(finished.result.idToken?.payload.acr).toBe('silver')
    expect(finished.result.nonce).toBe('n1')
    const evaluation = evaluate(finished.result.request, finished.result.idToken?.payload, {
      silver: 2,
    })
    const outcome = tokensOutcome(finished.result, evaluation)
    expect(outcome).toMatchObject({ kind: 'tokens', acr: 'silver', loa: 2, verdict: 'satisfied' })
    expect(JSON.stringify(outcome)).not.toContain(tokens.idToken)
  })
})

describe('decodeResult', () => {
  it.each([
    [{}, 'No ID token came back'],
    [{ idToken: 'not-a-jwt' }, 'The ID token'],
  ])('says what is wrong with %j', (raw, message) => {
    const result = decodeResult(raw, attempt, 0)
    expect(result.idTokenError).toContain(message)
    expect(result.idToken).toBeUndefined()
  })
})

describe('issuerOf', () => {
  it.each([
    [target, 'http://idp'],
    [
      { ...target, mode: 'keycloak' as const, url: 'http://kc/', realm: 'my realm' },
      'http://kc/realms/my%20realm',
    ],
  ])('%j → %s', (t, issuer) => expect(issuerOf(t)).toBe(issuer))
})

describe('classifyReturn: a callback no login of this tab asked for', () => {
  const hostile: CallbackParams = {
    state: 'forged',
    hasCode: false,
    error: 'access_denied',
    errorDescription: 'Your session expired, log in at https://evil.example',
    errorUri: 'https://evil.example/help',
  }
  it.each<[string, CallbackParams, Attempt | null, RegExp]>([
    ['with no login under way', hostile, null, /no login in this tab started/],
    ['with another state than the login under way', hostile, attempt, /carries another state/],
    [
      'with a code and no error',
      { state: 'forged', hasCode: true, errorDescription: 'log in at https://evil.example' },
      null,
      /no login in this tab started/,
    ],
  ])('%s: says only that it was ignored and why', (_, callback, pending, why) => {
    const step = classifyReturn(callback, pending)
    if (step.kind !== 'unsolicited') throw new Error(`expected unsolicited, got ${step.kind}`)
    const { error } = step
    expect(error.explanation.title).toBe('A login response was ignored')
    expect(error.explanation.text).toMatch(why)
    const shown = [error.explanation.title, error.explanation.text, error.note ?? '']
    expect(shown.join(' ')).not.toMatch(/evil|expired|access_denied/)
    expect(error.description).toBeUndefined()
    expect(error.ignored?.errorDescription).toBe(callback.errorDescription)
    expect(error.ignored?.hadCode).toBe(callback.hasCode)
  })

  it('keeps the error code as the code of the panel (data-error)', () => {
    const step = classifyReturn(hostile, null)
    expect(step.kind === 'unsolicited' && step.error.error).toBe('access_denied')
    expect(step.kind === 'unsolicited' && step.error.ignored?.error).toBe('access_denied')
  })

  it('shortens what it said', () => {
    const step = classifyReturn(
      { ...hostile, errorDescription: 'x'.repeat(100_000), error: 'e'.repeat(100_000) },
      null,
    )
    if (step.kind !== 'unsolicited') throw new Error('expected unsolicited')
    expect(step.error.ignored?.errorDescription?.length).toBe(IGNORED_TEXT_CHARS)
    expect(step.error.ignored?.error?.length).toBe(IGNORED_TEXT_CHARS)
  })

  it("still shows the description of this login's own error callback", () => {
    const finished = finishAttempt(
      attempt,
      { state: 's1', hasCode: false, error: 'access_denied', errorDescription: 'User cancelled' },
      { ok: true, authenticated: false, tokens: {} },
      2_000_000,
    )
    expect(finished.kind === 'error' && finished.error.description).toBe('User cancelled')
    expect(finished.kind === 'error' && finished.error.ignored).toBeUndefined()
  })
})
