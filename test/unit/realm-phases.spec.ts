// buildStepUpModel's phases, each alone on the part of the export it reads.
import { describe, expect, it } from 'vitest'

import {
  exportKind,
  indexFlows,
  readBrowserFlow,
  readClients,
  readClientScopes,
  readBrokers,
  readIdentityProviders,
  readLoaMaps,
  readRequiredActions,
} from '@/lib/keycloak/realm-model'

type Json = Record<string, unknown>

const attrs = (map: unknown): Json => ({ attributes: { 'acr.loa.map': JSON.stringify(map) } })

describe('exportKind', () => {
  it.each<[unknown, 'realm' | 'client' | undefined]>([
    [{ realm: 'r' }, 'realm'],
    [{ clients: [] }, 'realm'],
    [{ authenticationFlows: [] }, 'realm'],
    [{ realm: 'r', clientId: 'c' }, 'realm'],
    [{ clientId: 'c' }, 'client'],
    [{ clientId: 1 }, undefined],
    [{}, undefined],
    [[], undefined],
    ['realm', undefined],
    [null, undefined],
  ])('%j is %s', (value, kind) => expect(exportKind(value)).toBe(kind))
})

describe('readClients', () => {
  it.each<[unknown, string | undefined, string[], boolean, string[]]>([
    // clients, clientId asked, ids, found, notes
    [[{ clientId: 'a' }, { clientId: 'b' }], 'b', ['a', 'b'], true, []],
    [[{ clientId: 'a' }], undefined, ['a'], false, []],
    [[{ clientId: 'a' }], 'x', ['a'], false, ['The export has no client "x".']],
    [[{ clientId: 'a' }, 'junk', { id: 1 }], 'a', ['a'], true, []],
    ['not a list', 'a', [], false, ['The export has no client "a".']],
  ])('%j, asked %s → %j', (clients, clientId, ids, found, expectedNotes) => {
    const notes: string[] = []
    const read = readClients({ clients }, clientId, notes)
    expect(read.clientIds).toEqual(ids)
    expect(read.client !== undefined).toBe(found)
    expect(notes).toEqual(expectedNotes)
  })
})

describe('readLoaMaps', () => {
  it.each<[Json | undefined, Json | undefined, 'client' | 'realm' | 'none', Json]>([
    [attrs({ silver: 2 }), attrs({ low: 1 }), 'client', { low: 1 }],
    [attrs({ silver: 2 }), attrs({}), 'realm', { silver: 2 }],
    [attrs({ silver: 2 }), {}, 'realm', { silver: 2 }],
    [attrs({ silver: 2 }), undefined, 'realm', { silver: 2 }],
    [{}, attrs({ low: 1 }), 'client', { low: 1 }],
    [undefined, attrs({ low: 1 }), 'client', { low: 1 }],
    [{}, {}, 'none', {}],
  ])('realm %j, client %j → the %s map', (realm, client, source, effective) => {
    const info = readLoaMaps(realm, client)
    expect(info.source).toBe(source)
    expect(info.effective).toEqual(effective)
    expect(info.entries).toEqual(Object.entries(effective))
  })

  it('keeps both maps and says what it could not read', () => {
    const info = readLoaMaps(attrs({ silver: 2 }), { attributes: { 'acr.loa.map': '{' } })
    expect(info.realm).toEqual({ silver: 2 })
    expect(info.client).toBeUndefined()
    expect(info.problems).toHaveLength(1)
  })
})

describe('readBrowserFlow', () => {
  const flows = [
    { id: 'id-browser', alias: 'browser', topLevel: true, authenticationExecutions: [] },
    { id: 'id-stepup', alias: 'step-up', topLevel: true, authenticationExecutions: [] },
  ]
  const override = (browser: string) => ({ authenticationFlowBindingOverrides: { browser } })
  it.each<[Json, Json | undefined, string, string | undefined, number]>([
    // realm, client, flowSource, flow alias, notes
    [{ authenticationFlows: flows }, undefined, 'realm-browser', 'browser', 0],
    [{ authenticationFlows: flows, browserFlow: 'step-up' }, {}, 'realm-browser', 'step-up', 0],
    [{ authenticationFlows: flows }, override('id-stepup'), 'client-override', 'step-up', 0],
    [{ authenticationFlows: flows }, override('step-up'), 'client-override-missing', 'browser', 1],
    [{ authenticationFlows: flows }, override('nope'), 'client-override-missing', 'browser', 1],
    [{ authenticationFlows: flows }, override(''), 'realm-browser', 'browser', 0],
    [{ authenticationFlows: [] }, undefined, 'unknown', undefined, 1],
  ])('%j with client %j → %s %s', (realm, client, flowSource, alias, noteCount) => {
    const notes: string[] = []
    const chosen = readBrowserFlow(realm, client, indexFlows(realm, notes), notes)
    expect(chosen.flowSource).toBe(flowSource)
    expect(chosen.flow?.alias).toBe(alias)
    expect(notes).toHaveLength(noteCount)
  })
})

