// What a Keycloak realm is set up to do for step-up, read from a realm export (or a bare client
// export). Every rule names the Keycloak method it mirrors and the section of
// docs/keycloak-research.md that reads it. Never throws.
import { err, ok, type Result } from '../core/result'
import type { LoaMap } from '../verdict/loa'

/** Bounds on hostile or huge input: past them the reader stops and says so in `notes`. */
export const REALM_LIMITS = {
  maxTextChars: 5 * 1024 * 1024,
  maxClients: 2000,
  maxFlows: 1000,
  maxExecutionsPerFlow: 200,
  maxAuthenticatorConfigs: 5000,
  maxClientScopes: 1000,
  maxPolicies: 200,
  maxFlowDepth: 12,
  maxMapEntries: 200,
  maxListItems: 100,
} as const

/** Keys never copied from input into a record: they would reach Object.prototype elsewhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export type Requirement = 'REQUIRED' | 'ALTERNATIVE' | 'CONDITIONAL' | 'DISABLED' | 'OPTIONAL'

/** What a login step is, in the words a user sees. */
type FactorKind =
  | 'cookie'
  | 'username'
  | 'password'
  | 'otp'
  | 'webauthn'
  | 'passkey'
  | 'recovery-codes'
  | 'kerberos'
  | 'x509'
  | 'idp-redirector'
  | 'condition'
  | 'deny'
  | 'other'

export interface AuthenticatorInfo {
  providerId: string
  /** Human words: "one-time code (OTP)". */
  label: string
  kind: FactorKind
  requirement: Requirement
  /** Keycloak credential type the user must hold (`otp`, `webauthn`…), when the step needs one. */
  credentialType?: string
  /** The required action that registers the credential when the user has none. */
  setupAction?: string
  configAlias?: string
  /**
   * Asked only when a condition of the user holds (a CONDITIONAL sub-flow inside a level with
   * a role, attribute or "user configured" condition), in words: "the user has role admins".
   */
  onlyIf?: string
}

export interface FlowNode {
  type: 'authenticator' | 'flow'
  requirement: Requirement
  /** authenticator */
  authenticator?: AuthenticatorInfo
  /** flow */
  alias?: string
  children?: FlowNode[]
  /** A sub-flow reference that names no flow in the export (or a cycle, or too deep). */
  unresolved?: string
}

/** One `Condition - Level of Authentication` sub-flow. */
export interface LevelFlow {
  subflowAlias: string
  requirement: Requirement
  /** The configured `loa-condition-level`; undefined when missing or not a number. */
  level: number | undefined
  /** Seconds the level counts for, after Keycloak's fallbacks (see `maxAgeNote`). */
  maxAge: number
  maxAgeNote?: string
  configAlias?: string
  /** LoA condition executions in the sub-flow (not DISABLED). One is right. */
  conditionCount: number
  /** Other conditions in the same sub-flow (e.g. conditional-user-configured). */
  otherConditions: string[]
  /** The factors it asks, in order (not DISABLED, conditions excluded, nested sub-flows flattened). */
  authenticators: AuthenticatorInfo[]
  /** ACR names mapping to this level in the effective map. */
  acrNames: string[]
}

export interface FlowModel {
  alias: string
  id?: string
  builtIn: boolean
  tree: FlowNode[]
  levels: LevelFlow[]
  hasCookie: boolean
  hasIdpRedirector: boolean
}

type FlowSource = 'realm-browser' | 'client-override' | 'client-override-missing' | 'unknown'

interface LoaMapInfo {
  /** What Keycloak uses: the client map when it has entries, else the realm map. */
  effective: LoaMap
  /** The effective map's entries in the order written (Keycloak keeps JSON order). */
  entries: [string, number][]
  source: 'client' | 'realm' | 'none'
  realm?: LoaMap
  client?: LoaMap
  problems: string[]
}

export interface AcrFlowPolicy {
  policy: string
  enabled: boolean
  /** The ACR an `acr-condition` waits for. */
  acr: string
  /** `auth-flow-enforcer` executor of one of the policy's profiles. */
  flowAlias?: string
  flowLoa?: number
  /** Conditions besides the ACR one: the model cannot evaluate them. */
  otherConditions: string[]
  flow?: FlowModel
}

type Presence = 'present' | 'absent' | 'unknown'

/** An identity provider of the realm, with what decides the level of a login brokered to it. */
export interface IdentityProviderInfo {
  alias: string
  /** oidc, keycloak-oidc, saml, google…: only the OpenID Connect ones forward acr_values. */
  providerId?: string
  enabled: boolean
  /**
   * Its "Forwarded query parameters" (config forwardParameters), comma-separated; undefined when
   * the export has none set, and then Keycloak forwards acr_values alone.
   */
  forwardParameters?: string
}

