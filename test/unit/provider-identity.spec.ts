import { describe, expect, it } from 'vitest'

import { identityKey, type ProviderTarget } from '@/lib/provider/provider-identity'

const KC: ProviderTarget = {
  mode: 'keycloak',
  url: 'https://kc.example',
  realm: 'demo',
  issuer: '',
  clientId: 'app',
}

describe('identityKey', () => {
  it.each<[string, Partial<ProviderTarget>, boolean, boolean]>([
    // change, same provider?, same client?
    ['nothing', {}, true, true],
    ['another client', { clientId: 'other' }, true, false],
    ['another realm', { realm: 'other' }, false, false],
    ['another URL', { url: 'https://kc2.example' }, false, false],
    ['another mode', { mode: 'oidc' }, false, false],
    ['an issuer kept from OIDC mode', { issuer: 'https://op.example' }, false, false],
  ])('%s: same provider %s, same client %s', (_, change, sameProvider, sameClient) => {
    const other = { ...KC, ...change }
    expect(identityKey(other, 'provider') === identityKey(KC, 'provider')).toBe(sameProvider)
    expect(identityKey(other) === identityKey(KC)).toBe(sameClient)
  })

  it.each<[Partial<ProviderTarget>, Partial<ProviderTarget>]>([
    // Fields joined naively would collide; the key keeps them apart.
    [
      { realm: 'a', clientId: 'b,c' },
      { realm: 'a,b', clientId: 'c' },
    ],
    [
      { url: 'x', realm: 'y' },
      { url: 'xy', realm: '' },
    ],
  ])('%j and %j are different clients', (a, b) => {
    expect(identityKey({ ...KC, ...a })).not.toBe(identityKey({ ...KC, ...b }))
  })
})
