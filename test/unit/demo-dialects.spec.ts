import { describe, expect, it } from 'vitest'

import { MODES, PAPE_MULTI_FACTOR } from '../../demo-idp/dialects.js'

const entraClaims = (acrs: object, cp1 = true) =>
  JSON.stringify({ access_token: { acrs, ...(cp1 ? { xms_cc: { values: ['cp1'] } } : {}) } })

describe('demo provider modes: what each reads of a request', () => {
  it.each<[string, keyof typeof MODES, Record<string, string>, string | undefined, object]>([
    [
      'Entra: one context',
      'entra',
      { claims: entraClaims({ essential: true, value: 'c1' }) },
      undefined,
      { values: ['silver'], essential: true },
    ],
    [
      'Entra: values',
      'entra',
      { claims: entraClaims({ essential: true, values: ['c2'] }) },
      undefined,
      { values: ['gold'], essential: true },
    ],
    ['Entra: acr_values is not read', 'entra', { acr_values: 'c1' }, undefined, { values: [] }],
    [
      'Okta: unsupported values ignored',
      'okta',
      { acr_values: 'x urn:okta:loa:2fa:any' },
      'bob',
      { values: ['silver'] },
    ],
    [
      'Okta: the first supported is chosen',
      'okta',
      { acr_values: 'phr urn:okta:loa:1fa:any' },
      'bob',
      { values: ['gold'] },
    ],
    [
      'Okta: ifpossible, not enrolled',
      'okta',
      { acr_values: 'urn:okta:loa:2fa:any:ifpossible' },
      'alice',
      { values: ['bronze'] },
    ],
    [
      'Okta: ifpossible, enrolled',
      'okta',
      { acr_values: 'urn:okta:loa:2fa:any:ifpossible' },
      'bob',
      { values: ['silver'] },
    ],
    [
      'Auth0: the multi-factor policy',
      'auth0',
      { acr_values: PAPE_MULTI_FACTOR },
      undefined,
      { values: ['silver'] },
    ],
    [
      'Auth0: anything else asks nothing',
      'auth0',
      { acr_values: 'gold' },
      undefined,
      { values: [] },
    ],
    [
      'Cognito: the first level listed',
      'cognito',
      { acr_values: 'urn:cognito:loa:3 urn:cognito:loa:1' },
      undefined,
      { values: ['gold'] },
    ],
  ])('%s', (_, mode, params, accountId, requested) => {
    expect(MODES[mode].request(params, accountId).requested).toMatchObject(requested)
  })
})

describe('demo provider modes: what each answers', () => {
  const done = (acr: string, amr: string[]) => ({ acr, amr, authTime: 1 })

  it('Entra: the contexts held, in the access token; no acr; xms_cc echoes cp1', () => {
    const asked = MODES.entra.request({
      claims: entraClaims({ essential: true, values: ['c1', 'c2'] }),
    })
    expect(MODES.entra.answer(asked, done('silver', ['pwd', 'otp']))).toEqual({
      acr: undefined,
      amr: ['pwd', 'otp'],
      access: { acrs: ['c1'], xms_cc: ['cp1'] },
    })
    const without = MODES.entra.request({ claims: entraClaims({ value: 'c1' }, false) })
    expect(MODES.entra.answer(without, done('silver', ['pwd', 'otp'])).access).toEqual({
      acrs: ['c1'],
    })
  })

  it.each<[string, keyof typeof MODES, Record<string, string>, string, string[], object]>([
    [
      'Okta reflects the value chosen',
      'okta',
      { acr_values: 'urn:okta:loa:2fa:any' },
      'silver',
      ['pwd', 'otp'],
      { acr: 'urn:okta:loa:2fa:any' },
    ],
    [
      'Okta, ifpossible fell back: still reflected',
      'okta',
      { acr_values: 'urn:okta:loa:2fa:any:ifpossible' },
      'bronze',
      ['pwd'],
      { acr: 'urn:okta:loa:2fa:any:ifpossible', amr: ['pwd'] },
    ],
    [
      'Okta, a voluntary level not reached: the level reached',
      'okta',
      { acr_values: 'phr' },
      'bronze',
      ['pwd'],
      { acr: 'urn:okta:loa:1fa:any' },
    ],
    [
      'Auth0 after MFA: the policy and amr mfa',
      'auth0',
      { acr_values: PAPE_MULTI_FACTOR },
      'silver',
      ['pwd', 'otp'],
      { acr: PAPE_MULTI_FACTOR, amr: ['mfa'], noAuthTimeInAccessToken: true },
    ],
    [
      'Auth0 without: neither',
      'auth0',
      { acr_values: PAPE_MULTI_FACTOR },
      'bronze',
      ['pwd'],
      { acr: undefined, amr: undefined },
    ],
    [
      'Cognito: the level reached, amr with mfa',
      'cognito',
      { acr_values: 'urn:cognito:loa:2' },
      'silver',
      ['pwd', 'otp'],
      { acr: 'urn:cognito:loa:2', amr: ['pwd', 'otp', 'mfa'] },
    ],
    [
      'Cognito: level 1',
      'cognito',
      { acr_values: 'urn:cognito:loa:2' },
      'bronze',
      ['pwd'],
      { acr: 'urn:cognito:loa:1', amr: ['pwd'] },
    ],
  ])('%s', (_, mode, params, acr, amr, answer) => {
    const asked = MODES[mode].request(params, 'alice')
    expect(MODES[mode].answer(asked, done(acr, amr))).toMatchObject(answer)
  })
})
