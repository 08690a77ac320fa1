// Step-up mistakes a realm export shows, each with the admin-console fix. What Keycloak does in
// each case is in docs/keycloak-research.md (the section named at each rule) and, where a test
// proves it, in the facts table (keycloak-facts.ts).
import { realmFactText } from './keycloak-realm-facts'
import { KEYCLOAK_PAGES, type KeycloakVersion } from './keycloak-facts'
import { factTextFor } from './keycloak-version'
import { mapLoaToAcr } from './requested-level'
import { LOA_CONDITION, type FlowModel, type FlowNode, type StepUpModel } from './realm-model'

interface RealmWarning {
  id: string
  text: string
  /** What to change, in the admin console's words. */
  fix: string
}

const CONDITION_FIX_STEP =
  'Add condition → "Condition - Level of Authentication", then set its Level of Authentication (LoA) and Max Age.'

function levelWords(level: number | undefined): string {
  return level === undefined ? 'no level' : `level ${level}`
}

/** CONDITIONAL sub-flows beside the level sub-flows that carry no condition at all. */
function conditionlessSiblings(flow: FlowModel): string[] {
  const found: string[] = []
  const levelAliases = new Set(flow.levels.map((l) => l.subflowAlias))
  const walk = (nodes: FlowNode[]) => {
    const holdsLevels = nodes.some((n) => n.type === 'flow' && levelAliases.has(n.alias ?? ''))
    for (const node of nodes) {
      if (node.type !== 'flow') continue
      const isLevel = levelAliases.has(node.alias ?? '')
      const hasCondition = (node.children ?? []).some(
        (c) => c.type === 'authenticator' && c.authenticator?.kind === 'condition',
      )
      if (holdsLevels && !isLevel && node.requirement === 'CONDITIONAL' && !hasCondition)
        found.push(node.alias ?? '?')
      if (!isLevel) walk(node.children ?? [])
    }
  }
  walk(flow.tree)
  return found
}

function hasDisabledLoaCondition(nodes: FlowNode[]): boolean {
  return nodes.some((n) =>
    n.type === 'authenticator'
      ? n.authenticator?.providerId === LOA_CONDITION && n.requirement === 'DISABLED'
      : hasDisabledLoaCondition(n.children ?? []),
  )
}

