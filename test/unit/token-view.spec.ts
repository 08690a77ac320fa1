import { describe, expect, it } from 'vitest'

import type { JsonObject } from '@/lib/request/claims-request'
import { formatSize, jsonEntries, jwtParts } from '@/lib/tokens/token-view'

/** The entries laid out as the view does: each member indented by two, inside braces. */
function layout(object: JsonObject, include?: (name: string) => boolean): string {
  const entries = jsonEntries(object, include)
  if (entries.length === 0) return '{}'
  const members = entries.map((e) => `  "${e.name}": ${e.value.replace(/\n/g, '\n  ')}`)
  return `{\n${members.join('\n')}\n}`
}

describe('jsonEntries', () => {
  it.each<[string, JsonObject]>([
    ['flat claims', { iss: 'http://idp', acr: 'gold', exp: 1800000000 }],
    ['an array', { amr: ['pwd', 'otp'], sub: 'x' }],
    ['nested objects', { realm_access: { roles: ['a', { deep: [1, null] }] }, b: {} }],
    ['empty values', { a: [], b: {}, c: '', d: null, e: false }],
    ['escapes', { name: 'Zoë "<img>" \\ \n\t', emoji: '🙂' }],
    ['no member', {}],
  ])('lays %s out exactly as JSON.stringify(…, null, 2) does', (_, object) => {
    expect(layout(object)).toBe(JSON.stringify(object, null, 2))
  })

  it('puts commas after the members kept when only some are shown', () => {
    const object = { a: 1, b: 2, c: 3 }
    expect(layout(object, (name) => name !== 'c')).toBe(JSON.stringify({ a: 1, b: 2 }, null, 2))
  })

  it.each([
    ['a plain string', 'gold', undefined],
    ['quotes', `<img src=x onerror="alert('x')">`, `<img src=x onerror="alert('x')">`],
    ['a backslash', 'a\\b', 'a\\b'],
    ['a line break', 'a\nb', 'a\nb'],
    ['non-ASCII, which JSON keeps as it is', 'Zoë', undefined],
  ])('gives a string with %s as text only when escaping changes it', (_, value, asText) => {
    expect(jsonEntries({ name: value })[0]?.asText).toBe(asText)
  })

  it.each([
    ['exp', 1800000000, 1800000000],
    ['auth_time', 1700000000, 1700000000],
    ['nbf', 1, 1],
    ['updated_at', 5, 5],
    ['exp', '1800000000', undefined],
    ['acr', 1800000000, undefined],
  ])('reads %s = %j as a date: %j', (name, value, epoch) => {
    expect(jsonEntries({ [name]: value })[0]?.epoch).toBe(epoch)
  })
})

describe('jwtParts', () => {
  it.each([
    ['h.p.s', { header: 'h', payload: 'p', signature: 's' }],
    ['h.p.', { header: 'h', payload: 'p', signature: '' }],
    ['opaque', null],
    ['a.b', null],
    ['a.b.c.d.e', null],
  ])('%s → %j', (raw, parts) => {
    expect(jwtParts(raw)).toEqual(parts)
  })
})

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [12_700, '12.4 KB'],
  ])('%d → %s', (chars, text) => {
    expect(formatSize(chars)).toBe(text)
  })
})