describe('readClientScopes', () => {
  const acrMapper = (config: object) => ({
    name: 'acr',
    protocolMappers: [{ protocolMapper: 'oidc-acr-mapper', config }],
  })
  const amrScope = { name: 'basic', protocolMappers: [{ protocolMapper: 'oidc-amr-mapper' }] }
  it.each<[string, Json, Json | undefined, Json | undefined, string]>([
    [
      'the acr mapper and its settings',
      { clientScopes: [acrMapper({ 'id.token.claim': 'true', 'lightweight.claim': 'false' })] },
      {},
      { mapper: 'present', inIdToken: true, inAccessToken: false, inLightweightAccessToken: false },
      'absent',
    ],
    [
      'an acr scope without mapper',
      { clientScopes: [{ name: 'acr' }] },
      {},
      { mapper: 'absent' },
      'absent',
    ],
    [
      'the amr mapper of a scope the client has',
      { clientScopes: [amrScope] },
      { defaultClientScopes: ['basic'] },
      { mapper: 'absent' },
      'present',
    ],
    [
      'the amr mapper of a scope the client lacks',
      { clientScopes: [amrScope] },
      { defaultClientScopes: ['profile'] },
      { mapper: 'absent' },
      'absent',
    ],
    [
      'no client scopes, the client has an amr mapper',
      {},
      { protocolMappers: [{ protocolMapper: 'oidc-amr-mapper' }] },
      undefined,
      'present',
    ],
    ['no client scopes', {}, undefined, undefined, 'unknown'],
  ])('%s', (_, realm, client, acr, amr) => {
    const read = readClientScopes(realm, client, [])
    expect(read.acrMapper).toEqual(acr)
    expect(read.amrMapper).toBe(amr)
  })
})

describe('readIdentityProviders', () => {
  it.each<[unknown, string[] | undefined]>([
    [
      [{ alias: 'google' }, { alias: 'corp' }],
      ['google', 'corp'],
    ],
    [[{ alias: 1 }, 'x', { alias: 'corp' }], ['corp']],
    [[], []],
    [undefined, undefined],
    ['google', undefined],
  ])('%j → %j', (identityProviders, aliases) => {
    expect(readIdentityProviders({ identityProviders })).toEqual(aliases)
  })
})

describe('readBrokers', () => {
  it.each<[unknown, unknown]>([
    [
      [{ alias: 'up', providerId: 'oidc', config: { forwardParameters: 'acr_values,prompt' } }],
      [{ alias: 'up', providerId: 'oidc', enabled: true, forwardParameters: 'acr_values,prompt' }],
    ],
    [[{ alias: 'off', enabled: false }], [{ alias: 'off', enabled: false }]],
    [[{ alias: 'x', config: 'nope' }, { providerId: 'oidc' }, 7], [{ alias: 'x', enabled: true }]],
    [[], []],
    [undefined, undefined],
    ['up', undefined],
  ])('%j → %j', (identityProviders, brokers) => {
    expect(readBrokers({ identityProviders })).toEqual(brokers)
  })
})

describe('readRequiredActions', () => {
  it.each<[unknown, Record<string, boolean> | undefined]>([
    [[{ providerId: 'CONFIGURE_TOTP', enabled: true }], { CONFIGURE_TOTP: true }],
    [[{ alias: 'webauthn-register', enabled: 'yes' }], { 'webauthn-register': false }],
    [[{ providerId: 'constructor', enabled: true }], {}],
    [[{ enabled: true }], {}],
    [undefined, undefined],
  ])('%j → %j', (requiredActions, enabled) => {
    expect(readRequiredActions({ requiredActions })).toEqual(enabled)
  })
})