export interface StepUpModel {
  realm?: string
  /** What was pasted. */
  input: 'realm' | 'client'
  clientId?: string
  /** false when a realm export has no client with that id. */
  clientFound: boolean
  /** Client ids in the export (capped), to offer a choice. */
  clientIds: string[]
  loaMap: LoaMapInfo
  flowSource: FlowSource
  /** The flow that serves the client's browser logins. */
  flow?: FlowModel
  /** The realm browser flow (Keycloak resolves numeric minimum ACR values against it). */
  realmBrowserFlow?: FlowModel
  defaultAcrValues: string[]
  minimumAcrValue?: string
  acrScope: {
    /** The client's `acr` client scope. */
    client: 'default' | 'optional' | 'absent' | 'unknown'
    /** The realm's `acr` scope carries the `oidc-acr-mapper`. */
    mapper: Presence
    /** The acr mapper's `lightweight.claim`; undefined when no mapper was read. */
    inLightweightAccessToken?: boolean
    inIdToken?: boolean
    inAccessToken?: boolean
  }
  amrMapper: Presence
  lightweightAccessToken: {
    /** Client advanced setting "Always use lightweight access token". */
    clientAttribute: boolean
    /** A client policy profile has the `use-lightweight-access-token` executor. */
    byPolicy: boolean
  }
  identityProviders?: string[]
  /** The identity providers as a brokered login reads them (broker-login.ts), by alias. */
  brokers?: IdentityProviderInfo[]
  /** Required actions by provider id: enabled or not. Undefined when the export has none. */
  requiredActions?: Record<string, boolean>
  acrFlowPolicies: AcrFlowPolicy[]
  /** What the reader skipped, capped or could not resolve. */
  notes: string[]
}

const AUTHENTICATORS: Record<
  string,
  { label: string; kind: FactorKind; credentialType?: string; setupAction?: string }
> = {
  'auth-cookie': { label: 'SSO cookie', kind: 'cookie' },
  'auth-username-password-form': {
    label: 'username and password form',
    kind: 'password',
    credentialType: 'password',
  },
  'auth-username-form': { label: 'username form', kind: 'username' },
  'auth-password-form': { label: 'password form', kind: 'password', credentialType: 'password' },
  'auth-otp-form': {
    label: 'one-time code (OTP)',
    kind: 'otp',
    credentialType: 'otp',
    setupAction: 'CONFIGURE_TOTP',
  },
  'auth-conditional-otp-form': {
    label: 'conditional one-time code (OTP)',
    kind: 'otp',
    credentialType: 'otp',
    setupAction: 'CONFIGURE_TOTP',
  },
  'webauthn-authenticator': {
    label: 'security key (WebAuthn)',
    kind: 'webauthn',
    credentialType: 'webauthn',
    setupAction: 'webauthn-register',
  },
  'webauthn-authenticator-passwordless': {
    label: 'passkey (WebAuthn passwordless)',
    kind: 'passkey',
    credentialType: 'webauthn-passwordless',
    setupAction: 'webauthn-register-passwordless',
  },
  'auth-recovery-authn-code-form': {
    label: 'recovery code',
    kind: 'recovery-codes',
    credentialType: 'recovery-authn-codes',
    setupAction: 'CONFIGURE_RECOVERY_AUTHN_CODES',
  },
  'auth-spnego': { label: 'Kerberos', kind: 'kerberos' },
  'auth-x509-client-username-form': { label: 'X.509 client certificate', kind: 'x509' },
  'identity-provider-redirector': { label: 'identity provider redirector', kind: 'idp-redirector' },
  'conditional-level-of-authentication': {
    label: 'Condition - Level of Authentication',
    kind: 'condition',
  },
  'deny-access-authenticator': { label: 'deny access', kind: 'deny' },
}

export const LOA_CONDITION = 'conditional-level-of-authentication'

function describeAuthenticator(providerId: string, requirement: Requirement) {
  const known = Object.hasOwn(AUTHENTICATORS, providerId) ? AUTHENTICATORS[providerId] : undefined
  const info: AuthenticatorInfo = known
    ? { providerId, requirement, ...known }
    : {
        providerId,
        requirement,
        label: providerId,
        kind: providerId.startsWith('conditional-') ? 'condition' : 'other',
      }
  return info
}

type Obj = Record<string, unknown>

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function field(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}

function list(value: unknown, max: number, what: string, notes: string[]): unknown[] {
  if (!Array.isArray(value)) return []
  if (value.length > max) {
    notes.push(`Only the first ${max} of ${value.length} ${what} were read.`)
    return value.slice(0, max)
  }
  return value
}

/** The objects listed under `key`, capped at `max` (the rest noted). */
function objectsOf(owner: Obj, key: string, max: number, what: string, notes: string[]): Obj[] {
  return list(field(owner, key), max, what, notes).filter(isObj)
}

/** Attribute values: exports store strings; the admin API sometimes arrays of strings. */
function attribute(owner: Obj | undefined, key: string): string | undefined {
  const attributes = owner && field(owner, 'attributes')
  if (!isObj(attributes)) return undefined
  const value = field(attributes, key)
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return undefined
}

const REQUIREMENTS: readonly string[] = [
  'REQUIRED',
  'ALTERNATIVE',
  'CONDITIONAL',
  'DISABLED',
  'OPTIONAL',
]

function requirementOf(value: unknown): Requirement {
  return typeof value === 'string' && REQUIREMENTS.includes(value)
    ? (value as Requirement)
    : 'DISABLED'
}

/** Java Integer.parseInt: optional sign, ASCII digits, 32-bit range. */
export function javaParseInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined
  const n = Number(text)
  return n >= -2147483648 && n <= 2147483647 ? n : undefined
}

