// A CONDITIONAL sub-flow on the user inside a level (keycloak/realm-acr-conditional.json: the OTP
// for the role admins inside level 1): realm-model's describeUserCondition and the prediction.
// Rows marked "measured" are what test/e2e/keycloak/conditional-otp.spec.ts saw on Keycloak.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { predictLogin } from '@/lib/keycloak/predict'
import {
  describeUserCondition,
  parseRealmExport,
  type StepUpModel,
} from '@/lib/keycloak/realm-model'

const EXPORT = readFileSync(
  new URL('../../keycloak/realm-acr-conditional.json', import.meta.url),
  'utf8',
)

function conditional(): StepUpModel {
  const result = parseRealmExport(EXPORT, 'acr-playground')
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('describeUserCondition', () => {
  it.each<[string, string, Record<string, string> | undefined, string]>([
    ['a role', 'conditional-user-role', { condUserRole: 'admins' }, 'the user has role admins'],
    [
      'a role, negated',
      'conditional-user-role',
      { condUserRole: 'admins', negate: 'true' },
      'the user does not have role admins',
    ],
    [
      'a role not configured',
      'conditional-user-role',
      undefined,
      'the user has role (not configured)',
    ],
    [
      'an attribute',
      'conditional-user-attribute',
      { attribute_name: 'mfa', attribute_expected_value: 'on' },
      'the user\'s attribute mfa is "on"',
    ],
    [
      'an attribute, negated',
      'conditional-user-attribute',
      { attribute_name: 'mfa', attribute_expected_value: 'on', not: 'true' },
      'the user\'s attribute mfa is not "on"',
    ],
    [
      'user configured',
      'conditional-user-configured',
      {},
      'the user has set up what the sub-flow asks',
    ],
    [
      'another condition',
      'conditional-sub-flow-executed',
      {},
      'the condition conditional-sub-flow-executed holds',
    ],
  ])('%s', (_, providerId, config, expected) => {
    expect(describeUserCondition(providerId, config)).toBe(expected)
  })
})

describe('predictLogin: the OTP for admins inside level 1', () => {
  it('reads the OTP of level 1 as conditional on the role', () => {
    const level1 = conditional().flow?.levels.find((l) => l.level === 1)
    expect(level1?.authenticators.map((a) => [a.kind, a.onlyIf])).toEqual([
      ['password', undefined],
      ['otp', 'the user has role admins'],
    ])
  })

  it.each<[string, string[] | undefined]>([
    ['a user with the role (measured)', ['password', 'otp']],
    ['a user without the role (measured)', ['password']],
    ['credentials unknown', undefined],
  ])('bronze, %s: the OTP named as conditional, acr bronze', (_, userCredentials) => {
    const p = predictLogin(
      conditional(),
      { scope: 'openid', acrValues: 'bronze' },
      { now: 1_800_000_000, ...(userCredentials ? { userCredentials } : {}) },
    )
    expect(p).toMatchObject({
      outcome: 'tokens',
      acr: 'bronze',
      loa: 1,
      steps: ['password', 'otp (only if the user has role admins)'],
    })
    expect(p.unknowns.join('\n')).toMatch(
      /only if the user has role admins: whether this user does/,
    )
  })

  it('silver: the level 2 OTP is asked whatever the role', () => {
    const p = predictLogin(
      conditional(),
      { scope: 'openid', acrValues: 'silver' },
      { now: 1_800_000_000, userCredentials: ['password', 'otp'] },
    )
    expect(p).toMatchObject({ acr: 'silver', loa: 2 })
    expect(p.steps.at(-1)).toBe('otp')
  })
})
