import { describe, expect, it } from 'vitest'

import { describeJsonError, lineAndColumn } from '@/lib/core/json-error'

function errorOf(text: string): unknown {
  try {
    JSON.parse(text)
  } catch (error) {
    return error
  }
  throw new Error('expected a parse error')
}

describe('describeJsonError', () => {
  it.each([
    ['{"id_token":', 'ends too early', 'line 1, column 13'],
    ['{"id_token": {"acr": {"essential": true,}}}', 'name in double quotes', 'line 1, column 41'],
    ['{\n  "id_token": {"acr" {}}\n}', 'colon is missing', 'line 2, column 22'],
    ['{"a": 1} x', 'more text after the end', 'line 1, column 10'],
    ['{"a": [1 2]}', 'comma or ] is missing', 'line 1, column 10'],
  ])('%s: %s at %s', (text, plain, where) => {
    const message = describeJsonError(text, errorOf(text))
    expect(message).toMatch(/^Not JSON: /)
    expect(message).toContain(plain)
    expect(message).toContain(where)
  })

  it('never shows a raw character position', () => {
    expect(describeJsonError('{"a":', errorOf('{"a":'))).not.toMatch(/position \d+/)
  })
})

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, { line: 1, column: 1 }],
    ['ab\ncd', 4, { line: 2, column: 2 }],
  ])('%j at %i', (text, offset, expected) => expect(lineAndColumn(text, offset)).toEqual(expected))
})
