import { describe, expect, it } from 'vitest'

import { chooseLoaMap } from '@/lib/verdict/loa-source'
import type { StepUpModel } from '@/lib/keycloak/realm-model'

function model(source: 'realm' | 'client' | 'none', effective: Record<string, number>) {
  return {
    loaMap: { source, effective, entries: Object.entries(effective), problems: [] },
  } as unknown as StepUpModel
}

describe('chooseLoaMap', () => {
  it.each([
    ['no realm: the typed map', { a: 1 }, 'typed', null, { map: { a: 1 }, source: 'typed' }],
    ['no realm: the link map', { a: 1 }, 'link', null, { map: { a: 1 }, source: 'link' }],
    [
      'the realm map wins',
      {},
      'typed',
      model('realm', { b: 1 }),
      { map: { b: 1 }, source: 'realm' },
    ],
    [
      'the client map wins',
      {},
      'typed',
      model('client', { c: 2 }),
      { map: { c: 2 }, source: 'client' },
    ],
    [
      'a realm without a map: numbers',
      {},
      'typed',
      model('none', {}),
      { map: {}, source: 'realm' },
    ],
    [
      'a link map that disagrees is flagged, not used',
      { b: 2 },
      'link',
      model('realm', { b: 1 }),
      { map: { b: 1 }, source: 'realm', overridden: { map: { b: 2 }, source: 'link' } },
    ],
    [
      'an equal typed map is no conflict',
      { b: 1 },
      'typed',
      model('realm', { b: 1 }),
      { map: { b: 1 }, source: 'realm' },
    ],
  ] as const)('%s', (_, typed, source, realm, expected) => {
    expect(chooseLoaMap(typed, source, realm)).toEqual(expected)
  })
})