/** A level as Keycloak reads one from JSON: a whole number, or text Integer.parseInt takes. */
function javaInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  return typeof value === 'string' ? javaParseInt(value) : undefined
}

/**
 * An `acr.loa.map` attribute, as Keycloak reads it (JSON object of integers). Keycloak ignores a
 * map it cannot read (it logs a warning) and then falls back: client -> realm -> none.
 */
function parseAcrLoaMap(
  text: string | undefined,
  where: string,
  problems: string[],
): [string, number][] | undefined {
  if (text === undefined || text === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    problems.push(`The ${where} acr.loa.map is not JSON: Keycloak ignores it.`)
    return undefined
  }
  if (!isObj(value)) {
    problems.push(`The ${where} acr.loa.map is not a JSON object: Keycloak ignores it.`)
    return undefined
  }
  const entries: [string, number][] = []
  for (const [acr, loa] of Object.entries(value)) {
    if (entries.length >= REALM_LIMITS.maxMapEntries) {
      problems.push(`The ${where} acr.loa.map has more than ${REALM_LIMITS.maxMapEntries} names.`)
      break
    }
    if (FORBIDDEN_KEYS.has(acr)) {
      problems.push(`The ${where} acr.loa.map name "${acr}" was skipped.`)
      continue
    }
    const level = javaInt(loa)
    if (level === undefined) {
      problems.push(
        `The ${where} acr.loa.map gives "${acr}" the level ${JSON.stringify(loa)}, not a whole number: Keycloak ignores the whole map.`,
      )
      return undefined
    }
    entries.push([acr, level])
  }
  return entries
}

function toMap(entries: [string, number][]): LoaMap {
  return Object.fromEntries(entries) as LoaMap
}

/**
 * `default.acr.values`: Keycloak splits the attribute on `##` with the whitespace around it
 * (OIDCAdvancedConfigWrapper.getAttributeMultivalued, Constants.CFG_DELIMITER_PATTERN), and like
 * Java's String.split drops trailing empty values.
 */