// Levels and their sub-flows: docs/keycloak-research.md#walking-the-flow.
function flowWarnings(flow: FlowModel, model: StepUpModel): RealmWarning[] {
  const warnings: RealmWarning[] = []
  const levels = flow.levels
  if (levels.length === 0) {
    warnings.push({
      id: 'no-levels',
      text: `Flow "${flow.alias}" has no "Condition - Level of Authentication": Keycloak cannot run a requested level. A fresh login is level 1, an SSO login level 0, whatever was asked (acr is the map's name for that level, or the bare number).`,
      fix: `Authentication → "${flow.alias}": add one Conditional sub-flow per level, each with Add condition → "Condition - Level of Authentication" (set Level of Authentication (LoA) and Max Age), then the level's factors.`,
    })
    if (hasDisabledLoaCondition(flow.tree))
      warnings.push({
        id: 'condition-disabled',
        text: `Flow "${flow.alias}" has a "Condition - Level of Authentication" set to Disabled.`,
        fix: `Authentication → "${flow.alias}" → set the condition's Requirement to Required.`,
      })
    return warnings
  }
  const numbers = levels.map((l) => l.level)
  const increasing = numbers.every(
    (n, i) => i === 0 || (n !== undefined && (numbers[i - 1] ?? -Infinity) < n),
  )
  if (!increasing) {
    const duplicates = numbers.filter((n, i) => n !== undefined && numbers.indexOf(n) !== i)
    warnings.push({
      id: 'levels-not-increasing',
      text:
        `The level sub-flows of "${flow.alias}" run in the order ${numbers.map((n) => n ?? '?').join(', ')}: Keycloak runs the first level sub-flow of a fresh login whatever its number, and records each finished sub-flow's level, so the order must be increasing.` +
        (duplicates.length > 0
          ? ` Level ${duplicates.join(', ')} appears twice: Keycloak builds a map of levels to max ages and fails on a duplicate level.`
          : ''),
      fix: `Authentication → "${flow.alias}": drag the level sub-flows into increasing order (1, 2, 3…) and give each its own level.`,
    })
  }
  for (const level of levels) {
    const name = `"${level.subflowAlias}" (${levelWords(level.level)})`
    if (level.level === undefined)
      warnings.push({
        id: 'level-no-number',
        text: `Level sub-flow "${level.subflowAlias}" has a condition without a numeric Level of Authentication: Keycloak ignores it as a level (and logs "Invalid level").`,
        fix: `Authentication → "${flow.alias}" → "${level.subflowAlias}" → the condition's settings (gear): set Level of Authentication (LoA) to a whole number.`,
      })
    if (level.authenticators.length === 0)
      warnings.push({
        id: 'level-empty',
        text: `Level sub-flow ${name} asks for nothing: the level is granted without any factor.`,
        fix: `Authentication → "${flow.alias}" → "${level.subflowAlias}": Add step (e.g. OTP Form) with Requirement Required.`,
      })
    if (level.requirement !== 'CONDITIONAL')
      warnings.push({
        id: 'subflow-not-conditional',
        text: `Level sub-flow ${name} is ${level.requirement}, not Conditional: Keycloak evaluates the level condition only in a Conditional sub-flow.`,
        fix: `Authentication → "${flow.alias}" → "${level.subflowAlias}": set Requirement to Conditional.`,
      })
    if (level.conditionCount > 1)
      warnings.push({
        id: 'level-two-conditions',
        text: `Level sub-flow ${name} has ${level.conditionCount} level conditions: only one is read as its level.`,
        fix: `Authentication → "${flow.alias}" → "${level.subflowAlias}": keep one "Condition - Level of Authentication".`,
      })
    if (level.maxAgeNote !== undefined && level.level !== undefined)
      warnings.push({
        id: 'level-max-age',
        text: `Level sub-flow ${name}: ${level.maxAgeNote}, so the level counts for ${level.maxAge} s.`,
        fix: `Authentication → "${flow.alias}" → "${level.subflowAlias}" → the condition's settings: set Max Age in seconds (0 asks the level at every request for it).`,
      })
    if (
      level.level !== undefined &&
      level.acrNames.length === 0 &&
      model.loaMap.source !== 'none'
    ) {
      const named = mapLoaToAcr(
        level.level,
        model.loaMap.effective,
        model.loaMap.entries.map(([acr]) => acr),
      )
      warnings.push({
        id: 'level-without-name',
        text: `No ACR name maps to level ${level.level}: a token at this level says "${named ?? level.level}"${named === undefined ? '' : ` (the name of a lower level)`} unless the request named a value that fits.`,
        fix: `${mapWhere(model)}: add a name for level ${level.level}.`,
      })
    }
  }
  for (const alias of conditionlessSiblings(flow))
    warnings.push({
      id: 'subflow-no-condition',
      text: `Sub-flow "${alias}" sits among the level sub-flows as Conditional, without any condition: it is not a level.`,
      fix: `Authentication → "${flow.alias}" → "${alias}": ${CONDITION_FIX_STEP}`,
    })
  return warnings
}

function mapWhere(model: StepUpModel): string {
  return model.loaMap.source === 'client'
    ? `Clients → ${model.clientId ?? 'the client'} → Advanced → Advanced settings → ACR to LoA Mapping`
    : 'Realm settings → General → ACR to LoA Mapping'
}

