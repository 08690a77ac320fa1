import { describe, expect, it } from 'vitest'

import {
  AMR_VALUES,
  CLAIM_DOCS,
  claimDoc,
  explainAmr,
  headerDoc,
  HIGHLIGHTED_CLAIMS,
  isHighlighted,
} from '@/lib/tokens/claim-docs'

/** A section of a spec the view may cite: what defines the claim, never a blog post. */
const SPEC = /^(RFC (7515|7519|8176|8693|9068) [\d.]+|OIDC [A-Za-z -]*\d[\d.]*|Keycloak)$/

describe('claimDoc', () => {
  it.each([
    ['iss', 'RFC 7519 4.1.1'],
    ['sub', 'RFC 7519 4.1.2'],
    ['aud', 'RFC 7519 4.1.3'],
    ['exp', 'RFC 7519 4.1.4'],
    ['nbf', 'RFC 7519 4.1.5'],
    ['iat', 'RFC 7519 4.1.6'],
    ['jti', 'RFC 7519 4.1.7'],
    ['auth_time', 'OIDC Core 2'],
    ['nonce', 'OIDC Core 2'],
    ['acr', 'OIDC Core 2'],
    ['amr', 'RFC 8176'],
    ['azp', 'OIDC Core 2'],
    ['at_hash', 'OIDC Core 3.1.3.6'],
    ['c_hash', 'OIDC Core 3.3.2.11'],
    ['sid', 'OIDC Front-Channel Logout 3'],
    ['session_state', 'OIDC Session Management 3'],
    ['typ', 'Keycloak'],
    ['scope', 'RFC 9068 2.2.3'],
    ['preferred_username', 'OIDC Core 5.1'],
    ['email', 'OIDC Core 5.1'],
  ])('explains %s, citing %s', (name, section) => {
    const doc = claimDoc(name)
    expect(doc?.spec).toContain(section)
    expect(doc?.text).toMatch(/^[A-Z"'].{15,90}\.$/)
  })

  it.each(Object.entries(CLAIM_DOCS))('%s: one line, each cited section a real one', (_, doc) => {
    expect(doc.text).not.toContain('\n')
    for (const section of doc.spec.split('; ')) expect(section).toMatch(SPEC)
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'name', 'ACR', ''])(
    'knows no claim %j: a claim name from a token never reaches the prototype',
    (name) => {
      expect(claimDoc(name)).toBeUndefined()
      expect(headerDoc(name)).toBeUndefined()
    },
  )

  it('explains the JOSE header parameters apart from the claims: typ differs', () => {
    expect(headerDoc('alg')?.spec).toBe('RFC 7515 4.1.1')
    expect(headerDoc('typ')?.text).toContain('at+jwt')
    expect(claimDoc('typ')?.text).toContain('Keycloak')
  })
})

describe('highlighted claims', () => {
  it('are exactly what step-up is about: acr, amr, auth_time', () => {
    expect([...HIGHLIGHTED_CLAIMS].sort()).toEqual(['acr', 'amr', 'auth_time'])
  })

  it.each([
    ['acr', true],
    ['amr', true],
    ['auth_time', true],
    ['sub', false],
    ['iat', false],
    ['ACR', false],
  ])('%s: %s', (name, highlighted) => {
    expect(isHighlighted(name)).toBe(highlighted)
  })
})

describe('explainAmr', () => {
  it.each([
    [['pwd', 'otp'], 'pwd: password, otp: one-time password'],
    [['hwk'], 'hwk: proof of a hardware key'],
    [['pwd', 'card'], 'pwd: password, "card": not registered'],
    [['constructor'], '"constructor": not registered'],
    [[42], '42: not registered'],
    [[], undefined],
    ['pwd', undefined],
    [undefined, undefined],
  ])('%j → %j', (amr, text) => {
    expect(explainAmr(amr)).toBe(text)
  })

  it('knows every value RFC 8176 section 2 registers', () => {
    expect(Object.keys(AMR_VALUES)).toHaveLength(20)
  })
})