export function splitMultivalued(value: string | undefined): string[] {
  if (value === undefined || value === '') return []
  const parts = value.split(/\s*##\s*/)
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  return parts.slice(0, REALM_LIMITS.maxListItems)
}

interface FlowIndex {
  byAlias: Map<string, Obj>
  byId: Map<string, Obj>
  configs: Map<string, Record<string, string>>
  notes: string[]
  /** Flow models already built, so many policies naming one flow cost one walk. */
  built: Map<Obj, FlowModel>
}

export function indexFlows(realm: Obj, notes: string[]): FlowIndex {
  const byAlias = new Map<string, Obj>()
  const byId = new Map<string, Obj>()
  for (const flow of objectsOf(
    realm,
    'authenticationFlows',
    REALM_LIMITS.maxFlows,
    'authentication flows',
    notes,
  )) {
    const alias = str(field(flow, 'alias'))
    const id = str(field(flow, 'id'))
    if (alias !== undefined && !byAlias.has(alias)) byAlias.set(alias, flow)
    if (id !== undefined && !byId.has(id)) byId.set(id, flow)
  }
  const configs = new Map<string, Record<string, string>>()
  for (const entry of objectsOf(
    realm,
    'authenticatorConfig',
    REALM_LIMITS.maxAuthenticatorConfigs,
    'authenticator configurations',
    notes,
  )) {
    const config = field(entry, 'config')
    const values: Record<string, string> = {}
    if (isObj(config)) {
      for (const [key, value] of Object.entries(config)) {
        if (FORBIDDEN_KEYS.has(key)) continue
        if (typeof value === 'string') values[key] = value
        else if (typeof value === 'number' || typeof value === 'boolean')
          values[key] = String(value)
      }
    }
    // Exports reference a configuration by alias; the admin API by id.
    for (const key of [str(field(entry, 'alias')), str(field(entry, 'id'))]) {
      if (key !== undefined && !configs.has(key)) configs.set(key, values)
    }
  }
  return { byAlias, byId, configs, notes, built: new Map() }
}

function buildTree(
  flow: Obj,
  index: FlowIndex,
  seen: string[],
  budget: { executions: number },
): FlowNode[] {
  const nodes: FlowNode[] = []
  const alias = str(field(flow, 'alias')) ?? '?'
  const executions = list(
    field(flow, 'authenticationExecutions'),
    REALM_LIMITS.maxExecutionsPerFlow,
    `executions of flow "${alias}"`,
    index.notes,
  )
    .filter(isObj)
    .map((e, i) => ({ e, i, priority: field(e, 'priority') }))
    // Keycloak runs executions by priority; an export lists them in that order already.
    .sort((a, b) =>
      typeof a.priority === 'number' && typeof b.priority === 'number'
        ? a.priority - b.priority || a.i - b.i
        : a.i - b.i,
    )
  for (const { e } of executions) {
    if (budget.executions-- <= 0) {
      index.notes.push('The flows have too many executions: the rest were not read.')
      break
    }
    const requirement = requirementOf(field(e, 'requirement'))
    if (field(e, 'authenticatorFlow') === true) {
      const subAlias = str(field(e, 'flowAlias'))
      const subId = str(field(e, 'flowId'))
      const sub =
        (subAlias !== undefined ? index.byAlias.get(subAlias) : undefined) ??
        (subId !== undefined ? index.byId.get(subId) : undefined)
      const name = subAlias ?? (sub && str(field(sub, 'alias'))) ?? subId ?? '?'
      if (!sub) {
        nodes.push({ type: 'flow', requirement, alias: name, children: [], unresolved: 'missing' })
      } else if (seen.includes(name)) {
        index.notes.push(`The flow "${name}" contains itself: the loop was not followed.`)
        nodes.push({ type: 'flow', requirement, alias: name, children: [], unresolved: 'cycle' })
      } else if (seen.length >= REALM_LIMITS.maxFlowDepth) {
        index.notes.push(`Sub-flows nest deeper than ${REALM_LIMITS.maxFlowDepth}: not followed.`)
        nodes.push({ type: 'flow', requirement, alias: name, children: [], unresolved: 'depth' })
      } else {
        nodes.push({
          type: 'flow',
          requirement,
          alias: name,
          children: buildTree(sub, index, [...seen, name], budget),
        })
      }
    } else {
      const providerId = str(field(e, 'authenticator')) ?? '?'
      const authenticator = describeAuthenticator(providerId, requirement)
      const configAlias = str(field(e, 'authenticatorConfig'))
      if (configAlias !== undefined) authenticator.configAlias = configAlias
      nodes.push({ type: 'authenticator', requirement, authenticator })
    }
  }
  return nodes
}

/** A user condition of a CONDITIONAL sub-flow, in words (the providers' config keys). */
export function describeUserCondition(
  providerId: string,
  config: Record<string, string> | undefined,
): string {
  const negated = (key: string) => config?.[key] === 'true'
  if (providerId === 'conditional-user-role')
    return `the user ${negated('negate') ? 'does not have' : 'has'} role ${config?.condUserRole ?? '(not configured)'}`
  if (providerId === 'conditional-user-attribute')
    return `the user's attribute ${config?.attribute_name ?? '?'} ${negated('not') ? 'is not' : 'is'} "${config?.attribute_expected_value ?? ''}"`
  if (providerId === 'conditional-user-configured')
    return 'the user has set up what the sub-flow asks'
  return `the condition ${providerId} holds`
}

function collectAuthenticators(
  nodes: FlowNode[],
  into: AuthenticatorInfo[],
  index: FlowIndex,
  onlyIf?: string,
) {
  for (const node of nodes) {
    if (node.requirement === 'DISABLED') continue
    if (node.type === 'authenticator' && node.authenticator) {
      if (node.authenticator.kind !== 'condition')
        into.push(onlyIf === undefined ? node.authenticator : { ...node.authenticator, onlyIf })
    } else if (node.children) {
      const conditions =
        node.requirement === 'CONDITIONAL'
          ? node.children
              .filter((c) => c.requirement !== 'DISABLED' && c.authenticator?.kind === 'condition')
              .map((c) => {
                const a = c.authenticator!
                const alias = a.configAlias
                return describeUserCondition(
                  a.providerId,
                  alias === undefined ? undefined : index.configs.get(alias),
                )
              })
          : []
      const nested = [onlyIf, ...conditions].filter((c) => c !== undefined).join(' and ')
      collectAuthenticators(node.children, into, index, nested || undefined)
    }
  }
}

function levelOf(node: FlowNode, index: FlowIndex): LevelFlow | undefined {
  const children = node.children ?? []
  const conditions = children.filter(
    (c) =>
      c.type === 'authenticator' &&
      c.authenticator?.providerId === LOA_CONDITION &&
      c.requirement !== 'DISABLED',
  )
  if (conditions.length === 0) return undefined
  const condition = conditions[0]?.authenticator
  const configAlias = condition?.configAlias
  const config = configAlias !== undefined ? index.configs.get(configAlias) : undefined
  const levelText =
    config && Object.hasOwn(config, 'loa-condition-level')
      ? config['loa-condition-level']
      : undefined
  const level = levelText === undefined ? undefined : javaParseInt(levelText)
  // LoAUtil.getMaxAgeFromLoaConditionConfiguration: a number, else the Keycloak 17 option, else 0
  // (docs/keycloak-research.md#session).
  const maxAgeText =
    config && Object.hasOwn(config, 'loa-max-age') ? config['loa-max-age'] : undefined
  const maxAgeNumber = maxAgeText === undefined ? undefined : javaParseInt(maxAgeText)
  let maxAge = 0
  let maxAgeNote: string | undefined
  if (maxAgeNumber !== undefined) maxAge = maxAgeNumber
  else if (config && Object.hasOwn(config, 'loa-store-in-user-session')) {
    maxAge = config['loa-store-in-user-session'] === 'true' ? 36000 : 0
    maxAgeNote = 'from the Keycloak 17 option "store in user session"'
  } else {
    maxAgeNote =
      config === undefined
        ? 'no configuration found for the condition: Keycloak falls back to 0'
        : 'loa-max-age is missing or not a number: Keycloak falls back to 0'
  }
  const authenticators: AuthenticatorInfo[] = []
  collectAuthenticators(children, authenticators, index)
  const otherConditions = children
    .filter(
      (c) =>
        c.type === 'authenticator' &&
        c.authenticator?.kind === 'condition' &&
        c.authenticator.providerId !== LOA_CONDITION &&
        c.requirement !== 'DISABLED',
    )
    .map((c) => c.authenticator?.providerId ?? '?')
  const result: LevelFlow = {
    subflowAlias: node.alias ?? '?',
    requirement: node.requirement,
    level,
    maxAge,
    conditionCount: conditions.length,
    otherConditions,
    authenticators,
    acrNames: [],
  }
  if (maxAgeNote !== undefined) result.maxAgeNote = maxAgeNote
  if (configAlias !== undefined) result.configAlias = configAlias
  return result
}

function findLevels(nodes: FlowNode[], index: FlowIndex, into: LevelFlow[]) {
  for (const node of nodes) {
    if (node.type !== 'flow' || node.requirement === 'DISABLED') continue
    const level = levelOf(node, index)
    if (level) into.push(level)
    else findLevels(node.children ?? [], index, into)
  }
}

function hasProvider(nodes: FlowNode[], providerId: string): boolean {
  return nodes.some(
    (n) =>
      n.requirement !== 'DISABLED' &&
      (n.type === 'authenticator'
        ? n.authenticator?.providerId === providerId
        : hasProvider(n.children ?? [], providerId)),
  )
}

function flowModel(flow: Obj, index: FlowIndex): FlowModel {
  const cached = index.built.get(flow)
  if (cached) return cached
  const alias = str(field(flow, 'alias')) ?? '?'
  const tree = buildTree(flow, index, [alias], {
    executions: REALM_LIMITS.maxFlows * 4,
  })
  const levels: LevelFlow[] = []
  findLevels(tree, index, levels)
  const model: FlowModel = {
    alias,
    builtIn: field(flow, 'builtIn') === true,
    tree,
    levels,
    hasCookie: hasProvider(tree, 'auth-cookie'),
    hasIdpRedirector: hasProvider(tree, 'identity-provider-redirector'),
  }
  const id = str(field(flow, 'id'))
  if (id !== undefined) model.id = id
  index.built.set(flow, model)
  return model
}

function namesByLevel(entries: [string, number][], level: number | undefined): string[] {
  return level === undefined ? [] : entries.filter(([, loa]) => loa === level).map(([acr]) => acr)
}

function withAcrNames(flow: FlowModel | undefined, entries: [string, number][]) {
  for (const level of flow?.levels ?? []) level.acrNames = namesByLevel(entries, level.level)
}

function scopeNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter((v): v is string => typeof v === 'string').slice(0, REALM_LIMITS.maxListItems)
}

