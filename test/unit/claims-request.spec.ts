import { describe, expect, it } from 'vitest'

import {
  acrClaimMode,
  acrClaimOf,
  claimsParameter,
  parseClaimsRequest,
  withAcrClaim,
} from '@/lib/request/claims-request'
import { askedVoluntarily, defaultConfig, withAcrMode, withClaimsText } from '@/lib/request/config'

describe('parseClaimsRequest', () => {
  it.each([
    ['', null],
    ['   ', null],
    [
      '{"id_token":{"acr":{"essential":true,"values":["gold"]}}}',
      { id_token: { acr: { essential: true, values: ['gold'] } } },
    ],
    [
      '{"userinfo":{"email":null},"id_token":{"acr":null}}',
      { userinfo: { email: null }, id_token: { acr: null } },
    ],
  ])('accepts %j without errors', (text, claims) => {
    const parsed = parseClaimsRequest(text)
    expect(parsed.claims).toEqual(claims)
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([])
  })

  it.each([
    ['{"id_token":', 'error', '', /^Not JSON/],
    ['["gold"]', 'error', '', /must be a JSON object/],
    ['"gold"', 'error', '', /must be a JSON object/],
    [
      '{"id_token":{"acr":{"values":"gold"}}}',
      'error',
      'id_token.acr.values',
      /must be an array of strings/,
    ],
    ['{"id_token":{"acr":{"values":[1]}}}', 'error', 'id_token.acr.values', /non-empty strings/],
    [
      '{"id_token":{"acr":{"essential":"yes","values":["gold"]}}}',
      'error',
      'id_token.acr.essential',
      /true or false/,
    ],
    ['{"id_token":{"acr":"gold"}}', 'error', 'id_token.acr', /null or an object/],
    ['{"id_token":["acr"]}', 'error', 'id_token', /must be an object of claim names/],
    [
      '{"id_token":{"acr":{"essential":true,"value":"gold"}}}',
      'warning',
      'id_token.acr.value',
      /read only "values"/,
    ],
    [
      '{"userinfo":{"acr":{"values":["gold"]}}}',
      'warning',
      'userinfo.acr',
      /under "userinfo" only/,
    ],
    ['{"id_token":{"acr":{"values":[]}}}', 'warning', 'id_token.acr.values', /empty/],
    ['{"idtoken":{"acr":null}}', 'warning', 'idtoken', /only "id_token" and "userinfo"/],
  ])('reports %s as a specific %s', (text, severity, path, message) => {
    const problem = parseClaimsRequest(text).problems.find((p) => p.path === path)
    expect(problem?.severity).toBe(severity)
    expect(problem?.message).toMatch(message)
  })

  it('does not throw on hostile input', () => {
    for (const text of [
      '{"__proto__":{"x":1}}',
      '{"id_token":{"constructor":{"values":["x"]}}}',
      '\u0000',
      '1e999',
    ]) {
      expect(() => parseClaimsRequest(text)).not.toThrow()
    }
  })
})

describe('acr claim helpers', () => {
  it.each([
    [null, 'off', undefined],
    [{ userinfo: { acr: null } }, 'off', undefined],
    [
      { id_token: { acr: { values: ['a', 'b'] } } },
      'voluntary',
      { essential: false, values: ['a', 'b'] },
    ],
    [
      { id_token: { acr: { essential: true, value: 'gold' } } },
      'essential',
      { essential: true, values: ['gold'] },
    ],
  ])('reads %j as %s', (claims, mode, acr) => {
    expect(acrClaimMode(claims)).toBe(mode)
    expect(acrClaimOf(claims)).toEqual(acr)
  })

  it('sets id_token.acr and keeps every other member', () => {
    const claims = { userinfo: { email: null }, id_token: { auth_time: { essential: true } } }
    expect(withAcrClaim(claims, 'essential', ['silver', 'gold'])).toEqual({
      userinfo: { email: null },
      id_token: {
        auth_time: { essential: true },
        acr: { essential: true, values: ['silver', 'gold'] },
      },
    })
    expect(withAcrClaim(claims, 'voluntary', ['gold'])).toEqual({
      userinfo: { email: null },
      id_token: { auth_time: { essential: true }, acr: { values: ['gold'] } },
    })
  })

  it('removes id_token.acr and returns null when nothing is left', () => {
    expect(withAcrClaim({ id_token: { acr: { values: ['x'] } } }, 'off', [])).toBeNull()
    expect(withAcrClaim({ id_token: { acr: null }, userinfo: {} }, 'off', [])).toEqual({
      userinfo: {},
    })
  })
})

describe('claimsParameter', () => {
  it('minifies valid JSON', () => {
    expect(claimsParameter('{\n  "id_token": { "acr": { "values": ["gold"] } }\n}')).toEqual({
      ok: true,
      value: '{"id_token":{"acr":{"values":["gold"]}}}',
    })
  })
  it('sends nothing for empty text', () => {
    expect(claimsParameter('')).toEqual({ ok: true, value: null })
  })
  it('refuses text with an error', () => {
    expect(claimsParameter('{"id_token":{"acr":{"values":"gold"}}}').ok).toBe(false)
  })
})

