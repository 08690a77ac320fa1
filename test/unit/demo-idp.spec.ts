// The demo provider's step-up rules (demo-idp/levels.js) and its TOTP.
import { describe, expect, it } from 'vitest'

import { nextStep, requestedAcr } from '../../demo-idp/levels.js'
import { totp, totpMatches } from '../../demo-idp/totp.js'

const NOW = 1_800_000_000
const asks = (acr_values: string) => requestedAcr({ acr_values })
const insists = (values: string[]) =>
  requestedAcr({ claims: JSON.stringify({ id_token: { acr: { essential: true, values } } }) })

describe('demo provider: nextStep', () => {
  it.each([
    [
      'nobody signed in: password',
      { accountId: undefined, factorTimes: {}, doneNow: {}, requested: asks('silver') },
      { step: 'factor', factor: 'pwd' },
    ],
    [
      'bob after password, silver asked: OTP',
      { accountId: 'bob', factorTimes: {}, doneNow: { pwd: NOW }, requested: asks('silver') },
      { step: 'factor', factor: 'otp' },
    ],
    [
      'step-up from bronze to silver asks only the OTP',
      { accountId: 'bob', factorTimes: { pwd: NOW - 30 }, doneNow: {}, requested: asks('silver') },
      { step: 'factor', factor: 'otp' },
    ],
    [
      'gold asks the security key once silver is held',
      {
        accountId: 'bob',
        factorTimes: { pwd: NOW - 30, otp: NOW - 20 },
        doneNow: {},
        requested: asks('gold'),
      },
      { step: 'factor', factor: 'hwk' },
    ],
    [
      'an expired silver asks the OTP again',
      {
        accountId: 'bob',
        factorTimes: { pwd: NOW - 700, otp: NOW - 700 },
        doneNow: {},
        requested: asks('silver'),
      },
      { step: 'factor', factor: 'otp' },
    ],
  ])('%s', (_, input, expected) => {
    expect(nextStep({ forceLogin: false, now: NOW, ...input })).toMatchObject(expected)
  })

  it('downgrades a voluntary request the user cannot meet', () => {
    const step = nextStep({
      accountId: 'alice',
      factorTimes: {},
      doneNow: { pwd: NOW },
      requested: asks('gold'),
      forceLogin: false,
      now: NOW,
    })
    expect(step).toEqual({ step: 'done', acr: 'bronze', amr: ['pwd'], authTime: NOW })
  })

  it('fails an essential request the user cannot meet', () => {
    const step = nextStep({
      accountId: 'alice',
      factorTimes: {},
      doneNow: { pwd: NOW },
      requested: insists(['gold']),
      forceLogin: false,
      now: NOW,
    })
    expect(step).toMatchObject({ step: 'error', error: 'unmet_authentication_requirements' })
  })

  it('answers "0" to SSO reuse without a level, "1" to a fresh login', () => {
    const base = { accountId: 'bob', requested: asks(''), forceLogin: false, now: NOW }
    expect(nextStep({ ...base, factorTimes: { pwd: NOW - 60 }, doneNow: {} })).toMatchObject({
      acr: '0',
    })
    expect(nextStep({ ...base, factorTimes: {}, doneNow: { pwd: NOW } })).toMatchObject({
      acr: '1',
    })
  })

  it('runs the lowest of several requested levels', () => {
    const step = nextStep({
      accountId: 'bob',
      factorTimes: { pwd: NOW },
      doneNow: {},
      requested: asks('gold silver'),
      forceLogin: false,
      now: NOW,
    })
    expect(step).toMatchObject({ step: 'factor', factor: 'otp' })
  })

  it('asks every factor again on a forced login', () => {
    const step = nextStep({
      accountId: 'bob',
      factorTimes: { pwd: NOW - 5, otp: NOW - 5 },
      doneNow: {},
      requested: asks('silver'),
      forceLogin: true,
      now: NOW,
    })
    expect(step).toMatchObject({ step: 'factor', factor: 'pwd' })
  })
})

describe('demo provider: TOTP', () => {
  it('matches the RFC 6238 test vector (SHA-1, T=59)', () => {
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59)).toBe('287082')
  })
  it('accepts the previous window too', () => {
    const secret = 'JBSWY3DPEHPK3PXP'
    expect(totpMatches(secret, totp(secret, NOW - 30), NOW)).toBe(true)
    expect(totpMatches(secret, totp(secret, NOW - 90), NOW)).toBe(false)
  })
})
