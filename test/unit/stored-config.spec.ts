import { describe, expect, it } from 'vitest'

import { defaultConfig, type PlaygroundConfig } from '@/lib/request/config'
import { readStoredConfig, serializeConfig } from '@/lib/storage/stored-config'
import { cpuScaledMs } from '../fixtures/cpu-budget'

describe('readStoredConfig', () => {
  it('gives the demo defaults when nothing is stored', () => {
    expect(readStoredConfig(null)).toEqual({
      config: defaultConfig(),
      problems: [],
      unreadable: false,
    })
  })

  it('round-trips a configuration', () => {
    const config = {
      ...defaultConfig(),
      mode: 'keycloak' as const,
      maxAge: 0,
      acrValues: ['gold', 'silver'],
    }
    expect(readStoredConfig(serializeConfig(config))).toEqual({
      config,
      problems: [],
      unreadable: false,
    })
  })

  it.each([
    ['{not json', /not JSON/],
    ['[1,2]', /not an object/],
    ['null', /not an object/],
    ['{"version":"1","config":{}}', /unknown shape/],
    ['{"version":1,"config":null}', /unknown shape/],
  ])('sets aside %s and says so', (raw, message) => {
    const loaded = readStoredConfig(raw)
    expect(loaded.config).toEqual(defaultConfig())
    expect(loaded.unreadable).toBe(true)
    expect(loaded.problems.join(' ')).toMatch(message)
  })

  it('loads the good fields of a damaged entry and names the bad ones', () => {
    const raw = JSON.stringify({
      version: 1,
      config: {
        ...defaultConfig(),
        clientId: 'web',
        issuer: 'javascript:alert(1)',
        maxAge: -3,
        acrValues: 'gold',
      },
    })
    const loaded = readStoredConfig(raw)
    expect(loaded.config.clientId).toBe('web')
    expect(loaded.config.issuer).toBe(defaultConfig().issuer)
    expect(loaded.config.maxAge).toBeNull()
    expect(loaded.problems).toHaveLength(3)
    for (const field of ['issuer', 'max_age', 'ACR values'])
      expect(loaded.problems.join(' ')).toContain(field)
  })

  it('migrates an unversioned entry (the fields at the top level)', () => {
    const loaded = readStoredConfig(JSON.stringify({ clientId: 'legacy', acrValues: ['gold'] }))
    expect(loaded.config).toEqual({ ...defaultConfig(), clientId: 'legacy', acrValues: ['gold'] })
    expect(loaded.problems.join(' ')).toMatch(/older version/)
  })

  it('reads what it knows of a newer schema', () => {
    const loaded = readStoredConfig(
      JSON.stringify({ version: 9, config: { clientId: 'next', futureField: 1 } }),
    )
    expect(loaded.config.clientId).toBe('next')
    expect(loaded.problems.join(' ')).toMatch(/newer version/)
  })
})

describe('readStoredConfig keeps a claims draft', () => {
  it('loads a claims text with a mistake as it was typed', () => {
    const config = { ...defaultConfig(), claims: '{"id_token": ' }
    expect(readStoredConfig(serializeConfig(config)).config.claims).toBe('{"id_token": ')
  })
})

describe('readStoredConfig holds every field to the link limits', () => {
  const stored = (fields: Record<string, unknown>) =>
    JSON.stringify({ version: 1, config: { ...defaultConfig(), clientId: 'kept', ...fields } })
  const manyNames = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`acr${i}`, i % 5]))

  it.each<[string, string, keyof PlaygroundConfig, RegExp]>([
    [
      'a 60,000-name map',
      stored({ loaMap: manyNames(60_000) }),
      'loaMap',
      /60000 names; a map may have at most 200/,
    ],
    [
      'a map name of 300 characters',
      stored({ loaMap: { ['n'.repeat(300)]: 1 } }),
      'loaMap',
      /names are at most 256/,
    ],
    [
      'a map with a __proto__ name',
      '{"version":1,"config":{"clientId":"kept","loaMap":{"__proto__":{"polluted":1}}}}',
      'loaMap',
      /may not use __proto__/,
    ],
    [
      'a map level past a Java int',
      stored({ loaMap: { gold: 2 ** 40 } }),
      'loaMap',
      /0 to 2147483647/,
    ],
    [
      'a claims text over 8192 characters',
      stored({ claims: `{${' '.repeat(9000)}}` }),
      'claims',
      /9002 characters long; at most 8192/,
    ],
    [
      'a claims text nesting 3000 deep',
      stored({ claims: `${'['.repeat(3000)}${']'.repeat(3000)}` }),
      'claims',
      /nests deeper than 16 levels/,
    ],
    [
      '1,000 ACR values',
      stored({ acrValues: Array.from({ length: 1000 }, (_, i) => `l${i}`) }),
      'acrValues',
      /1000 values; at most 50/,
    ],
    [
      'a 3000-character issuer',
      stored({ issuer: `https://x.example/${'a'.repeat(3000)}` }),
      'issuer',
      /longer than 2048/,
    ],
    [
      'a 3000-character API URL',
      stored({ apiUrl: `https://x.example/${'a'.repeat(3000)}` }),
      'apiUrl',
      /longer than 2048/,
    ],
    [
      'a 100,000-character login_hint',
      stored({ loginHint: 'x'.repeat(100_000) }),
      'loginHint',
      /longer than 2048/,
    ],
  ])('resets %s alone, says why with the limit, and keeps the rest', (_, raw, field, reason) => {
    const started = performance.now()
    const loaded = readStoredConfig(raw)
    const took = performance.now() - started
    expect(took).toBeLessThan(took < 200 ? 200 : cpuScaledMs(200))
    expect(loaded.unreadable).toBe(false)
    expect(loaded.config[field]).toEqual(defaultConfig()[field])
    expect(loaded.config.clientId).toBe('kept')
    expect(loaded.problems).toHaveLength(1)
    expect(loaded.problems[0]).toMatch(reason)
    expect(loaded.problems[0]).toMatch(/It was reset to its default\.$/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each<[string, string]>([
    [
      'a field nesting a million deep',
      `{"version":1,"config":{"clientId":"kept","x":${'['.repeat(1e6)}${']'.repeat(1e6)}}}`,
    ],
    [
      'a top-level __proto__',
      '{"__proto__":{"polluted":1},"version":1,"config":{"clientId":"kept"}}',
    ],
    [
      'a config __proto__',
      '{"version":1,"config":{"__proto__":{"clientId":"evil","polluted":1},"clientId":"kept"}}',
    ],
    [
      '10,000 unknown fields',
      JSON.stringify({ version: 1, config: { clientId: 'kept', ...manyNames(10_000) } }),
    ],
  ])('loads what it can of %s, without pollution', (_, raw) => {
    const loaded = readStoredConfig(raw)
    expect(loaded.config.clientId).toBe('kept')
    expect(loaded.problems).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