interface MapperInfo {
  protocolMapper: string
  config: Record<string, unknown>
}

function mappersOf(owner: Obj | undefined): MapperInfo[] {
  const mappers = owner ? field(owner, 'protocolMappers') : undefined
  if (!Array.isArray(mappers)) return []
  return mappers
    .slice(0, REALM_LIMITS.maxListItems)
    .filter(isObj)
    .map((m) => ({
      protocolMapper: str(field(m, 'protocolMapper')) ?? '',
      config: isObj(field(m, 'config')) ? (field(m, 'config') as Record<string, unknown>) : {},
    }))
}

function flag(config: Record<string, unknown>, key: string): boolean {
  const value = Object.hasOwn(config, key) ? config[key] : undefined
  return value === 'true' || value === true
}

/** Client policies may arrive as objects (exports) or as JSON text (realm attributes). */
function policyList(realm: Obj, key: string, inner: string, notes: string[]): Obj[] {
  let value = field(realm, key)
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      notes.push(`The realm's ${key} is not JSON: not read.`)
      return []
    }
  }
  const items = isObj(value) ? field(value, inner) : value
  return list(items, REALM_LIMITS.maxPolicies, key, notes).filter(isObj)
}

function configurationOf(item: Obj): Obj {
  const configuration = field(item, 'configuration')
  return isObj(configuration) ? configuration : {}
}

function readPolicies(realm: Obj, index: FlowIndex, notes: string[]) {
  const profiles = new Map<string, Obj[]>()
  for (const profile of policyList(realm, 'clientProfiles', 'profiles', notes)) {
    const name = str(field(profile, 'name'))
    if (name === undefined) continue
    profiles.set(
      name,
      objectsOf(profile, 'executors', REALM_LIMITS.maxListItems, 'executors', notes),
    )
  }
  const acrFlowPolicies: AcrFlowPolicy[] = []
  let lightweightByPolicy = false
  for (const policy of policyList(realm, 'clientPolicies', 'policies', notes)) {
    const name = str(field(policy, 'name')) ?? '?'
    const enabled = field(policy, 'enabled') !== false
    const conditions = objectsOf(
      policy,
      'conditions',
      REALM_LIMITS.maxListItems,
      'conditions',
      notes,
    )
    const executors = (scopeNames(field(policy, 'profiles')) ?? []).flatMap(
      (p) => profiles.get(p) ?? [],
    )
    if (enabled && executors.some((e) => field(e, 'executor') === 'use-lightweight-access-token'))
      lightweightByPolicy = true
    const enforcer = executors.find((e) => field(e, 'executor') === 'auth-flow-enforcer')
    const enforcerConfig = enforcer ? configurationOf(enforcer) : {}
    const flowAlias = str(field(enforcerConfig, 'auth-flow-alias'))
    const loa = field(enforcerConfig, 'auth-flow-loa')
    const flowLoa = javaInt(loa)
    const others = conditions
      .map((c) => str(field(c, 'condition')) ?? '?')
      .filter((c) => c !== 'acr-condition')
    for (const condition of conditions) {
      if (field(condition, 'condition') !== 'acr-condition') continue
      const acr = str(field(configurationOf(condition), 'acr-property'))
      if (acr === undefined) continue
      const entry: AcrFlowPolicy = { policy: name, enabled, acr, otherConditions: others }
      if (flowAlias !== undefined) {
        entry.flowAlias = flowAlias
        const flow = index.byAlias.get(flowAlias)
        if (flow) entry.flow = flowModel(flow, index)
      }
      if (flowLoa !== undefined) entry.flowLoa = flowLoa
      acrFlowPolicies.push(entry)
    }
  }
  return { acrFlowPolicies, lightweightByPolicy }
}

