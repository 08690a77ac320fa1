// src/lib/keycloak/realm-model.ts: reading a Keycloak realm (or client) export into the step-up model.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import {
  buildStepUpModel,
  javaParseInt,
  parseRealmExport,
  REALM_LIMITS,
  splitMultivalued,
  type StepUpModel,
} from '@/lib/keycloak/realm-model'
import { realmExport, type Factor, type LevelSpec } from '../fixtures/realm'

const FIXTURE = readFileSync(
  new URL('../../keycloak/realm-acr-playground.json', import.meta.url),
  'utf8',
)

const realmJson = realmExport

const TWO_LEVELS: LevelSpec[] = [
  { level: 1, factors: ['auth-username-password-form'] },
  { level: 2, maxAge: 300, factors: ['auth-otp-form'] },
]

function model(json: unknown, clientId = 'web'): StepUpModel {
  const result = buildStepUpModel(json, clientId)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('parseRealmExport: the playground realm', () => {
  const read = (clientId: string) => {
    const result = parseRealmExport(FIXTURE, clientId)
    if (!result.ok) throw new Error(result.error)
    return result.value
  }

  it('finds the flow that serves the client and its three levels', () => {
    const m = read('acr-playground')
    expect(m.realm).toBe('acr-playground')
    expect(m.flowSource).toBe('realm-browser')
    expect(m.flow?.alias).toBe('browser step-up')
    expect(m.flow?.hasCookie).toBe(true)
    expect(m.flow?.hasIdpRedirector).toBe(true)
    expect(
      m.flow?.levels.map((l) => [
        l.level,
        l.maxAge,
        l.requirement,
        l.authenticators.map((a) => a.kind),
        l.acrNames,
      ]),
    ).toEqual([
      [1, 36000, 'CONDITIONAL', ['password'], ['bronze']],
      [2, 20, 'CONDITIONAL', ['otp'], ['silver']],
      [3, 0, 'CONDITIONAL', ['webauthn'], ['gold']],
    ])
  })

  it('takes the realm acr.loa.map when the client has none', () => {
    const m = read('acr-playground')
    expect(m.loaMap.source).toBe('realm')
    expect(m.loaMap.entries).toEqual([
      ['bronze', 1],
      ['silver', 2],
      ['gold', 3],
    ])
  })

  it.each<[string, string | undefined]>([
    ['acr-playground', undefined],
    ['acr-playground-min-silver', 'silver'],
  ])('reads the minimum ACR value of %s', (clientId, minimum) => {
    expect(read(clientId).minimumAcrValue).toBe(minimum)
    expect(read(clientId).defaultAcrValues).toEqual([])
  })

  it.each([
    ['acr-playground', 'default'],
    ['acr-playground-no-acr', 'absent'],
  ])('knows whether %s has the acr client scope', (clientId, scope) => {
    expect(read(clientId).acrScope.client).toBe(scope)
  })

  it('reads which credential registrations are enabled', () => {
    expect(read('acr-playground').requiredActions).toMatchObject({
      CONFIGURE_TOTP: false,
      'webauthn-register': true,
    })
  })

  it('says the built-in client scopes are not in the export', () => {
    const m = read('acr-playground')
    expect(m.acrScope.mapper).toBe('unknown')
    expect(m.notes.join(' ')).toMatch(/no client scopes/)
  })

  it('names a client that is not there', () => {
    const m = read('nope')
    expect(m.clientFound).toBe(false)
    expect(m.clientIds).toContain('acr-playground-min-silver')
    expect(m.notes.join(' ')).toMatch(/no client "nope"/)
  })
})

describe('buildStepUpModel: which acr.loa.map wins', () => {
  it.each<[string, unknown, string | undefined, string, Record<string, number>]>([
    ['the client map', { bronze: 1 }, '{"copper":1,"steel":2}', 'client', { copper: 1, steel: 2 }],
    ['the realm map for an empty client map', { bronze: 1 }, '{}', 'realm', { bronze: 1 }],
    ['the realm map for a broken client map', { bronze: 1 }, '{nope', 'realm', { bronze: 1 }],
    ['the realm map without a client map', { bronze: 1 }, undefined, 'realm', { bronze: 1 }],
    ['no map at all', undefined, undefined, 'none', {}],
    ['string levels as numbers', undefined, '{"a":"2"}', 'client', { a: 2 }],
  ])('uses %s', (_, realmMap, clientMap, source, effective) => {
    const m = model(
      realmJson(TWO_LEVELS, {
        realmMap,
        client: { attributes: clientMap === undefined ? {} : { 'acr.loa.map': clientMap } },
      }),
    )
    expect(m.loaMap.source).toBe(source)
    expect(m.loaMap.effective).toEqual(effective)
  })

  it.each([
    ['not JSON', '{nope', /not JSON/],
    ['an array', '[1]', /not a JSON object/],
    ['a fraction', '{"a":1.5}', /not a whole number/],
    ['a word as level', '{"a":"high"}', /not a whole number/],
  ])('explains a realm map that is %s', (_, text, problem) => {
    const m = model(realmJson(TWO_LEVELS, { realmMap: text }))
    expect(m.loaMap.source).toBe('none')
    expect(m.loaMap.problems.join(' ')).toMatch(problem)
  })

  it('keeps the order the map was written in', () => {
    const m = model(realmJson(TWO_LEVELS, { realmMap: '{"zeta":1,"alpha":1,"mid":2}' }))
    expect(m.loaMap.entries.map(([acr]) => acr)).toEqual(['zeta', 'alpha', 'mid'])
    expect(m.flow?.levels[0]?.acrNames).toEqual(['zeta', 'alpha'])
  })
})

describe('buildStepUpModel: the flow that serves the client', () => {
  const withOverride = (override: string) =>
    realmJson(TWO_LEVELS, {
      client: { authenticationFlowBindingOverrides: { browser: override } },
      extra: {
        authenticationFlows: [
          ...realmJson(TWO_LEVELS).authenticationFlows,
          {
            id: 'plain-id',
            alias: 'plain',
            authenticationExecutions: [
              { authenticator: 'auth-username-password-form', requirement: 'REQUIRED' },
            ],
          },
        ],
      },
    })

  it.each([
    ['an override by id', 'plain-id', 'client-override', 'plain', 0],
    ['an override naming no flow', 'gone', 'client-override-missing', 'step-up', 2],
    ['an override written as an alias', 'plain', 'client-override-missing', 'step-up', 2],
  ])('follows %s', (_, override, source, alias, levels) => {
    const m = model(withOverride(override))
    expect(m.flowSource).toBe(source)
    expect(m.flow?.alias).toBe(alias)
    expect(m.flow?.levels).toHaveLength(levels)
    expect(m.realmBrowserFlow?.alias).toBe('step-up')
  })

  it('says an alias is not a flow id', () => {
    expect(model(withOverride('plain')).notes.join(' ')).toMatch(/is a flow alias/)
  })

  it.each<[string, LevelSpec, Partial<{ level: number; maxAge: number }>, RegExp | undefined]>([
    ['a plain level', { level: 2, maxAge: 60, factors: [] }, { level: 2, maxAge: 60 }, undefined],
    [
      'the Keycloak 17 option',
      { config: { 'loa-condition-level': '1', 'loa-store-in-user-session': 'true' }, factors: [] },
      { level: 1, maxAge: 36000 },
      /Keycloak 17/,
    ],
    [
      'a max age that is not a number',
      { level: 1, maxAge: 'soon', factors: [] },
      { level: 1, maxAge: 0 },
      /falls back to 0/,
    ],
    ['no configuration', { config: null, factors: [] }, { maxAge: 0 }, /no configuration/],
  ])('reads %s', (_, spec, expected, note) => {
    const level = model(realmJson([spec])).flow?.levels[0]
    expect(level).toMatchObject(expected)
    if (note) expect(level?.maxAgeNote).toMatch(note)
    else expect(level?.maxAgeNote).toBeUndefined()
  })

  it('reads a level without a number as no level', () => {
    const m = model(realmJson([{ config: { 'loa-condition-level': 'gold' }, factors: [] }]))
    expect(m.flow?.levels[0]?.level).toBeUndefined()
  })

  it.each<[string, Factor[], string[]]>([
    ['password and OTP', ['auth-username-password-form', 'auth-otp-form'], ['password', 'otp']],
    ['a passkey', ['webauthn-authenticator-passwordless'], ['passkey']],
    [
      'a disabled step left out',
      [['auth-otp-form', 'DISABLED'], 'webauthn-authenticator'],
      ['webauthn'],
    ],
    ['an unknown authenticator', ['my-sms'], ['other']],
  ])('describes %s', (_, factors, kinds) => {
    const level = model(realmJson([{ level: 1, factors }])).flow?.levels[0]
    expect(level?.authenticators.map((a) => a.kind)).toEqual(kinds)
  })

  it('records a level sub-flow that is not CONDITIONAL', () => {
    const m = model(realmJson([{ level: 1, factors: [], requirement: 'REQUIRED' }]))
    expect(m.flow?.levels[0]?.requirement).toBe('REQUIRED')
  })
})

describe('buildStepUpModel: client settings, scopes, policies', () => {
  it.each<[string, string, string[]]>([
    ['two values', 'silver##gold', ['silver', 'gold']],
    ['spaces around ##', 'silver ## gold', ['silver', 'gold']],
    ['a trailing ##', 'silver##', ['silver']],
    ['URLs', 'https://a/loa/1##urn:x:2', ['https://a/loa/1', 'urn:x:2']],
  ])('splits default ACR values with %s', (_, attribute, values) => {
    const m = model(
      realmJson(TWO_LEVELS, { client: { attributes: { 'default.acr.values': attribute } } }),
    )
    expect(m.defaultAcrValues).toEqual(values)
  })

  it('reads a JSON list of default ACR values as Keycloak does: one value', () => {
    const m = model(
      realmJson(TWO_LEVELS, { client: { attributes: { 'default.acr.values': '["a","b"]' } } }),
    )
    expect(m.defaultAcrValues).toEqual(['["a","b"]'])
    expect(m.notes.join(' ')).toMatch(/looks like JSON/)
  })

  const scopes = (mapperConfig: Record<string, string> | undefined, extra: unknown[] = []) => ({
    clientScopes: [
      {
        name: 'acr',
        protocolMappers:
          mapperConfig === undefined
            ? []
            : [{ name: 'acr loa level', protocolMapper: 'oidc-acr-mapper', config: mapperConfig }],
      },
      ...extra,
    ],
  })

  it.each<[string, Record<string, unknown>, Partial<StepUpModel['acrScope']>]>([
    [
      'the built-in acr mapper',
      scopes({ 'id.token.claim': 'true', 'access.token.claim': 'true' }),
      { mapper: 'present', inLightweightAccessToken: false, inIdToken: true },
    ],
    [
      'a mapper marked for lightweight tokens',
      scopes({ 'id.token.claim': 'true', 'lightweight.claim': 'true' }),
      { mapper: 'present', inLightweightAccessToken: true },
    ],
    ['an acr scope without mapper', scopes(undefined), { mapper: 'absent' }],
  ])('reads %s', (_, extra, expected) => {
    expect(model(realmJson(TWO_LEVELS, { extra })).acrScope).toMatchObject(expected)
  })

  it.each([
    ['in a scope of the client', ['basic'], 'present'],
    ['only in a scope the client lacks', ['other'], 'absent'],
  ])('finds the AMR mapper %s', (_, scopeNames, presence) => {
    const amrScope = {
      name: scopeNames[0],
      protocolMappers: [{ protocolMapper: 'oidc-amr-mapper', config: {} }],
    }
    const m = model(realmJson(TWO_LEVELS, { extra: scopes({}, [amrScope]) }))
    expect(m.amrMapper).toBe(presence)
  })

  it('reads the lightweight access token setting and policy', () => {
    const m = model(
      realmJson(TWO_LEVELS, {
        client: { attributes: { 'client.use.lightweight.access.token.enabled': 'true' } },
        extra: {
          clientProfiles: {
            profiles: [{ name: 'lw', executors: [{ executor: 'use-lightweight-access-token' }] }],
          },
          clientPolicies: { policies: [{ name: 'p', enabled: true, profiles: ['lw'] }] },
        },
      }),
    )
    expect(m.lightweightAccessToken).toEqual({ clientAttribute: true, byPolicy: true })
  })

  it('reads a client policy that binds a flow to an ACR', () => {
    const policies = {
      clientProfiles: JSON.stringify({
        profiles: [
          {
            name: 'gold-flow',
            executors: [
              {
                executor: 'auth-flow-enforcer',
                configuration: { 'auth-flow-alias': 'levels', 'auth-flow-loa': 3 },
              },
            ],
          },
        ],
      }),
      clientPolicies: {
        policies: [
          {
            name: 'gold',
            enabled: true,
            conditions: [
              { condition: 'acr-condition', configuration: { 'acr-property': 'gold' } },
              { condition: 'client-roles', configuration: {} },
            ],
            profiles: ['gold-flow'],
          },
        ],
      },
    }
    const [policy] = model(realmJson(TWO_LEVELS, { extra: policies })).acrFlowPolicies
    expect(policy).toMatchObject({
      policy: 'gold',
      acr: 'gold',
      flowAlias: 'levels',
      flowLoa: 3,
      otherConditions: ['client-roles'],
    })
    expect(policy?.flow?.levels).toHaveLength(2)
  })

  it('reads a bare client export', () => {
    const result = parseRealmExport(
      JSON.stringify({
        clientId: 'solo',
        attributes: {
          'acr.loa.map': '{"a":1}',
          'default.acr.values': 'a',
          'minimum.acr.value': 'a',
        },
      }),
    )
    expect(result.ok && result.value).toMatchObject({
      input: 'client',
      clientId: 'solo',
      loaMap: { source: 'client', effective: { a: 1 } },
      defaultAcrValues: ['a'],
      minimumAcrValue: 'a',
      flowSource: 'unknown',
    })
  })
})

describe('parseRealmExport: hostile input', () => {
  it.each([
    ['not JSON', '{', /Not JSON/],
    ['empty text', '   ', /Paste/],
    ['null', 'null', /JSON object/],
    ['a number', '42', /JSON object/],
    ['a string', '"realm"', /JSON object/],
    ['an empty list', '[]', /one realm/],
    ['a list of two realms', '[{"realm":"a"},{"realm":"b"}]', /one realm/],
    ['neither realm nor client', '{"hello":"world"}', /neither a realm/],
  ])('refuses %s', (_, text, error) => {
    const result = parseRealmExport(text)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(error)
  })

  it('refuses text over the size limit before parsing it', () => {
    const huge = '{"realm":"r","x":"' + 'a'.repeat(REALM_LIMITS.maxTextChars) + '"}'
    const result = parseRealmExport(huge)
    expect(!result.ok && result.error).toMatch(/larger than 5 MB/)
  })

  it('reads a list holding one realm', () => {
    const result = parseRealmExport(JSON.stringify([realmJson(TWO_LEVELS)]), 'web')
    expect(result.ok && result.value.flow?.levels).toHaveLength(2)
  })

  it('never touches Object.prototype through __proto__ keys', () => {
    const text =
      '{"realm":"r","__proto__":{"polluted":1},"attributes":{"acr.loa.map":"{\\"__proto__\\":{\\"polluted\\":2},\\"constructor\\":1,\\"gold\\":3}"},' +
      '"clients":[{"clientId":"web","attributes":{"__proto__":"x"}}],' +
      '"authenticatorConfig":[{"alias":"c","config":{"__proto__":{"polluted":3}}}],' +
      '"requiredActions":[{"providerId":"__proto__","enabled":true}]}'
    const result = parseRealmExport(text, 'web')
    expect(result.ok).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(result.ok && result.value.loaMap.entries).toEqual([['gold', 3]])
    expect(result.ok && result.value.loaMap.problems.join(' ')).toMatch(/__proto__/)
  })

  it.each<[string, Record<string, unknown>]>([
    ['clients not a list', { clients: 'web' }],
    ['flows not a list', { authenticationFlows: { alias: 'x' } }],
    ['attributes not an object', { attributes: ['acr.loa.map'] }],
    ['a browser flow that is a number', { browserFlow: 7 }],
    [
      'executions of the wrong type',
      { authenticationFlows: [{ alias: 'step-up', authenticationExecutions: 'x' }] },
    ],
    ['null entries', { clients: [null], authenticationFlows: [null], authenticatorConfig: [null] }],
    ['client scopes of the wrong type', { clientScopes: [{ name: 'acr', protocolMappers: 'x' }] }],
    ['policies that are not JSON', { clientPolicies: '{nope' }],
  ])('reads a realm with %s without throwing', (_, broken) => {
    const result = buildStepUpModel({ ...realmJson(TWO_LEVELS), ...broken }, 'web')
    expect(result.ok).toBe(true)
  })

  it('follows a flow that contains itself only once', () => {
    const json = realmJson(TWO_LEVELS)
    json.authenticationFlows.push({
      alias: 'loop',
      authenticationExecutions: [
        { authenticatorFlow: true, flowAlias: 'loop', requirement: 'REQUIRED' },
      ],
    } as never)
    const result = buildStepUpModel({ ...json, browserFlow: 'loop' }, 'web')
    expect(result.ok && result.value.notes.join(' ')).toMatch(/contains itself/)
  })

  it('stops at the nesting limit', () => {
    const depth = REALM_LIMITS.maxFlowDepth + 5
    const flows = Array.from({ length: depth }, (_, i) => ({
      alias: `f${i}`,
      authenticationExecutions: [
        { authenticatorFlow: true, flowAlias: `f${i + 1}`, requirement: 'REQUIRED' },
      ],
    }))
    const result = buildStepUpModel({ realm: 'r', browserFlow: 'f0', authenticationFlows: flows })
    expect(result.ok && result.value.notes.join(' ')).toMatch(/nest deeper/)
  })

  it('caps the number of clients read', () => {
    const clients = Array.from({ length: REALM_LIMITS.maxClients + 1 }, (_, i) => ({
      clientId: `c${i}`,
    }))
    const result = buildStepUpModel({ realm: 'r', clients }, `c${REALM_LIMITS.maxClients}`)
    expect(result.ok && result.value.clientFound).toBe(false)
    expect(result.ok && result.value.notes.join(' ')).toMatch(/Only the first 2000 of 2001 clients/)
  })

  it('caps the executions of one flow', () => {
    const json = realmJson([
      {
        level: 1,
        factors: Array.from(
          { length: REALM_LIMITS.maxExecutionsPerFlow + 10 },
          () => 'auth-otp-form',
        ),
      },
    ])
    const m = model(json)
    expect(m.flow?.levels[0]?.authenticators.length).toBeLessThan(REALM_LIMITS.maxExecutionsPerFlow)
    expect(m.notes.join(' ')).toMatch(/Only the first 200/)
  })
})

describe('small readers', () => {
  it.each<[string, number | undefined]>([
    ['2', 2],
    ['+3', 3],
    ['-1', -1],
    ['007', 7],
    ['2147483648', undefined],
    ['1.0', undefined],
    [' 2', undefined],
    ['', undefined],
    ['gold', undefined],
  ])('Java Integer.parseInt(%j) is %s', (text, n) => {
    expect(javaParseInt(text)).toBe(n)
  })

  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['a', ['a']],
    ['a##b##c', ['a', 'b', 'c']],
  ])('splitMultivalued(%j)', (text, values) => {
    expect(splitMultivalued(text)).toEqual(values)
  })
})
