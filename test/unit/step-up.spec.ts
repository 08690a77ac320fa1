import { describe, expect, it } from 'vitest'

import { defaultConfig } from '@/lib/request/config'
import { challengeConfig, nextLevel, stepUpConfig } from '@/lib/keycloak/step-up'

describe('nextLevel', () => {
  const config = { loaMap: { bronze: 1, silver: 2, gold: 3 }, acrValues: ['silver'] }
  it.each([
    ['bronze', { acr: 'silver', loa: 2 }],
    ['silver', { acr: 'gold', loa: 3 }],
    ['1', { acr: 'silver', loa: 2 }],
    ['0', { acr: 'bronze', loa: 1 }],
    ['gold', undefined],
  ])('after %s', (received, expected) => expect(nextLevel(received, config)).toEqual(expected))

  it('follows the list when the map does not know the level', () => {
    const listed = { loaMap: {}, acrValues: ['urn:low', 'urn:high'] }
    expect(nextLevel('urn:low', listed)).toEqual({ acr: 'urn:high', loa: undefined })
    expect(nextLevel('urn:high', listed)).toBeUndefined()
  })
})

describe('stepUpConfig', () => {
  it('asks for the one level, without prompt or max_age, so the SSO session is reused', () => {
    const next = stepUpConfig(
      { ...defaultConfig(), prompt: 'login', maxAge: 0, acrValues: ['bronze'] },
      { acr: 'silver' },
    )
    expect(next).toMatchObject({
      acrValues: ['silver'],
      sendAcrValues: true,
      prompt: '',
      maxAge: null,
    })
  })

  it('keeps an essential claims request essential', () => {
    const claims = JSON.stringify({ id_token: { acr: { essential: true, values: ['bronze'] } } })
    const next = stepUpConfig(
      { ...defaultConfig(), claims, sendAcrValues: false },
      { acr: 'silver' },
    )
    expect(JSON.parse(next.claims)).toEqual({
      id_token: { acr: { essential: true, values: ['silver'] } },
    })
    expect(next.sendAcrValues).toBe(false)
  })
})

describe('a claims text with an error is never rewritten', () => {
  const broken = '{"id_token":{"acr":{"values":"gold"}}}'
  it.each([
    ['by the step-up', (c: ReturnType<typeof defaultConfig>) => stepUpConfig(c, { acr: 'silver' })],
    [
      'by a challenge',
      (c: ReturnType<typeof defaultConfig>) => challengeConfig(c, { acrValues: ['silver'] }),
    ],
  ])('%s', (_, apply) => {
    const next = apply({ ...defaultConfig(), claims: broken })
    expect(next.claims).toBe(broken)
    expect(next.acrValues).toEqual(['silver'])
  })
})
