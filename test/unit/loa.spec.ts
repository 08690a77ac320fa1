import { describe, expect, it } from 'vitest'

import { parseLoaMapText } from '@/lib/request/config'
import { importLoaMap, loaOf } from '@/lib/verdict/loa'

describe('loaOf', () => {
  it.each([
    ['gold', 3],
    ['0', 0],
    ['2', 2],
    ['platinum', undefined],
    [undefined, undefined],
    ['toString', undefined],
  ])('%s -> %s', (acr, loa) => {
    expect(loaOf(acr, { bronze: 1, silver: 2, gold: 3 })).toBe(loa)
  })
})

describe('importLoaMap', () => {
  const attribute = '{"silver":1,"gold":2}'
  it.each([
    ['the attribute value', attribute, { silver: 1, gold: 2 }, /pasted map/],
    [
      'a client export',
      JSON.stringify({ clientId: 'web', attributes: { 'acr.loa.map': attribute } }),
      { silver: 1, gold: 2 },
      /client attribute/,
    ],
    [
      'a realm export with a realm attribute',
      JSON.stringify({ realm: 'main', attributes: { 'acr.loa.map': '{"low":1}' }, clients: [] }),
      { low: 1 },
      /realm attribute/,
    ],
    [
      'a realm export, from the named client',
      JSON.stringify({
        realm: 'main',
        clients: [
          { clientId: 'other', attributes: { 'acr.loa.map': '{"a":1}' } },
          { clientId: 'web', attributes: { 'acr.loa.map': attribute } },
        ],
      }),
      { silver: 1, gold: 2 },
      /client web/,
    ],
    ['string levels', '{"silver":"1"}', { silver: 1 }, /pasted map/],
  ])('reads %s', (_, text, map, source) => {
    const result = importLoaMap(text, 'web')
    expect(result.ok && result.value.map).toEqual(map)
    expect(result.ok && result.value.source).toMatch(source)
  })

  it.each([
    ['not JSON', '{', /Not JSON/],
    ['an array', '[]', /JSON object/],
    ['a client without the attribute', '{"clientId":"web","attributes":{}}', /no acr.loa.map/],
    ['a realm without any map', '{"realm":"r","clients":[{"clientId":"x"}]}', /no acr.loa.map/],
    ['a broken attribute', '{"clientId":"web","attributes":{"acr.loa.map":"{nope"}}', /not JSON/],
    ['a negative level', '{"gold":-2}', /whole numbers/],
  ])('explains %s', (_, text, message) => {
    const result = importLoaMap(text, 'web')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(message)
  })
})

describe('parseLoaMapText: the one reader of a map as text', () => {
  it.each<[string, Record<string, number> | RegExp]>([
    ['{"silver":1,"gold":2}', { silver: 1, gold: 2 }],
    ['{"silver":"1"}', { silver: 1 }],
    ['{}', {}],
    ['', /is not JSON; write it like/],
    ['{nope', /is not JSON; write it like/],
    ['[1,2]', /must be a JSON object/],
    ['"gold"', /must be a JSON object/],
    ['{"gold":-1}', /whole numbers/],
    ['{"gold":1.5}', /whole numbers/],
    ['{"__proto__":1}', /may not use __proto__/],
  ])('%s', (text, expected) => {
    const read = parseLoaMapText(text)
    if (expected instanceof RegExp) expect(read.ok ? '' : read.error).toMatch(expected)
    else expect(read).toEqual({ ok: true, value: expected })
  })
})
