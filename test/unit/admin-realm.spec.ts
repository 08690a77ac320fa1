// src/lib/keycloak/admin-realm.ts: Keycloak admin API answers turned into an export-shaped realm.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import {
  assembleRealm,
  flowsToExpand,
  missingRoles,
  readExecutions,
  type AdminCall,
  type AdminParts,
} from '@/lib/keycloak/admin-realm'
import { buildStepUpModel, parseRealmExport } from '@/lib/keycloak/realm-model'

const FILE = readFileSync(
  new URL('../../keycloak/realm-acr-playground.json', import.meta.url),
  'utf8',
)
const exported = JSON.parse(FILE) as {
  clients: Record<string, unknown>[]
  authenticationFlows: Record<string, unknown>[]
  authenticatorConfig: { alias: string; config: Record<string, string> }[]
}

/** What Keycloak 26.5.6's admin API answers for the realm file (shapes as seen on the server). */
function partsOfFile(overrides: Partial<AdminParts> = {}): AdminParts {
  return {
    realm: {
      realm: 'acr-playground',
      browserFlow: 'browser step-up',
      attributes: { 'acr.loa.map': '{"bronze":1,"silver":2,"gold":3}', cibaInterval: '5' },
      smtpServer: { password: '**********' },
    },
    clients: [{ ...exported.clients[0], secret: 'client-secret-value' }],
    flows: exported.authenticationFlows.map((f) => ({ ...f, id: `id-${String(f.alias)}` })),
    configs: exported.authenticatorConfig.map((c, i) => ({ id: `config-${i}`, ...c })),
    ...overrides,
  }
}

describe('readExecutions', () => {
  it.each([
    ['nothing', [], [], []],
    ['not a list', { flowId: 'x' }, [], []],
    [
      'a sub-flow and its LoA condition',
      [
        { authenticationFlow: true, flowId: 'f1', level: 0 },
        {
          providerId: 'conditional-level-of-authentication',
          authenticationConfig: 'c1',
          level: 1,
        },
      ],
      ['f1'],
      ['c1'],
    ],
    [
      'another authenticator configuration is not read',
      [{ providerId: 'identity-provider-redirector', authenticationConfig: 'secret-config' }],
      [],
      [],
    ],
    [
      'duplicates and junk entries',
      [
        null,
        7,
        { authenticationFlow: true, flowId: 'f1' },
        { authenticationFlow: true, flowId: 'f1' },
      ],
      ['f1'],
      [],
    ],
    ['a flowId without authenticationFlow', [{ flowId: 'f1' }], [], []],
  ])('%s', (_name, info, flowIds, configIds) => {
    expect(readExecutions(info)).toEqual({ flowIds, configIds })
  })
})

describe('missingRoles', () => {
  it.each<[AdminCall[], string[]]>([
    [
      ['realm', 'client', 'flows', 'clientScopes'],
      ['view-realm', 'view-clients'],
    ],
    [['client'], ['view-clients']],
    [['flows', 'config'], ['view-realm']],
    [[], []],
  ])('%j needs %j', (calls, roles) => {
    expect(missingRoles(calls)).toEqual(roles)
  })
})

describe('flowsToExpand', () => {
  const flows = [
    { id: 'b', alias: 'browser' },
    { id: 's', alias: 'browser step-up' },
    { id: 'o', alias: 'override' },
    { id: 'e', alias: 'enforced' },
  ]
  it.each([
    [
      'the realm browser flow',
      { browserFlow: 'browser step-up' },
      {},
      undefined,
      ['browser step-up'],
    ],
    ['"browser" when the realm names none', {}, {}, undefined, ['browser']],
    [
      "the client's override, by id",
      { browserFlow: 'browser' },
      { authenticationFlowBindingOverrides: { browser: 'o' } },
      undefined,
      ['browser', 'override'],
    ],
    [
      'a flow a client policy enforces (global profiles too)',
      { browserFlow: 'browser' },
      {},
      {
        profiles: [],
        globalProfiles: [
          {
            executors: [
              { executor: 'auth-flow-enforcer', configuration: { 'auth-flow-alias': 'enforced' } },
            ],
          },
        ],
      },
      ['browser', 'enforced'],
    ],
    ['a browser flow Keycloak does not list', { browserFlow: 'gone' }, {}, undefined, []],
    ['hostile input', 'x', null, 7, ['browser']],
  ])('%s', (_name, realm, client, profiles, expected) => {
    expect(flowsToExpand(realm, client, profiles, flows)).toEqual(expected)
  })
})