/** Lint a step-up model. Pure; an empty list means nothing the model can see is wrong. */
export function lintRealm(
  model: StepUpModel,
  /** The Keycloak version whose facts to quote; `null`: not known (say which were recorded). */
  keycloakVersion: KeycloakVersion | null = '26.5.6',
): RealmWarning[] {
  const warnings: RealmWarning[] = []
  const flow = model.flow

  for (const problem of model.loaMap.problems)
    warnings.push({
      id: 'map-unreadable',
      text: problem,
      fix: `${mapWhere(model)}: enter each name with a whole-number level.`,
    })
  if (model.loaMap.source === 'none' && model.input === 'realm')
    warnings.push({
      id: 'no-map',
      text: 'Neither the client nor the realm has an ACR to LoA mapping: only bare numbers ("1", "2") can be requested, and an essential name fails with "Invalid parameter: claims".',
      fix: "Realm settings → General → ACR to LoA Mapping (or the client's Advanced settings): add a name per level.",
    })
  if (
    model.loaMap.source === 'client' &&
    model.loaMap.realm &&
    Object.keys(model.loaMap.realm).length > 0
  )
    warnings.push({
      id: 'client-map-hides-realm',
      // docs/keycloak-research.md#loa-map
      text: `The client has its own ACR to LoA mapping, and the realm has one too (${Object.keys(model.loaMap.realm).join(', ')}): ${factTextFor('client-map-replaces-realm', keycloakVersion)}`,
      fix: `Clients → ${model.clientId} → Advanced → Advanced settings → ACR to LoA Mapping: add the realm names you need, or clear it to use the realm's.`,
    })

  if (flow) {
    warnings.push(...flowWarnings(flow, model))
    const configured = new Set(flow.levels.map((l) => l.level))
    const orphans = model.loaMap.entries.filter(([, loa]) => loa !== 0 && !configured.has(loa))
    if (flow.levels.length > 0 && orphans.length > 0)
      warnings.push({
        id: 'map-name-without-level',
        // docs/keycloak-research.md#level-gap
        text: `${orphans.map(([acr, loa]) => `"${acr}" (${loa})`).join(', ')} map${orphans.length === 1 ? 's' : ''} to no level of flow "${flow.alias}": on a fresh login a voluntary request gets the highest level below, and an essential one fails with "${KEYCLOAK_PAGES.acrNotFulfilled}". Over an SSO session that lacks the level: ${factTextFor('level-gap-over-sso', keycloakVersion)}`,
        fix: `Authentication → "${flow.alias}": add a level sub-flow for ${orphans.map(([, l]) => l).join(', ')}, or ${mapWhere(model)}: fix the level.`,
      })
    if (flow.builtIn || flow.alias === 'browser')
      warnings.push({
        id: 'builtin-browser',
        text: `The built-in flow "${flow.alias}" serves the logins${flow.levels.length > 0 ? ' and was edited to hold levels' : ''}: built-in flows are reset or changed by upgrades.`,
        fix: `Authentication → "${flow.alias}" → Action → Duplicate; edit the copy, then Action → Bind flow → Browser flow.`,
      })
    if (flow.hasIdpRedirector && flow.levels.length > 0)
      warnings.push({
        id: 'idp-redirector',
        text: `Flow "${flow.alias}" has an identity provider redirector: a login sent with kc_idp_hint goes to that provider and skips the level sub-flows. ${realmFactText('broker-records-no-level')}`,
        fix: `Authentication → "${flow.alias}": if step-up matters, check the provider's own level yourself (Keycloak does not), or set the redirector's Requirement to Disabled if unused.`,
      })
  }
  if (
    model.flowSource === 'client-override' &&
    flow &&
    flow.levels.length === 0 &&
    (model.realmBrowserFlow?.levels.length ?? 0) > 0
  )
    warnings.push({
      // docs/keycloak-research.md#flow-choice
      id: 'override-bypasses-loa',
      text: `The client's browser flow override "${flow.alias}" has no levels, while the realm browser flow "${model.realmBrowserFlow?.alias}" has them: this client never steps up.`,
      fix: `Clients → ${model.clientId} → Advanced → Authentication flow overrides → Browser Flow: choose the step-up flow, or clear it.`,
    })
  if (model.flowSource === 'client-override-missing')
    warnings.push({
      id: 'override-missing',
      text: "The client's browser flow override names a flow that is not in the export: Keycloak falls back to the realm browser flow.",
      fix: `Clients → ${model.clientId} → Advanced → Authentication flow overrides → Browser Flow: pick an existing flow.`,
    })

  if (model.clientFound && model.acrScope.client === 'absent')
    warnings.push({
      // docs/keycloak-research.md#acr-mapper
      id: 'no-acr-scope',
      text: `Client ${model.clientId} does not have the acr client scope: its tokens carry no acr, whatever level ran.`,
      fix: `Clients → ${model.clientId} → Client scopes → Add client scope → acr → Add as Default.`,
    })
  if (model.clientFound && model.acrScope.client === 'optional')
    warnings.push({
      id: 'acr-scope-optional',
      text: `Client ${model.clientId} has the acr client scope as Optional: tokens carry acr only when the request's scope names "acr".`,
      fix: `Clients → ${model.clientId} → Client scopes → acr → Assigned type: Default.`,
    })
  if (model.acrScope.mapper === 'absent')
    warnings.push({
      id: 'acr-mapper-missing',
      text: 'The realm\'s acr client scope has no "Authentication Context Class Reference (ACR)" mapper: no token carries acr.',
      fix: 'Client scopes → acr → Mappers → Add mapper → By configuration → Authentication Context Class Reference (ACR), with Add to ID token and Add to access token on.',
    })
  const lightweight =
    model.lightweightAccessToken.clientAttribute || model.lightweightAccessToken.byPolicy
  if (lightweight && model.acrScope.inLightweightAccessToken !== true)
    warnings.push({
      id: 'lightweight-no-acr',
      text: `Client ${model.clientId ?? ''} uses lightweight access tokens${model.lightweightAccessToken.byPolicy ? ' (a client policy)' : ''}, and the acr mapper is ${model.acrScope.inLightweightAccessToken === false ? 'not' : 'not known to be'} added to them: APIs reading acr from the access token see none (the ID token has it).`,
      fix: 'Client scopes → acr → Mappers → acr loa level → Add to lightweight access token: On (or Clients → the client → Advanced → Always use lightweight access token: Off).',
    })

  if (model.minimumAcrValue !== undefined) {
    const min = model.minimumAcrValue
    const inMap = Object.hasOwn(model.loaMap.effective, min)
    const realmLevels = model.realmBrowserFlow?.levels.map((l) => String(l.level)) ?? []
    if (!inMap && !['0', ...realmLevels].includes(min))
      warnings.push({
        // docs/keycloak-research.md#requested-level
        id: 'minimum-acr-unmapped',
        text: `The client's Minimum ACR value "${min}" maps to no level: Keycloak ignores it.`,
        fix: `Clients → ${model.clientId} → Advanced → Advanced settings → Minimum ACR value: pick a name of the ACR to LoA Mapping.`,
      })
  }
  warnings.push(...defaultAcrWarnings(model))

  for (const policy of model.acrFlowPolicies)
    if (policy.flowAlias !== undefined && !policy.flow)
      warnings.push({
        // docs/keycloak-research.md#flow-choice
        id: 'policy-flow-missing',
        text: `Client policy "${policy.policy}" selects flow "${policy.flowAlias}" for acr "${policy.acr}", and the export has no such flow: those logins fail.`,
        fix: `Realm settings → Client policies → Profiles → the auth-flow-enforcer executor: set Auth Flow Alias to an existing flow.`,
      })
  return warnings
}