function emptyModel(input: 'realm' | 'client'): StepUpModel {
  return {
    input,
    clientFound: false,
    clientIds: [],
    loaMap: { effective: {}, entries: [], source: 'none', problems: [] },
    flowSource: 'unknown',
    defaultAcrValues: [],
    acrScope: { client: 'unknown', mapper: 'unknown' },
    amrMapper: 'unknown',
    lightweightAccessToken: { clientAttribute: false, byPolicy: false },
    acrFlowPolicies: [],
    notes: [],
  }
}

function readClient(model: StepUpModel, client: Obj, notes: string[]) {
  model.clientFound = true
  const clientId = str(field(client, 'clientId'))
  if (clientId !== undefined) model.clientId = clientId
  const defaults = attribute(client, 'default.acr.values')
  model.defaultAcrValues = splitMultivalued(defaults)
  if (defaults?.trim().startsWith('['))
    notes.push(
      'default.acr.values looks like JSON: Keycloak stores the list separated by ## and reads this text as one value.',
    )
  const minimum = attribute(client, 'minimum.acr.value')
  if (minimum !== undefined && minimum !== '') model.minimumAcrValue = minimum
  model.lightweightAccessToken.clientAttribute =
    attribute(client, 'client.use.lightweight.access.token.enabled') === 'true'
  const defaultScopes = scopeNames(field(client, 'defaultClientScopes'))
  const optional = scopeNames(field(client, 'optionalClientScopes'))
  model.acrScope.client = defaultScopes?.includes('acr')
    ? 'default'
    : optional?.includes('acr')
      ? 'optional'
      : defaultScopes !== undefined
        ? 'absent'
        : 'unknown'
  if (defaultScopes === undefined)
    notes.push('The client lists no default client scopes: whether it has "acr" is unknown.')
}

/** What was pasted: a realm export, a client export, or neither. */
export function exportKind(representation: unknown): 'realm' | 'client' | undefined {
  if (!isObj(representation)) return undefined
  if (
    typeof field(representation, 'realm') === 'string' ||
    Array.isArray(field(representation, 'clients')) ||
    Array.isArray(field(representation, 'authenticationFlows'))
  )
    return 'realm'
  return typeof field(representation, 'clientId') === 'string' ? 'client' : undefined
}

/** `clients`: their ids, and the one the login uses (undefined when it is not there). */
export function readClients(
  realm: Obj,
  clientId: string | undefined,
  notes: string[],
): { clientIds: string[]; client: Obj | undefined } {
  const clients = objectsOf(realm, 'clients', REALM_LIMITS.maxClients, 'clients', notes)
  const clientIds = clients
    .map((c) => str(field(c, 'clientId')))
    .filter((id): id is string => id !== undefined)
    .slice(0, REALM_LIMITS.maxListItems)
  const client =
    clientId !== undefined ? clients.find((c) => field(c, 'clientId') === clientId) : undefined
  if (clientId !== undefined && !client) notes.push(`The export has no client "${clientId}".`)
  return { clientIds, client }
}

/**
 * The realm's and the client's `acr.loa.map` attributes, and the one Keycloak uses
 * (AcrUtils.getAcrLoaMap(client): the client map when it has entries, else the realm map;
 * docs/keycloak-research.md#loa-map).
 */
export function readLoaMaps(realm: Obj | undefined, client: Obj | undefined): LoaMapInfo {
  const problems: string[] = []
  const realmEntries = realm
    ? parseAcrLoaMap(attribute(realm, 'acr.loa.map'), 'realm', problems)
    : undefined
  const clientEntries = client
    ? parseAcrLoaMap(attribute(client, 'acr.loa.map'), 'client', problems)
    : undefined
  const effective =
    clientEntries && clientEntries.length > 0
      ? { entries: clientEntries, source: 'client' as const }
      : realmEntries && realmEntries.length > 0
        ? { entries: realmEntries, source: 'realm' as const }
        : { entries: [], source: 'none' as const }
  const info: LoaMapInfo = {
    effective: toMap(effective.entries),
    entries: effective.entries,
    source: effective.source,
    problems,
  }
  if (realmEntries) info.realm = toMap(realmEntries)
  if (clientEntries) info.client = toMap(clientEntries)
  return info
}