describe('parseClaimsRequest: hostile depth', () => {
  it('refuses a request nested thousands deep without overflowing the stack', () => {
    const text = '{"a":'.repeat(7000) + '1' + '}'.repeat(7000)
    const parsed = parseClaimsRequest(text)
    expect(parsed.claims).toBeNull()
    expect(parsed.problems[0]?.message).toContain('nests deeper than')
  })
})

describe('askedVoluntarily: the same levels, voluntary', () => {
  const base = { ...defaultConfig(), acrValues: [] as string[], sendAcrValues: false }
  const text = (claims: unknown) => JSON.stringify(claims, null, 2)
  it.each([
    {
      name: 'an essential acr becomes acr_values, in its order',
      claims: text({ id_token: { acr: { essential: true, values: ['gold', 'silver'] } } }),
      acrValues: ['gold', 'silver'],
      left: '',
    },
    {
      name: 'the singular value too',
      claims: text({ id_token: { acr: { essential: true, value: 'silver' } } }),
      acrValues: ['silver'],
      left: '',
    },
    {
      name: 'every other member of the claims request stays',
      claims: text({
        userinfo: { email: null },
        id_token: { auth_time: { essential: true }, acr: { essential: true, values: ['gold'] } },
      }),
      acrValues: ['gold'],
      left: text({ userinfo: { email: null }, id_token: { auth_time: { essential: true } } }),
    },
  ])('$name', ({ claims, acrValues, left }) => {
    const next = askedVoluntarily({ ...base, claims })
    expect(next.acrValues).toEqual(acrValues)
    expect(next.sendAcrValues).toBe(true)
    expect(next.claims).toBe(left)
  })

  it.each([
    ['a voluntary acr claim', text({ id_token: { acr: { values: ['gold'] } } })],
    ['no acr claim', text({ userinfo: { email: null } })],
    ['a claims text with an error', '{"id_token": {"acr": {"essential": true'],
    ['no claims request', ''],
  ])('%s: unchanged', (_, claims) => {
    const config = { ...base, claims }
    expect(askedVoluntarily(config)).toBe(config)
  })
})

describe('withAcrMode: the claims request asks the ACR list off, voluntary or essential', () => {
  const base = { ...defaultConfig(), acrValues: ['silver', 'gold'], sendAcrValues: true }
  const acrOf = (claims: string) =>
    (JSON.parse(claims) as { id_token?: { acr?: unknown } }).id_token?.acr
  it.each([
    { mode: 'voluntary', acr: { values: ['silver', 'gold'] }, sendAcrValues: true },
    // Read alone: acr_values beside an essential acr only earns a warning.
    {
      mode: 'essential',
      acr: { essential: true, values: ['silver', 'gold'] },
      sendAcrValues: false,
    },
  ] as const)('$mode', ({ mode, acr, sendAcrValues }) => {
    const next = withAcrMode(base, mode)
    expect(acrOf(next.claims)).toEqual(acr)
    expect(next.sendAcrValues).toBe(sendAcrValues)
    expect(next.acrValues).toEqual(base.acrValues)
  })

  it('off takes id_token.acr out and keeps the rest of the claims request', () => {
    const claims = JSON.stringify({
      userinfo: { email: null },
      id_token: { acr: { values: ['x'] } },
    })
    const next = withAcrMode({ ...base, claims }, 'off')
    expect(JSON.parse(next.claims)).toEqual({ userinfo: { email: null } })
    expect(next.sendAcrValues).toBe(true)
  })

  it('a claims text with an error: unchanged, as typed', () => {
    const config = { ...base, claims: '{"id_token":' }
    expect(withAcrMode(config, 'essential')).toBe(config)
  })
})

describe('withClaimsText: the text as typed; a valid id_token.acr leads the ACR list', () => {
  const base = { ...defaultConfig(), acrValues: ['bronze'] }
  it.each([
    ['values', '{"id_token":{"acr":{"values":["gold","silver"]}}}', ['gold', 'silver']],
    ['the singular value', '{"id_token":{"acr":{"essential":true,"value":"silver"}}}', ['silver']],
    ['an acr without values', '{"id_token":{"acr":{"essential":true}}}', ['bronze']],
    ['no acr', '{"userinfo":{"email":null}}', ['bronze']],
    ['a text with an error', '{"id_token":{"acr":{"values":["gold"]}', ['bronze']],
    ['an empty text', '', ['bronze']],
  ])('%s', (_, text, acrValues) => {
    const next = withClaimsText(base, text)
    expect(next.claims).toBe(text)
    expect(next.acrValues).toEqual(acrValues)
  })
})
