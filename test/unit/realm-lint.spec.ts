// src/lib/keycloak/realm-lint.ts: step-up mistakes a realm export shows, with the admin-console fix.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { buildStepUpModel, parseRealmExport, type StepUpModel } from '@/lib/keycloak/realm-model'
import { lintRealm } from '@/lib/keycloak/realm-lint'
import { realmExport, type LevelSpec } from '../fixtures/realm'

const FIXTURE = readFileSync(
  new URL('../../keycloak/realm-acr-playground.json', import.meta.url),
  'utf8',
)

type Json = Record<string, unknown> & { authenticationFlows: Record<string, unknown>[] }

/** A clean step-up realm: cookie, then CONDITIONAL level sub-flows; `change` breaks one thing. */
function realmJson(levels: LevelSpec[] = CLEAN_LEVELS): Json {
  return realmExport(levels, {
    realmMap: '{"bronze":1,"silver":2}',
    client: { optionalClientScopes: undefined },
    names: (_, i) => ({ flow: `L${i}`, config: `c${i}` }),
    extra: {
      clientScopes: [
        {
          name: 'acr',
          protocolMappers: [
            {
              protocolMapper: 'oidc-acr-mapper',
              config: { 'id.token.claim': 'true', 'access.token.claim': 'true' },
            },
          ],
        },
      ],
      requiredActions: [
        { providerId: 'CONFIGURE_TOTP', enabled: true },
        { providerId: 'webauthn-register', enabled: true },
      ],
    },
  })
}

const CLEAN_LEVELS: LevelSpec[] = [
  { level: 1, factors: ['auth-username-password-form'] },
  { level: 2, maxAge: 300, factors: ['auth-otp-form'] },
]

function client(json: Json): Record<string, unknown> {
  return (json.clients as Record<string, unknown>[])[0] as Record<string, unknown>
}

function flow(
  json: Json,
  alias: string,
): Record<string, unknown> & { authenticationExecutions: unknown[] } {
  return json.authenticationFlows.find((f) => f.alias === alias) as never
}

function lint(json: unknown, clientId = 'web') {
  const result = buildStepUpModel(json, clientId)
  if (!result.ok) throw new Error(result.error)
  return lintRealm(result.value)
}

const ids = (json: unknown) => lint(json).map((w) => w.id)

