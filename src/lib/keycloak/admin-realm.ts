// Turns what Keycloak's admin REST API answers into the shape of a realm export, so the step-up
// model (realm-model.ts) reads a live realm like a pasted one. Only the fields that model reads are
// copied: no client secret, no identity-provider configuration, no other authenticator settings.
// Shapes verified against Keycloak 26.5.6: GET .../authentication/flows lists top-level flows only,
// each in export shape; sub-flows are found through .../flows/{alias}/executions (`flowId`) and
// read by id; LoA configurations through the executions' `authenticationConfig` id.

import { isRecord } from '../core/json-value'

type Obj = Record<string, unknown>

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const get = (obj: Obj, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined)
const objects = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isRecord) : [])

/** Copy the listed keys that hold a string (attributes, configurations). */
function pickStrings(value: unknown, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isRecord(value)) return out
  for (const key of keys) {
    const v = get(value, key)
    if (typeof v === 'string') out[key] = v
    else if (Array.isArray(v) && typeof v[0] === 'string') out[key] = v[0]
  }
  return out
}

const LOA_CONDITION = 'conditional-level-of-authentication'
const CLIENT_ATTRIBUTES = [
  'acr.loa.map',
  'default.acr.values',
  'minimum.acr.value',
  'client.use.lightweight.access.token.enabled',
] as const
const ACR_MAPPER_FLAGS = [
  'lightweight.claim',
  'id.token.claim',
  'access.token.claim',
  'introspection.token.claim',
] as const

/** What each admin endpoint needs of realm-management, to name what a 403 lacks. */
const ADMIN_ROLE_FOR = {
  realm: 'view-realm',
  client: 'view-clients',
  flows: 'view-realm',
  executions: 'view-realm',
  flow: 'view-realm',
  config: 'view-realm',
  clientScopes: 'view-clients',
  requiredActions: 'view-realm',
  policies: 'view-realm',
  profiles: 'view-realm',
  identityProviders: 'view-identity-providers',
} as const
export type AdminCall = keyof typeof ADMIN_ROLE_FOR

/** The roles of realm-management that the refused calls need, each once, in the calls' order. */
export function missingRoles(refused: AdminCall[]): string[] {
  return [...new Set(refused.map((call) => ADMIN_ROLE_FOR[call]))]
}

/**
 * Sub-flow ids and LoA-condition configuration ids named by an executions listing (GET
 * .../flows/{alias}/executions: AuthenticationExecutionInfoRepresentation's providerId,
 * authenticationFlow, flowId, authenticationConfig).
 */
export function readExecutions(info: unknown): { flowIds: string[]; configIds: string[] } {
  const flowIds = new Set<string>()
  const configIds = new Set<string>()
  for (const e of objects(info)) {
    const flowId = str(get(e, 'flowId'))
    if (get(e, 'authenticationFlow') === true && flowId) flowIds.add(flowId)
    const configId = str(get(e, 'authenticationConfig'))
    if (get(e, 'providerId') === LOA_CONDITION && configId) configIds.add(configId)
  }
  return { flowIds: [...flowIds], configIds: [...configIds] }
}

/**
 * The top-level flows the model walks: the realm browser flow, the client's browser override (by
 * id), and flows client policies enforce by alias. Returned as aliases of flows in `flows`.
 */
export function flowsToExpand(realm: unknown, client: unknown, profiles: unknown, flows: unknown) {
  const all = objects(flows)
  const aliases = new Set<string>()
  const browser = isRecord(realm) ? (str(get(realm, 'browserFlow')) ?? 'browser') : 'browser'
  aliases.add(browser)
  const overrides = isRecord(client) ? get(client, 'authenticationFlowBindingOverrides') : undefined
  const overrideId = isRecord(overrides) ? str(get(overrides, 'browser')) : undefined
  const override = overrideId ? all.find((f) => get(f, 'id') === overrideId) : undefined
  const overrideAlias = override && str(get(override, 'alias'))
  if (overrideAlias) aliases.add(overrideAlias)
  const enforcing = isRecord(profiles)
    ? [...objects(get(profiles, 'profiles')), ...objects(get(profiles, 'globalProfiles'))]
    : []
  for (const profile of enforcing) {
    for (const executor of objects(get(profile, 'executors'))) {
      if (get(executor, 'executor') !== 'auth-flow-enforcer') continue
      const configuration = get(executor, 'configuration')
      const alias = isRecord(configuration) ? str(get(configuration, 'auth-flow-alias')) : undefined
      if (alias) aliases.add(alias)
    }
  }
  const known = new Set(all.map((f) => str(get(f, 'alias'))))
  return [...aliases].filter((alias) => known.has(alias))
}

function flowShape(flow: Obj): Obj {
  const out: Obj = {}
  for (const key of ['id', 'alias', 'providerId', 'topLevel', 'builtIn'] as const) {
    const v = get(flow, key)
    if (v !== undefined) out[key] = v
  }
  out.authenticationExecutions = objects(get(flow, 'authenticationExecutions')).map((e) => {
    const x: Obj = {}
    for (const key of [
      'authenticator',
      'authenticatorConfig',
      'authenticatorFlow',
      'flowAlias',
      'requirement',
      'priority',
    ] as const) {
      const v = get(e, key)
      if (v !== undefined) x[key] = v
    }
    return x
  })
  return out
}

