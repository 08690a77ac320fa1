import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { base64UrlToBytes, base64UrlToText, type Base64UrlError } from '@/lib/core/base64url'

describe('base64UrlToText', () => {
  // RFC 4648 section 10, without padding (base64url as JWTs use it, RFC 7515 section 2).
  it.each([
    ['', ''],
    ['Zg', 'f'],
    ['Zm8', 'fo'],
    ['Zm9v', 'foo'],
    ['Zm9vYg', 'foob'],
    ['Zm9vYmE', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
    ['Wm_DqyDinJM', 'Zoë ✓'],
  ])('%j -> %j', (text, expected) => {
    expect(base64UrlToText(text)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['Zg==', 'f'],
    ['Zm8=', 'fo'],
    ['Zm9vYmE=', 'fooba'],
    ['Zm9vYmFy', 'foobar'],
    ['Zm9vYmE', 'fooba'],
  ])('lenient: the padded RFC 4648 section 10 vector %j -> %j', (text, expected) => {
    expect(base64UrlToText(text, { lenient: true })).toEqual({ ok: true, value: expected })
  })

  it.each<[string, string, boolean, Base64UrlError]>([
    ['a character outside both alphabets', 'Zm9v!', true, 'alphabet'],
    ['base64 "+" where base64url is required', '-_8+', false, 'alphabet'],
    ['padding where base64url is required', 'Zg==', false, 'alphabet'],
    ['padding in the middle', 'Z=g=', true, 'alphabet'],
    ['whitespace', 'Zm9v Zg', true, 'alphabet'],
    ['a length of 4n + 1', 'Zm9vY', false, 'length'],
    ['three pad characters', 'Zg===', true, 'length'],
    ['padding short of a multiple of 4', 'Zg=', true, 'length'],
    ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe]).toString('base64url'), false, 'utf8'],
  ])('refuses %s', (_, text, lenient, error) => {
    expect(base64UrlToText(text, { lenient })).toEqual({ ok: false, error })
  })
})

describe('base64UrlToBytes', () => {
  it('reads "-" and "_" (base64url) and, when lenient, "+" and "/" (base64)', () => {
    expect(base64UrlToBytes('-_8')).toEqual({ ok: true, value: new Uint8Array([0xfb, 0xff]) })
    expect(base64UrlToBytes('+/8=', { lenient: true })).toEqual({
      ok: true,
      value: new Uint8Array([0xfb, 0xff]),
    })
  })

  it.each([0, 1, 2, 3, 31, 32, 33, 255])(
    'round-trips %i random bytes as Node encodes them',
    (n) => {
      const bytes = new Uint8Array(randomBytes(n))
      expect(base64UrlToBytes(Buffer.from(bytes).toString('base64url'))).toEqual({
        ok: true,
        value: bytes,
      })
      expect(base64UrlToBytes(Buffer.from(bytes).toString('base64'), { lenient: true })).toEqual({
        ok: true,
        value: bytes,
      })
    },
  )
})