/** Default ACR values some users can never reach: what the export can tell. */
// Default ACR values: docs/keycloak-research.md#requested-level.
function defaultAcrWarnings(model: StepUpModel): RealmWarning[] {
  const warnings: RealmWarning[] = []
  const flow = model.flow
  for (const acr of model.defaultAcrValues) {
    const loa = Object.hasOwn(model.loaMap.effective, acr)
      ? model.loaMap.effective[acr]
      : /^\d+$/.test(acr)
        ? Number(acr)
        : undefined
    if (loa === undefined) {
      warnings.push({
        id: 'default-acr-unmapped',
        text: `Default ACR value "${acr}" maps to no level: Keycloak counts it as level 0.`,
        fix: `Clients → ${model.clientId} → Advanced → Advanced settings → Default ACR Values: use names of the ACR to LoA Mapping.`,
      })
      continue
    }
    if (!flow) continue
    const needed = flow.levels.filter((l) => l.level !== undefined && l.level <= loa)
    if (flow.levels.length > 0 && !flow.levels.some((l) => l.level !== undefined && l.level >= loa))
      warnings.push({
        id: 'default-acr-above-flow',
        text: `Default ACR value "${acr}" (level ${loa}) is above every level of flow "${flow.alias}": logins without acr_values get the flow's highest level.`,
        fix: `Clients → ${model.clientId} → Advanced → Advanced settings → Default ACR Values: choose a level the flow has.`,
      })
    const blocked = needed.flatMap((l) =>
      l.authenticators
        .filter((a) => a.requirement === 'REQUIRED' && a.setupAction !== undefined)
        .filter((a) => model.requiredActions?.[a.setupAction as string] === false)
        .map((a) => `${a.label} (${l.subflowAlias})`),
    )
    if (blocked.length > 0)
      warnings.push({
        id: 'default-acr-unreachable',
        text: `Default ACR value "${acr}" needs ${blocked.join(', ')}, whose registration is disabled: users without it can never log in to ${model.clientId} without acr_values ("Cannot login, credential setup required"). Which users hold it is not in a realm export.`,
        fix: `Authentication → Required actions: enable the registration action (e.g. Configure OTP), or Clients → ${model.clientId} → Advanced → Default ACR Values: a lower level.`,
      })
  }
  return warnings
}