function mapperShape(mapper: Obj): Obj {
  const protocolMapper = str(get(mapper, 'protocolMapper')) ?? ''
  const out: Obj = { name: str(get(mapper, 'name')) ?? '', protocolMapper }
  if (protocolMapper === 'oidc-acr-mapper')
    out.config = pickStrings(get(mapper, 'config'), ACR_MAPPER_FLAGS)
  return out
}

function clientShape(client: Obj): Obj {
  const out: Obj = {
    clientId: str(get(client, 'clientId')) ?? '',
    attributes: pickStrings(get(client, 'attributes'), CLIENT_ATTRIBUTES),
    protocolMappers: objects(get(client, 'protocolMappers')).map(mapperShape),
  }
  const overrides = get(client, 'authenticationFlowBindingOverrides')
  if (isRecord(overrides))
    out.authenticationFlowBindingOverrides = pickStrings(overrides, ['browser'])
  for (const key of ['defaultClientScopes', 'optionalClientScopes'] as const) {
    const scopes = get(client, key)
    if (Array.isArray(scopes)) out[key] = scopes.filter((s) => typeof s === 'string')
  }
  return out
}

/** Policies keep what the model reads: names, ACR conditions, the flow enforcer's settings. */
function policyShape(policy: Obj): Obj {
  return {
    name: str(get(policy, 'name')) ?? '',
    enabled: get(policy, 'enabled') !== false,
    profiles: Array.isArray(get(policy, 'profiles')) ? get(policy, 'profiles') : [],
    conditions: objects(get(policy, 'conditions')).map((c) => {
      const condition = str(get(c, 'condition')) ?? '?'
      return condition === 'acr-condition'
        ? { condition, configuration: pickStrings(get(c, 'configuration'), ['acr-property']) }
        : { condition }
    }),
  }
}

function profileShape(profile: Obj): Obj {
  return {
    name: str(get(profile, 'name')) ?? '',
    executors: objects(get(profile, 'executors')).map((e) => {
      const executor = str(get(e, 'executor')) ?? '?'
      if (executor !== 'auth-flow-enforcer') return { executor }
      const configuration = get(e, 'configuration')
      const picked: Obj = pickStrings(configuration, ['auth-flow-alias'])
      const loa = isRecord(configuration) ? get(configuration, 'auth-flow-loa') : undefined
      if (typeof loa === 'number' || typeof loa === 'string') picked['auth-flow-loa'] = loa
      return { executor, configuration: picked }
    }),
  }
}

/** What the admin API answered, each part as parsed JSON (undefined when not read). */
export interface AdminParts {
  realm: unknown
  /** GET .../clients?clientId=: a list of (at most) one client. */
  clients: unknown
  /** Top-level flows, then the sub-flows read by id. */
  flows: unknown[]
  /** GET .../authentication/config/{id} answers. */
  configs: unknown[]
  clientScopes?: unknown
  requiredActions?: unknown
  /** GET .../client-policies/policies, and .../profiles with the global ones. */
  policies?: unknown
  profiles?: unknown
  identityProviders?: unknown
}

/** An object shaped like a realm export, with only what decides step-up. */
export function assembleRealm(parts: AdminParts): Obj {
  const realm = isRecord(parts.realm) ? parts.realm : {}
  const out: Obj = {
    realm: str(get(realm, 'realm')) ?? '',
    attributes: pickStrings(get(realm, 'attributes'), ['acr.loa.map']),
    clients: objects(parts.clients).map(clientShape),
    authenticationFlows: parts.flows.filter(isRecord).map(flowShape),
    authenticatorConfig: parts.configs.filter(isRecord).map((c) => ({
      alias: str(get(c, 'alias')) ?? '',
      config: pickStrings(get(c, 'config'), [
        'loa-condition-level',
        'loa-max-age',
        'loa-store-in-user-session',
      ]),
    })),
  }
  const browserFlow = str(get(realm, 'browserFlow'))
  if (browserFlow !== undefined) out.browserFlow = browserFlow
  if (Array.isArray(parts.clientScopes)) {
    out.clientScopes = objects(parts.clientScopes).map((s) => ({
      name: str(get(s, 'name')) ?? '',
      protocolMappers: objects(get(s, 'protocolMappers')).map(mapperShape),
    }))
  }
  if (Array.isArray(parts.requiredActions)) {
    out.requiredActions = objects(parts.requiredActions).map((a) => ({
      alias: str(get(a, 'alias')) ?? '',
      providerId: str(get(a, 'providerId')) ?? '',
      enabled: get(a, 'enabled') === true,
    }))
  }
  if (Array.isArray(parts.identityProviders)) {
    out.identityProviders = objects(parts.identityProviders).map((p) => ({
      alias: str(get(p, 'alias')) ?? '',
      enabled: get(p, 'enabled') !== false,
    }))
  }
  if (isRecord(parts.policies))
    out.clientPolicies = { policies: objects(get(parts.policies, 'policies')).map(policyShape) }
  if (isRecord(parts.profiles)) {
    out.clientProfiles = {
      profiles: [
        ...objects(get(parts.profiles, 'profiles')),
        ...objects(get(parts.profiles, 'globalProfiles')),
      ].map(profileShape),
    }
  }
  return out
}
