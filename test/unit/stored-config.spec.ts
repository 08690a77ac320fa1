import { describe, expect, it } from 'vitest'

import { defaultConfig } from '@/lib/config'
import { readStoredConfig, serializeConfig } from '@/lib/stored-config'

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