describe('lintRealm', () => {
  it('finds nothing wrong in a clean step-up realm', () => {
    expect(lint(realmJson())).toEqual([])
  })

  it.each<[string, string[]]>([
    ['acr-playground', ['idp-redirector']],
    ['acr-playground-min-silver', ['idp-redirector']],
    ['acr-playground-no-acr', ['idp-redirector', 'no-acr-scope']],
  ])('reads the playground realm for %s', (clientId, expected) => {
    const result = parseRealmExport(FIXTURE, clientId)
    if (!result.ok) throw new Error(result.error)
    expect(lintRealm(result.value).map((w) => w.id)).toEqual(expected)
  })

  it.each<[string, () => Json, string, RegExp?]>([
    [
      'levels out of order',
      () => realmJson([CLEAN_LEVELS[1] as LevelSpec, CLEAN_LEVELS[0] as LevelSpec]),
      'levels-not-increasing',
    ],
    [
      'a level twice',
      () =>
        realmJson([
          { level: 1, factors: ['auth-otp-form'] },
          { level: 1, factors: ['auth-otp-form'] },
        ]),
      'levels-not-increasing',
      /appears twice/,
    ],
    ['a level that asks nothing', () => realmJson([{ level: 1, factors: [] }]), 'level-empty'],
    [
      'a condition without a numeric level',
      () => realmJson([{ level: 'gold', factors: ['auth-otp-form'] }]),
      'level-no-number',
    ],
    [
      'a level sub-flow that is Required',
      () => realmJson([{ level: 1, factors: ['auth-otp-form'], requirement: 'REQUIRED' }]),
      'subflow-not-conditional',
    ],
    [
      'two level conditions in one sub-flow',
      () =>
        realmJson([
          { level: 1, factors: ['conditional-level-of-authentication', 'auth-otp-form'] },
        ]),
      'level-two-conditions',
    ],
    [
      'a max age that is not a number',
      () => realmJson([{ level: 1, maxAge: 'long', factors: ['auth-otp-form'] }]),
      'level-max-age',
      /falls back to 0/,
    ],
    [
      'a level no name maps to',
      () => realmJson([...CLEAN_LEVELS, { level: 3, factors: ['webauthn-authenticator'] }]),
      'level-without-name',
      /says "silver" \(the name of a lower level\)/,
    ],
    [
      'a name that maps to no level',
      () => ({ ...realmJson(), attributes: { 'acr.loa.map': '{"bronze":1,"silver":2,"gold":3}' } }),
      'map-name-without-level',
      /"gold" \(3\)/,
    ],
    [
      'a Conditional sub-flow without condition among the levels',
      () => {
        const json = realmJson()
        flow(json, 'levels').authenticationExecutions.push({
          authenticatorFlow: true,
          flowAlias: 'stray',
          requirement: 'CONDITIONAL',
        })
        json.authenticationFlows.push({
          alias: 'stray',
          authenticationExecutions: [{ authenticator: 'auth-otp-form', requirement: 'REQUIRED' }],
        })
        return json
      },
      'subflow-no-condition',
      /"stray"/,
    ],
    [
      'a flow without levels',
      () => ({
        ...realmJson(),
        browserFlow: 'levels-less',
        authenticationFlows: [
          ...realmJson().authenticationFlows,
          {
            alias: 'levels-less',
            authenticationExecutions: [
              { authenticator: 'auth-username-password-form', requirement: 'REQUIRED' },
            ],
          },
        ],
      }),
      'no-levels',
    ],
    [
      'a level condition set to Disabled',
      () => {
        const json = realmJson()
        const level = flow(json, 'L0').authenticationExecutions[0] as Record<string, unknown>
        level.requirement = 'DISABLED'
        const other = flow(json, 'L1').authenticationExecutions[0] as Record<string, unknown>
        other.requirement = 'DISABLED'
        return json
      },
      'condition-disabled',
    ],
    [
      'the built-in browser flow edited',
      () => {
        const json = realmJson()
        const top = flow(json, 'step-up')
        top.alias = 'browser'
        top.builtIn = true
        return { ...json, browserFlow: 'browser' }
      },
      'builtin-browser',
      /Duplicate/,
    ],
    [
      'a client override without levels',
      () => {
        const json = realmJson()
        json.authenticationFlows.push({
          id: 'plain-id',
          alias: 'plain',
          authenticationExecutions: [
            { authenticator: 'auth-username-password-form', requirement: 'REQUIRED' },
          ],
        })
        client(json).authenticationFlowBindingOverrides = { browser: 'plain-id' }
        return json
      },
      'override-bypasses-loa',
      /never steps up/,
    ],
    [
      'a client override naming no flow',
      () => {
        const json = realmJson()
        client(json).authenticationFlowBindingOverrides = { browser: 'gone' }
        return json
      },
      'override-missing',
    ],
    [
      'the acr scope as Optional',
      () => {
        const json = realmJson()
        client(json).defaultClientScopes = ['basic']
        client(json).optionalClientScopes = ['acr']
        return json
      },
      'acr-scope-optional',
    ],
    [
      'no acr scope',
      () => {
        const json = realmJson()
        client(json).defaultClientScopes = ['basic']
        return json
      },
      'no-acr-scope',
      /Client scopes → Add client scope → acr/,
    ],
    [
      'an acr scope without its mapper',
      () => ({ ...realmJson(), clientScopes: [{ name: 'acr', protocolMappers: [] }] }),
      'acr-mapper-missing',
    ],
    [
      'lightweight access tokens',
      () => {
        const json = realmJson()
        client(json).attributes = { 'client.use.lightweight.access.token.enabled': 'true' }
        return json
      },
      'lightweight-no-acr',
      /Add to lightweight access token/,
    ],
    [
      'a minimum ACR that maps to nothing',
      () => {
        const json = realmJson()
        client(json).attributes = { 'minimum.acr.value': 'platinum' }
        return json
      },
      'minimum-acr-unmapped',
    ],
    [
      'a default ACR value that maps to nothing',
      () => {
        const json = realmJson()
        client(json).attributes = { 'default.acr.values': 'platinum' }
        return json
      },
      'default-acr-unmapped',
    ],
    [
      'a default ACR value above the flow',
      () => {
        const json = {
          ...realmJson(),
          attributes: { 'acr.loa.map': '{"bronze":1,"silver":2,"gold":3}' },
        }
        client(json).attributes = { 'default.acr.values': 'gold' }
        return json
      },
      'default-acr-above-flow',
    ],
    [
      'a default ACR value whose factor cannot be registered',
      () => {
        const json = {
          ...realmJson(),
          requiredActions: [{ providerId: 'CONFIGURE_TOTP', enabled: false }],
        }
        client(json).attributes = { 'default.acr.values': 'silver' }
        return json
      },
      'default-acr-unreachable',
      /one-time code \(OTP\).*registration is disabled.*not in a realm export/,
    ],
    [
      'an unreadable map',
      () => ({ ...realmJson(), attributes: { 'acr.loa.map': '{"gold":"high"}' } }),
      'map-unreadable',
    ],
    ['no map at all', () => ({ ...realmJson(), attributes: {} }), 'no-map'],
    [
      'a client map that hides the realm map',
      () => {
        const json = realmJson()
        client(json).attributes = { 'acr.loa.map': '{"low":1,"high":2}' }
        return json
      },
      'client-map-hides-realm',
      /the realm has one too \(bronze, silver\)/,
    ],
    [
      'a client policy naming a missing flow',
      () => ({
        ...realmJson(),
        clientProfiles: {
          profiles: [
            {
              name: 'p',
              executors: [
                { executor: 'auth-flow-enforcer', configuration: { 'auth-flow-alias': 'nope' } },
              ],
            },
          ],
        },
        clientPolicies: {
          policies: [
            {
              name: 'gold',
              conditions: [
                { condition: 'acr-condition', configuration: { 'acr-property': 'silver' } },
              ],
              profiles: ['p'],
            },
          ],
        },
      }),
      'policy-flow-missing',
    ],
  ])('warns about %s', (_, build, id, text) => {
    const warnings = lint(build())
    const warning = warnings.find((w) => w.id === id)
    expect(warning, `ids: ${warnings.map((w) => w.id).join(', ')}`).toBeDefined()
    if (text) expect(`${warning?.text} ${warning?.fix}`).toMatch(text)
  })

  it('gives every warning a text and a fix', () => {
    const json = {
      ...realmJson([
        { level: 2, factors: [] },
        { level: 1, factors: [] },
      ]),
      attributes: {},
    }
    client(json).defaultClientScopes = []
    const warnings = lint(json)
    expect(warnings.length).toBeGreaterThan(3)
    for (const w of warnings) {
      expect(w.text.length).toBeGreaterThan(10)
      expect(w.fix).toMatch(/→|:/)
    }
  })

  it('does not warn about lightweight tokens when the acr mapper is marked for them', () => {
    const json = realmJson()
    client(json).attributes = { 'client.use.lightweight.access.token.enabled': 'true' }
    json.clientScopes = [
      {
        name: 'acr',
        protocolMappers: [
          {
            protocolMapper: 'oidc-acr-mapper',
            config: { 'lightweight.claim': 'true', 'id.token.claim': 'true' },
          },
        ],
      },
    ]
    expect(ids(json)).not.toContain('lightweight-no-acr')
  })

  it('accepts a numeric minimum ACR that is a level of the realm browser flow', () => {
    const json = realmJson()
    client(json).attributes = { 'minimum.acr.value': '2' }
    expect(ids(json)).not.toContain('minimum-acr-unmapped')
  })

  it('lints a bare client export without inventing realm problems', () => {
    const result = parseRealmExport(
      JSON.stringify({ clientId: 'solo', defaultClientScopes: ['basic'] }),
    )
    if (!result.ok) throw new Error(result.error)
    const model: StepUpModel = result.value
    expect(lintRealm(model).map((w) => w.id)).toEqual(['no-acr-scope'])
  })
})

describe('lintRealm: keycloak/realm-acr-gap.json (levels 1 and 3, map names for 2 and 4)', () => {
  function gap(clientId: string): StepUpModel {
    const text = readFileSync(new URL('../../keycloak/realm-acr-gap.json', import.meta.url), 'utf8')
    const parsed = parseRealmExport(text, clientId)
    if (!parsed.ok) throw new Error(parsed.error)
    return parsed.value
  }

  it.each<[string, string, string[]]>([
    [
      'map-name-without-level',
      'acr-playground',
      [
        '"mid" (2), "top" (4)',
        'Over an SSO session that lacks the level',
        'Invalid username or password.',
      ],
    ],
    ['client-map-hides-realm', 'gap-own-map', ["Keycloak reads only the client's map"]],
  ])('%s for %s says what Keycloak does', (id, clientId, parts) => {
    const warning = lintRealm(gap(clientId)).find((w) => w.id === id)
    for (const part of parts) expect(warning?.text).toContain(part)
  })
})
