import { describe, expect, it } from 'vitest'

import { parseCallbackFragment } from '@/lib/session/callback'
import { explainLoginError } from '@/lib/session/login-errors'

describe('parseCallbackFragment', () => {
  it.each([
    ['', null],
    ['#', null],
    ['#section-2', null],
    ['#code=abc', null], // no state: not a response to anything
    [
      '#state=s1&code=abc&session_state=x&iss=http%3A%2F%2Fidp',
      { state: 's1', hasCode: true, iss: 'http://idp' },
    ],
    [
      '#error=login_required&error_description=End-User%20authentication%20is%20required&state=s2',
      {
        state: 's2',
        hasCode: false,
        error: 'login_required',
        errorDescription: 'End-User authentication is required',
      },
    ],
  ])('%s', (hash, expected) => expect(parseCallbackFragment(hash)).toEqual(expected))
})

describe('explainLoginError', () => {
  it.each([
    ['unmet_authentication_requirements', /essential/],
    [
      'unmet_authentication_requirements',
      /declined or could not meet the requested authentication/,
    ],
    ['login_required', /prompt=none/],
    ['interaction_required', /prompt=none/],
    ['access_denied', /cancelled/],
    ['invalid_request', /malformed/],
  ])('explains %s in plain words', (code, text) => {
    expect(explainLoginError(code).text).toMatch(text)
  })

  it('falls back for an unknown code, naming it', () => {
    expect(explainLoginError('weird_thing').text).toContain('weird_thing')
  })
})
