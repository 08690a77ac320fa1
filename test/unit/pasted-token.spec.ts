import { describe, expect, it } from 'vitest'

import { readPastedToken, tokenKind, uncheckableSignature } from '@/lib/tokens/pasted-token'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const HEADER = b64({ alg: 'RS256', kid: 'k1' })
const PAYLOAD = b64({ iss: 'http://idp', acr: 'gold' })
const TOKEN = `${HEADER}.${PAYLOAD}.c2lnbmF0dXJl`

describe('readPastedToken', () => {
  it.each([
    ['the token alone', TOKEN, []],
    ['surrounding whitespace', `\n\t  ${TOKEN}  \n`, []],
    ['"Bearer "', `Bearer ${TOKEN}`, ['the "Bearer" prefix']],
    ['"bearer" in lower case, several spaces', `  bearer    ${TOKEN}`, ['the "bearer" prefix']],
    ['a whole header', `Authorization: Bearer ${TOKEN}`, ['the "Authorization: Bearer" prefix']],
    ['quotes from a JSON log', `"${TOKEN}"`, []],
    [
      'line breaks from a wrapped log',
      `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}`,
      ['the line breaks and spaces inside it'],
    ],
    ['a curl line', `curl -H 'Authorization: Bearer ${TOKEN}' https://api`, ['the text around it']],
    ['a log line', `level=info token=${TOKEN} user=bob`, ['the text around it']],
    ['no signature (alg none)', `${b64({ alg: 'none' })}.${PAYLOAD}.`, []],
  ])('reads %s', (_, input, removed) => {
    const read = readPastedToken(input)
    expect(read.ok && read.value.removed).toEqual(removed)
    expect(read.ok && read.value.decoded.payload.acr).toBe('gold')
  })

  it('keeps the token itself, exactly, for the signature check', () => {
    const read = readPastedToken(`Bearer ${TOKEN}\n`)
    expect(read.ok && read.value.token).toBe(TOKEN)
  })

  it.each([
    ['nothing', '   ', 'Nothing to read'],
    ['only the prefix', 'Bearer ', 'Nothing to read'],
    ['an opaque token', 'mF_9.B5f-4.1JqM'.replace(/\./g, ''), 'has no dot'],
    ['two parts', `${HEADER}.${PAYLOAD}`, 'the signature and its dot are missing'],
    ['four parts', `${TOKEN}.x`, 'This has 4 parts'],
    ['a JWE', 'a.b.c.d.e', 'encrypted token (JWE'],
    ['an empty header', `.${PAYLOAD}.sig`, 'The header (part 1, before the first dot) is empty'],
    ['an empty payload', `${HEADER}..sig`, 'The payload (part 2, between the dots) is empty'],
    [
      'base64 instead of base64url',
      `${HEADER}.${PAYLOAD.slice(0, 5)}+${PAYLOAD.slice(5)}.sig`,
      'The payload (part 2, between the dots) has "+" at character 6',
    ],
    [
      'a damaged signature',
      `${HEADER}.${PAYLOAD}.ab*c`,
      'The signature (part 3, after the second dot) has "*"',
    ],
    ['a header that is not JSON', `${b64('x').slice(0, 2)}bm9wZQ.${PAYLOAD}.s`, 'The header'],
    [
      'a payload that is not JSON',
      `${HEADER}.bm9wZQ.s`,
      'payload (part 2, between the dots) decodes to something that is not JSON',
    ],
    ['a payload that is an array', `${HEADER}.${b64([1])}.s`, 'is not a JSON object'],
    ['a payload cut short', `${HEADER}.${PAYLOAD.slice(0, -3)}A.s`, 'The payload'],
    ['two tokens in one text', `a=${TOKEN} b=${TOKEN}`, 'holds 2 JWTs'],
    ['HTML', '<script>alert(1)</script>', 'has no dot'],
  ])('explains %s in plain words, naming the part', (_, input, message) => {
    const read = readPastedToken(input)
    expect(read.ok).toBe(false)
    expect(!read.ok && read.error).toContain(message)
  })

  it('never throws, whatever is pasted', () => {
    for (const input of ['.', '..', '...', '\u0000.\u0000.\u0000', 'é.é.é', '"', '`', '%%%']) {
      expect(() => readPastedToken(input)).not.toThrow()
    }
  })
})

describe('tokenKind', () => {
  it.each([
    [{ typ: 'at+jwt' }, {}, 'access'],
    [{ typ: 'application/at+JWT' }, {}, 'access'],
    [{}, { typ: 'Bearer' }, 'access'],
    [{}, { typ: 'Refresh' }, 'access'],
    [{}, { typ: 'ID' }, 'id'],
    [{}, { nonce: 'n' }, 'id'],
    [{}, { at_hash: 'h' }, 'id'],
    [{}, { scope: 'openid' }, 'access'],
    [{}, { client_id: 'web' }, 'access'],
    [{}, { sub: 'x' }, 'id'],
  ])('header %j, payload %j: %s', (header, payload, kind) => {
    const read = tokenKind({ header: { alg: 'RS256', ...header }, payload })
    expect(read.kind).toBe(kind)
    expect(read.because).not.toBe('')
  })
})

describe('uncheckableSignature', () => {
  it.each([
    [{ alg: 'RS256' }, undefined],
    [{ alg: 'ES256' }, undefined],
    [{ alg: 'none' }, 'invalid'],
    [{ alg: 'NONE' }, 'invalid'],
    [{}, 'invalid'],
    [{ alg: 42 }, 'invalid'],
    [{ alg: 'HS512' }, 'unverified'],
  ])('%j: %s', (header, status) => {
    expect(uncheckableSignature(header)?.status).toBe(status)
  })

  it.each([
    [{ alg: 'HS256' }, undefined],
    [{ alg: 'RS256' }, undefined],
    [{ alg: 'none' }, 'invalid'],
    [{}, 'invalid'],
  ])('with a pasted key, %j: %s', (header, status) => {
    expect(uncheckableSignature(header, true)?.status).toBe(status)
  })
})