describe('assembleRealm', () => {
  it('gives the model of the export file: map, levels, default and minimum ACR, acr scope', () => {
    const live = buildStepUpModel(assembleRealm(partsOfFile()), 'acr-playground')
    const file = parseRealmExport(FILE, 'acr-playground')
    if (!live.ok || !file.ok) throw new Error('both must read')
    expect(live.value.loaMap).toEqual(file.value.loaMap)
    expect(live.value.flow?.levels).toEqual(file.value.flow?.levels)
    expect(live.value.defaultAcrValues).toEqual(file.value.defaultAcrValues)
    expect(live.value.minimumAcrValue).toEqual(file.value.minimumAcrValue)
    expect(live.value.acrScope.client).toBe(file.value.acrScope.client)
    expect(live.value.flow?.levels.map((l) => l.acrNames)).toEqual([
      ['bronze'],
      ['silver'],
      ['gold'],
    ])
  })

  it.each([
    ['the client secret', 'client-secret-value'],
    ['realm attributes other than acr.loa.map', 'cibaInterval'],
    ['the SMTP settings', 'smtpServer'],
    ['redirect URIs', 'redirectUris'],
  ])('drops %s', (_name, text) => {
    expect(JSON.stringify(assembleRealm(partsOfFile()))).not.toContain(text)
  })

  it.each([
    [
      'an identity provider keeps its alias, not its configuration',
      { identityProviders: [{ alias: 'corp', enabled: true, config: { clientSecret: 's3cr3t' } }] },
      's3cr3t',
    ],
    [
      'a non-acr mapper keeps no configuration',
      {
        clientScopes: [
          {
            name: 'x',
            protocolMappers: [
              { protocolMapper: 'oidc-hardcoded-claim-mapper', config: { 'claim.value': 'hush' } },
            ],
          },
        ],
      },
      'hush',
    ],
    [
      'a policy condition other than acr keeps no configuration',
      {
        policies: {
          policies: [
            {
              name: 'p',
              conditions: [{ condition: 'client-roles', configuration: { roles: ['hush'] } }],
            },
          ],
        },
      },
      'hush',
    ],
  ])('%s', (_name, overrides, secret) => {
    const text = JSON.stringify(assembleRealm(partsOfFile(overrides)))
    expect(text).not.toContain(secret)
  })

  it('reads the acr mapper of the acr scope, with its flags', () => {
    const realm = assembleRealm(
      partsOfFile({
        clientScopes: [
          {
            name: 'acr',
            protocolMappers: [
              {
                protocolMapper: 'oidc-acr-mapper',
                config: { 'id.token.claim': 'true', 'lightweight.claim': 'false' },
              },
            ],
          },
        ],
      }),
    )
    const model = buildStepUpModel(realm, 'acr-playground')
    expect(model.ok && model.value.acrScope).toMatchObject({
      client: 'default',
      mapper: 'present',
      inIdToken: true,
      inLightweightAccessToken: false,
    })
  })

  it.each([
    ['nothing', { realm: undefined, clients: undefined, flows: [], configs: [] }],
    ['junk', { realm: 7, clients: 'x', flows: [null, 3], configs: [[], 'y'], policies: [] }],
    [
      'prototype keys',
      {
        realm: JSON.parse('{"__proto__":{"x":1},"realm":"r"}'),
        clients: [],
        flows: [],
        configs: [],
      },
    ],
  ])('hostile input (%s) still gives a realm the model reads', (_name, parts) => {
    const realm = assembleRealm(parts as AdminParts)
    expect(buildStepUpModel(realm, 'acr-playground').ok).toBe(true)
  })
})
