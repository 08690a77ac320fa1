import { describe, expect, it } from 'vitest'

import { parseDiscovery, readCachedDiscovery } from '@/lib/provider/discovery'

const good = {
  issuer: 'http://idp',
  authorization_endpoint: 'http://idp/auth',
  token_endpoint: 'http://idp/token',
  jwks_uri: 'https://idp/jwks',
}

describe('parseDiscovery', () => {
  it('accepts a document with http(s) endpoints', () => {
    expect(parseDiscovery(good, 'x')).toEqual({ ok: true, value: good })
  })

  it.each([
    ['not an object', [], 'not a JSON object'],
    [
      'no token endpoint',
      { authorization_endpoint: 'http://idp/auth' },
      'no authorization_endpoint',
    ],
    [
      'a javascript: authorization endpoint',
      { ...good, authorization_endpoint: 'javascript:alert(1)' },
      'authorization_endpoint that is not an http(s) URL',
    ],
    [
      'a data: end_session endpoint',
      { ...good, end_session_endpoint: 'data:text/html,hi' },
      'end_session_endpoint',
    ],
    ['a jwks_uri that is no URL', { ...good, jwks_uri: 'keys' }, 'jwks_uri'],
    [
      'a userinfo endpoint that is a number',
      { ...good, userinfo_endpoint: 5 },
      'userinfo_endpoint',
    ],
  ])('rejects %s', (_, body, message) => {
    const parsed = parseDiscovery(body, 'x')
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.error).toContain(message)
  })
})

describe('readCachedDiscovery', () => {
  const now = 1_000_000
  it.each([
    ['nothing stored', null, false],
    ['not JSON', '{', false],
    ['fresh', JSON.stringify({ issuer: 'http://idp', at: now - 1000, metadata: good }), true],
    [
      'too old',
      JSON.stringify({ issuer: 'http://idp', at: now - 11 * 60_000, metadata: good }),
      false,
    ],
    [
      'from the future',
      JSON.stringify({ issuer: 'http://idp', at: now + 1000, metadata: good }),
      false,
    ],
    [
      'with a hostile endpoint',
      JSON.stringify({
        issuer: 'http://idp',
        at: now,
        metadata: { ...good, token_endpoint: 'javascript:x' },
      }),
      false,
    ],
  ])('%s', (_, raw, usable) => {
    expect(readCachedDiscovery(raw, now) !== null).toBe(usable)
  })
})
