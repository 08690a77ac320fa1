import { describe, expect, it } from 'vitest'

import { decodeJwt } from '@/lib/tokens/jwt'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('decodeJwt', () => {
  it('decodes header and payload, UTF-8 included', () => {
    const token = `${b64({ alg: 'RS256' })}.${b64({ acr: 'gold', name: 'Zoë <img>' })}.sig`
    expect(decodeJwt(token)).toEqual({
      ok: true,
      value: { header: { alg: 'RS256' }, payload: { acr: 'gold', name: 'Zoë <img>' } },
    })
  })

  it.each([
    ['opaque', 'not a JWT'],
    ['a.b.c.d.e', 'encrypted JWT'],
    ['***.e30.x', 'header is not base64url'],
    [
      `${b64({ alg: 'x' })}.${Buffer.from('[1]').toString('base64url')}.x`,
      'payload is not a JSON object',
    ],
    [`${b64({ alg: 'x' })}.${Buffer.from('nope').toString('base64url')}.x`, 'payload is not JSON'],
    [`${b64({ alg: 'x' })}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.x`, 'UTF-8'],
  ])('explains %s', (token, message) => {
    const decoded = decodeJwt(token)
    expect(decoded.ok).toBe(false)
    expect(!decoded.ok && decoded.error).toContain(message)
  })
})