/**
 * `browserFlow` and the client's `authenticationFlowBindingOverrides.browser`, as
 * AuthenticationFlowResolver.resolveBrowserFlow reads them: the client's override (a flow id),
 * else the realm browser flow (docs/keycloak-research.md#flow-choice).
 */
export function readBrowserFlow(
  realm: Obj,
  client: Obj | undefined,
  index: FlowIndex,
  notes: string[],
): Pick<StepUpModel, 'flowSource' | 'flow' | 'realmBrowserFlow'> {
  const chosen: Pick<StepUpModel, 'flowSource' | 'flow' | 'realmBrowserFlow'> = {
    flowSource: 'unknown',
  }
  const browserAlias = str(field(realm, 'browserFlow')) ?? 'browser'
  const realmBrowser = index.byAlias.get(browserAlias)
  if (realmBrowser) chosen.realmBrowserFlow = flowModel(realmBrowser, index)
  else notes.push(`The realm browser flow "${browserAlias}" is not in the export.`)
  const overrides = client ? field(client, 'authenticationFlowBindingOverrides') : undefined
  const overrideId = isObj(overrides) ? str(field(overrides, 'browser')) : undefined
  if (overrideId !== undefined && overrideId !== '') {
    const flow = index.byId.get(overrideId)
    if (flow) {
      chosen.flowSource = 'client-override'
      chosen.flow = flowModel(flow, index)
    } else {
      chosen.flowSource = 'client-override-missing'
      chosen.flow = chosen.realmBrowserFlow
      notes.push(
        index.byAlias.has(overrideId)
          ? `The client's browser flow override "${overrideId}" is a flow alias; Keycloak binds by flow id, and falls back to the realm browser flow when the id is unknown.`
          : `The client's browser flow override "${overrideId}" names no flow in the export: Keycloak falls back to the realm browser flow.`,
      )
    }
  } else if (chosen.realmBrowserFlow) {
    chosen.flowSource = 'realm-browser'
    chosen.flow = chosen.realmBrowserFlow
  }
  return chosen
}

/**
 * `clientScopes` and the client's scopes and mappers: whether the realm's `acr` scope has its
 * oidc-acr-mapper (the acr claim comes from it; docs/keycloak-research.md#acr-mapper) and whether
 * an oidc-amr-mapper reaches the client.
 */
export function readClientScopes(
  realm: Obj,
  client: Obj | undefined,
  notes: string[],
): { acrMapper?: Omit<StepUpModel['acrScope'], 'client'>; amrMapper: Presence } {
  const clientMappers = mappersOf(client)
  if (!Array.isArray(field(realm, 'clientScopes'))) {
    notes.push(
      'The export has no client scopes: Keycloak creates the built-in ones (acr included) on import; their mappers are unknown here.',
    )
    return {
      amrMapper: clientMappers.some((m) => m.protocolMapper === 'oidc-amr-mapper')
        ? 'present'
        : 'unknown',
    }
  }
  const scopes = objectsOf(
    realm,
    'clientScopes',
    REALM_LIMITS.maxClientScopes,
    'client scopes',
    notes,
  )
  const clientScopeNames = client
    ? [
        ...(scopeNames(field(client, 'defaultClientScopes')) ?? []),
        ...(scopeNames(field(client, 'optionalClientScopes')) ?? []),
      ]
    : []
  const acrScope = scopes.find((s) => field(s, 'name') === 'acr')
  const mapper = mappersOf(acrScope).find((m) => m.protocolMapper === 'oidc-acr-mapper')
  const acrMapper: Omit<StepUpModel['acrScope'], 'client'> = {
    mapper: mapper ? 'present' : 'absent',
  }
  if (mapper) {
    acrMapper.inLightweightAccessToken = flag(mapper.config, 'lightweight.claim')
    acrMapper.inIdToken = flag(mapper.config, 'id.token.claim')
    acrMapper.inAccessToken = flag(mapper.config, 'access.token.claim')
  }
  const mappers = [
    ...clientMappers,
    ...scopes
      .filter((s) => clientScopeNames.includes(str(field(s, 'name')) ?? ''))
      .flatMap((s) => mappersOf(s)),
  ]
  return {
    acrMapper,
    amrMapper: mappers.some((m) => m.protocolMapper === 'oidc-amr-mapper') ? 'present' : 'absent',
  }
}

/** `identityProviders`: their aliases, for kc_idp_hint. Undefined when the export has none. */
export function readIdentityProviders(realm: Obj): string[] | undefined {
  return readBrokers(realm)?.map((broker) => broker.alias)
}

/**
 * `identityProviders` with what decides the level of a login brokered to each: its type, whether
 * it is enabled, and the parameters it forwards. Undefined when the export has none.
 */
export function readBrokers(realm: Obj): IdentityProviderInfo[] | undefined {
  const providers = field(realm, 'identityProviders')
  if (!Array.isArray(providers)) return undefined
  return providers
    .slice(0, REALM_LIMITS.maxListItems)
    .filter(isObj)
    .flatMap((p): IdentityProviderInfo[] => {
      const alias = str(field(p, 'alias'))
      if (alias === undefined) return []
      const info: IdentityProviderInfo = { alias, enabled: field(p, 'enabled') !== false }
      const providerId = str(field(p, 'providerId'))
      if (providerId !== undefined) info.providerId = providerId
      const config = field(p, 'config')
      const forward = isObj(config) ? str(field(config, 'forwardParameters')) : undefined
      if (forward !== undefined) info.forwardParameters = forward
      return [info]
    })
}

/** `requiredActions`: enabled or not, by provider id. Undefined when the export has none. */
export function readRequiredActions(realm: Obj): Record<string, boolean> | undefined {
  const actions = field(realm, 'requiredActions')
  if (!Array.isArray(actions)) return undefined
  const enabled: Record<string, boolean> = {}
  for (const action of actions.slice(0, REALM_LIMITS.maxListItems).filter(isObj)) {
    const id = str(field(action, 'providerId')) ?? str(field(action, 'alias'))
    if (id !== undefined && !FORBIDDEN_KEYS.has(id)) enabled[id] = field(action, 'enabled') === true
  }
  return enabled
}

/** A client export: the client's settings, its own acr.loa.map and its mappers; no realm. */
function clientExportModel(client: Obj): StepUpModel {
  const model = emptyModel('client')
  readClient(model, client, model.notes)
  const loaMap = readLoaMaps(undefined, client)
  if (loaMap.source === 'client') model.loaMap = loaMap
  else model.loaMap.problems = loaMap.problems
  const mappers = mappersOf(client)
  if (mappers.some((m) => m.protocolMapper === 'oidc-acr-mapper')) model.acrScope.mapper = 'present'
  if (mappers.some((m) => m.protocolMapper === 'oidc-amr-mapper')) model.amrMapper = 'present'
  model.notes.push(
    'A client export carries no realm: the realm acr.loa.map, the flows and the client scopes are unknown.',
  )
  return model
}

/**
 * Build the step-up model from plain parsed JSON: a realm representation (an export, or later
 * the admin API's realm with its clients, flows, authenticator configurations and client scopes
 * attached) or a single client representation. Never throws.
 */
export function buildStepUpModel(representation: unknown, clientId?: string): Result<StepUpModel> {
  if (!isObj(representation)) {
    return err(
      'Paste a JSON object: a realm export (Realm settings -> Action -> Partial export) or a client export.',
    )
  }
  const kind = exportKind(representation)
  if (kind === undefined) {
    return err(
      'This JSON is neither a realm export (no "realm") nor a client export (no "clientId").',
    )
  }
  if (kind === 'client') return ok(clientExportModel(representation))

  const realm = representation
  const model = emptyModel('realm')
  const notes = model.notes
  const realmName = str(field(realm, 'realm'))
  if (realmName !== undefined) model.realm = realmName
  const { clientIds, client } = readClients(realm, clientId, notes)
  model.clientIds = clientIds
  if (clientId !== undefined) model.clientId = clientId
  if (client) readClient(model, client, notes)

  model.loaMap = readLoaMaps(realm, client)
  const index = indexFlows(realm, notes)
  Object.assign(model, readBrowserFlow(realm, client, index, notes))
  withAcrNames(model.flow, model.loaMap.entries)
  if (model.realmBrowserFlow !== model.flow)
    withAcrNames(model.realmBrowserFlow, model.loaMap.entries)

  const scopes = readClientScopes(realm, client, notes)
  if (scopes.acrMapper) Object.assign(model.acrScope, scopes.acrMapper)
  model.amrMapper = scopes.amrMapper

  const identityProviders = readIdentityProviders(realm)
  if (identityProviders) model.identityProviders = identityProviders
  const brokers = readBrokers(realm)
  if (brokers) model.brokers = brokers
  const requiredActions = readRequiredActions(realm)
  if (requiredActions) model.requiredActions = requiredActions

  const policies = readPolicies(realm, index, notes)
  model.acrFlowPolicies = policies.acrFlowPolicies
  for (const policy of model.acrFlowPolicies) withAcrNames(policy.flow, model.loaMap.entries)
  model.lightweightAccessToken.byPolicy = policies.lightweightByPolicy
  model.notes = [...new Set(notes)].slice(0, REALM_LIMITS.maxListItems)
  return ok(model)
}

/** JSON.parse + buildStepUpModel, for what a user pastes. Never throws. */
export function parseRealmExport(text: string, clientId?: string): Result<StepUpModel> {
  if (typeof text !== 'string') return err('Paste the export as text.')
  if (text.length > REALM_LIMITS.maxTextChars) {
    return err(
      `The export is larger than ${REALM_LIMITS.maxTextChars / 1024 / 1024} MB: export only the realm and its clients (Partial export without users).`,
    )
  }
  if (text.trim() === '') return err('Paste a realm or client export.')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return err(`Not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  // A partial export of several realms arrives as an array: take the one realm it holds.
  if (Array.isArray(value)) {
    const realms = value.filter(isObj)
    if (realms.length !== 1)
      return err('Paste one realm: this JSON is a list of ' + value.length + ' items.')
    value = realms[0]
  }
  return buildStepUpModel(value, clientId)
}
