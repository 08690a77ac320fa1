// Test plans: an ordered list of step-up logins, each with what it must give. The plan file and
// the plan link are one codec (plan text <-> Plan), built like the share-link codec: every problem
// is named with its place in the file, hostile input is refused before it is walked, and a step's
// provider and request are the share link's own parameters, read by the share-link decoder, so a
// plan can set nothing a link could not (never the API URL: nothing here chooses where a token goes).
import { base64UrlToText } from '../core/base64url'
import type { PlaygroundConfig } from '../request/config'
import type { Freshness } from '../tokens/freshness'
import { describeJsonError } from '../core/json-error'
import { isRecord } from '../core/json-value'
import { describeLength, INPUT_LIMITS, jsonTextProblem, quoteValue } from '../core/limits'
import { err, ok, type Result } from '../core/result'
import { decodeShareLink, LINK_PARAMS, quotedName } from '../request/share-link'
import type { Verdict } from '../verdict/verdict'

/** The plan file's format marker and version: `{"acrPlaygroundPlan": 1, …}`. */
const PLAN_FORMAT = 'acrPlaygroundPlan'
const PLAN_VERSION = 1

export const PLAN_LIMITS = {
  /** The plan as JSON text (a file or a link's decoded text). */
  chars: 64 * 1024,
  steps: 50,
  profiles: 20,
  /** A plan, a step, a profile or a user name. */
  nameChars: 120,
  descriptionChars: 2000,
  amrValues: 20,
} as const

type SessionRule = 'new' | 'continue'

/** What a step must give. Empty: any tokens. */
export interface StepExpectation {
  /** The acr claim, exactly. */
  acr?: string
  /** The LoA the acr maps to, at least. */
  loa?: number
  verdict?: Verdict
  freshness?: Freshness
  /** Methods that must all be in the amr claim. */
  amr?: string[]
  /** auth_time compared with the previous step's: a new authentication, or the same one. */
  authTime?: 'new' | 'same'
  /** The login stops on the provider's page and never comes back. */
  stops?: true
  /** The provider answers this error code (error callback). */
  error?: string
}

export interface PlanStep {
  name: string
  /** The profile (provider, client, LoA map, base request) this step logs in with. */
  profile: string
  /** Share-link parameters over the profile's: acr_values, claims, prompt, max_age, … */
  request: Record<string, string>
  /** Who signs in: shown to the person running it, sent as login_hint unless the request sets one. */
  user?: string
  /** 'new': end the SSO session before this step. */
  session: SessionRule
  expect: StepExpectation
}

export interface Plan {
  name: string
  description?: string
  /** Name -> share-link parameters (url + realm or issuer, client_id, loa_map, scope, …). */
  profiles: Record<string, Record<string, string>>
  steps: PlanStep[]
}

const VERDICTS: readonly Verdict[] = [
  'satisfied',
  'downgraded',
  'essential-unmet',
  'no-acr',
  'not-requested',
]
const FRESHNESS: readonly Freshness[] = ['fresh', 'stale', 'no-auth-time', 'not-requested']
const PROVIDER_PARAMS = ['url', 'realm', 'issuer', 'client_id'] as const
const EXPECT_KEYS = ['acr', 'loa', 'verdict', 'freshness', 'amr', 'authTime', 'stops', 'error']
const STEP_KEYS = ['name', 'profile', 'request', 'user', 'session', 'expect']

type Json = Record<string, unknown>

/** Own keys of a parsed object, `__proto__` included, never its prototype's. */
function keysOf(value: Json): string[] {
  return Object.keys(value)
}

function shortText(value: unknown, max: number): Result<string> {
  if (typeof value !== 'string') return err('is not text')
  if (value.trim() === '') return err('is empty')
  if (value.length > max) return err(`is ${value.length} characters long; at most ${max}`)
  return ok(value)
}

/** A link parameter's value as a plan may write it: text, a number, or JSON for claims/loa_map. */
function paramText(name: string, value: unknown): Result<string> {
  if (typeof value === 'string') return ok(value)
  if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value))
  if ((name === 'claims' || name === 'loa_map') && isRecord(value)) return ok(JSON.stringify(value))
  return err(
    name === 'claims' || name === 'loa_map' ? 'is neither an object nor JSON text' : 'is not text',
  )
}

function readParams(
  value: unknown,
  where: string,
  allowed: readonly string[],
  problems: string[],
): Record<string, string> {
  const params: Record<string, string> = {}
  if (value === undefined) return params
  if (!isRecord(value)) {
    problems.push(`${where} is not an object of link parameters`)
    return params
  }
  for (const name of keysOf(value)) {
    if (!allowed.includes(name)) {
      problems.push(
        `${where}.${quoteName(name)} is not allowed here (allowed: ${allowed.join(', ')})`,
      )
      continue
    }
    const text = paramText(name, value[name])
    if (text.ok) params[name] = text.value
    else problems.push(`${where}.${name} ${text.error}`)
  }
  return params
}

/** A field or profile name as a problem quotes it: control characters shown, long names cut. */
const quoteName = (name: string) => quotedName(name, 40)

function readExpectation(value: unknown, where: string, problems: string[]): StepExpectation {
  const expect: StepExpectation = {}
  if (value === undefined) return expect
  if (!isRecord(value)) {
    problems.push(`${where} is not an object`)
    return expect
  }
  for (const key of keysOf(value)) {
    const v = value[key]
    const at = `${where}.${quoteName(key)}`
    switch (key) {
      case 'acr':
      case 'error': {
        const text = typeof v === 'number' ? ok(String(v)) : shortText(v, INPUT_LIMITS.acrNameChars)
        if (text.ok) expect[key] = text.value
        else problems.push(`${at} ${text.error}`)
        break
      }
      case 'loa':
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000) expect.loa = v
        else problems.push(`${at} is not a level between 0 and 1000`)
        break
      case 'verdict':
        if (VERDICTS.includes(v as Verdict)) expect.verdict = v as Verdict
        else problems.push(`${at} is none of ${VERDICTS.join(', ')}`)
        break
      case 'freshness':
        if (FRESHNESS.includes(v as Freshness)) expect.freshness = v as Freshness
        else problems.push(`${at} is none of ${FRESHNESS.join(', ')}`)
        break
      case 'amr':
        if (
          Array.isArray(v) &&
          v.length > 0 &&
          v.length <= PLAN_LIMITS.amrValues &&
          v.every((m) => typeof m === 'string' && m.length > 0 && m.length <= 64)
        )
          expect.amr = v as string[]
        else
          problems.push(
            `${at} is not a list of 1 to ${PLAN_LIMITS.amrValues} method names like ["pwd","otp"]`,
          )
        break
      case 'authTime':
        if (v === 'new' || v === 'same') expect.authTime = v
        else problems.push(`${at} is neither "new" nor "same"`)
        break
      case 'stops':
        if (v === true) expect.stops = true
        else if (v !== false) problems.push(`${at} is not true or false`)
        break
      default:
        problems.push(`${at} is not an expectation (known: ${EXPECT_KEYS.join(', ')})`)
    }
  }
  const tokenChecks = ['acr', 'loa', 'verdict', 'freshness', 'amr', 'authTime'].filter(
    (k) => k in expect,
  )
  if (expect.stops && expect.error !== undefined)
    problems.push(`${where}: a step either stops on the provider's page or gets an error, not both`)
  if ((expect.stops || expect.error !== undefined) && tokenChecks.length > 0)
    problems.push(
      `${where}: ${tokenChecks.join(', ')} need tokens, which a step that ${expect.stops ? 'stops' : 'expects an error'} never gets`,
    )
  return expect
}

/** The configuration a step logs in with: its profile's parameters, then its own, as a link gives them. */
export function stepConfig(plan: Plan, index: number): Result<Partial<PlaygroundConfig>> {
  const step = plan.steps[index]
  if (!step) return err(`there is no step ${index + 1}`)
  const profile = Object.hasOwn(plan.profiles, step.profile)
    ? plan.profiles[step.profile]
    : undefined
  if (!profile) return err(`the profile "${step.profile}" is not in the plan`)
  const params = new URLSearchParams({ ...profile, ...step.request })
  if (step.user !== undefined && !('login_hint' in step.request))
    params.set('login_hint', step.user)
  const decoded = decodeShareLink(params.toString())
  const rejected = decoded?.rejected[0]
  if (rejected) return err(rejected.reason)
  if (!decoded || decoded.patch.mode === undefined)
    return err(`the profile "${step.profile}" names no provider (url and realm, or issuer)`)
  return ok(decoded.patch)
}

/** Read a plan from its JSON text (a file, or a link's decoded text). Never throws. */
export function parsePlan(text: string): Result<Plan, string[]> {
  const tooBig = jsonTextProblem(text, PLAN_LIMITS.chars)
  if (tooBig) return err([`The plan ${tooBig}.`])
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return err([`The plan is not JSON: ${describeJsonError(text, error)}`])
  }
  if (!isRecord(json)) return err(['The plan is not a JSON object.'])
  if (json[PLAN_FORMAT] !== PLAN_VERSION)
    return err([
      json[PLAN_FORMAT] === undefined
        ? `This is not a plan file: it has no "${PLAN_FORMAT}": ${PLAN_VERSION}.`
        : `This plan is format ${quoteValue(json[PLAN_FORMAT])}; this playground reads format ${PLAN_VERSION}.`,
    ])
  const problems: string[] = []
  for (const key of keysOf(json))
    if (![PLAN_FORMAT, 'name', 'description', 'profiles', 'steps'].includes(key))
      problems.push(`${quoteName(key)} is not a plan field`)

  const name = shortText(json.name, PLAN_LIMITS.nameChars)
  if (!name.ok) problems.push(`name ${name.error}`)
  let description: string | undefined
  if (json.description !== undefined) {
    const d = shortText(json.description, PLAN_LIMITS.descriptionChars)
    if (d.ok) description = d.value
    else problems.push(`description ${d.error}`)
  }

  const profiles: Record<string, Record<string, string>> = Object.create(null) as Record<
    string,
    Record<string, string>
  >
  if (!isRecord(json.profiles) || keysOf(json.profiles).length === 0) {
    problems.push('profiles is not an object of at least one named profile')
  } else {
    const names = keysOf(json.profiles)
    if (names.length > PLAN_LIMITS.profiles)
      problems.push(`profiles has ${names.length}; at most ${PLAN_LIMITS.profiles}`)
    for (const profileName of names.slice(0, PLAN_LIMITS.profiles)) {
      const checked = shortText(profileName, PLAN_LIMITS.nameChars)
      if (!checked.ok) {
        problems.push(`a profile name ${checked.error}`)
        continue
      }
      profiles[profileName] = readParams(
        json.profiles[profileName],
        `profiles.${quoteName(profileName)}`,
        LINK_PARAMS,
        problems,
      )
    }
  }

  const steps: PlanStep[] = []
  const rawSteps = json.steps
  if (!Array.isArray(rawSteps) || rawSteps.length === 0) {
    problems.push('steps is not a list of at least one step')
  } else if (rawSteps.length > PLAN_LIMITS.steps) {
    problems.push(`steps has ${rawSteps.length}; at most ${PLAN_LIMITS.steps}`)
  } else {
    const profileNames = Object.keys(profiles)
    rawSteps.forEach((raw: unknown, i) => {
      const where = `steps[${i + 1}]`
      if (!isRecord(raw)) {
        problems.push(`${where} is not an object`)
        return
      }
      for (const key of keysOf(raw))
        if (!STEP_KEYS.includes(key))
          problems.push(
            `${where}.${quoteName(key)} is not a step field (known: ${STEP_KEYS.join(', ')})`,
          )
      const stepName =
        raw.name === undefined ? ok(`Step ${i + 1}`) : shortText(raw.name, PLAN_LIMITS.nameChars)
      if (!stepName.ok) problems.push(`${where}.name ${stepName.error}`)
      let profile = profileNames.length === 1 ? profileNames[0] : undefined
      if (raw.profile !== undefined) {
        profile = typeof raw.profile === 'string' ? raw.profile : undefined
        if (profile === undefined || !(profile in profiles)) {
          problems.push(
            `${where}.profile ${quoteValue(raw.profile)} is not one of the plan's profiles (${profileNames.join(', ')})`,
          )
          profile = undefined
        }
      } else if (profile === undefined) {
        problems.push(`${where} names no profile, and the plan has several`)
      }
      let user: string | undefined
      if (raw.user !== undefined) {
        const u = shortText(raw.user, PLAN_LIMITS.nameChars)
        if (u.ok) user = u.value
        else problems.push(`${where}.user ${u.error}`)
      }
      const session = raw.session ?? (i === 0 || user !== steps[i - 1]?.user ? 'new' : 'continue')
      if (session !== 'new' && session !== 'continue')
        problems.push(`${where}.session is neither "new" nor "continue"`)
      const request = readParams(
        raw.request,
        `${where}.request`,
        LINK_PARAMS.filter((p) => !(PROVIDER_PARAMS as readonly string[]).includes(p)),
        problems,
      )
      const expect = readExpectation(raw.expect, `${where}.expect`, problems)
      const step: PlanStep = {
        name: stepName.ok ? stepName.value : `Step ${i + 1}`,
        profile: profile ?? '',
        request,
        session: session === 'continue' ? 'continue' : 'new',
        expect,
      }
      if (user !== undefined) step.user = user
      steps.push(step)
    })
  }
  if (problems.length > 0) return err(problems)

  const plan: Plan = { name: name.ok ? name.value : '', profiles: { ...profiles }, steps }
  if (description !== undefined) plan.description = description
  // Every step's parameters, read as a link reads them: a plan that a link could not carry is refused.
  steps.forEach((step, i) => {
    const config = stepConfig(plan, i)
    if (!config.ok) problems.push(`steps[${i + 1}]: ${config.error}`)
  })
  return problems.length > 0 ? err(problems) : ok(plan)
}

/** The plan as its file: what parsePlan reads back to the same plan. */
export function serializePlan(plan: Plan): string {
  const file: Json = { [PLAN_FORMAT]: PLAN_VERSION, name: plan.name }
  if (plan.description !== undefined) file.description = plan.description
  file.profiles = plan.profiles
  file.steps = plan.steps.map((step) => {
    const out: Json = { name: step.name, profile: step.profile }
    if (step.user !== undefined) out.user = step.user
    out.session = step.session
    out.request = step.request
    out.expect = step.expect
    return out
  })
  return JSON.stringify(file, null, 2)
}

/** The `plan` link parameter: the plan file's JSON, base64url-encoded (UTF-8). */
export function encodePlanParam(plan: Plan): string {
  const bytes = new TextEncoder().encode(JSON.stringify(JSON.parse(serializePlan(plan))))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Read a `plan` link parameter. Never throws. */
export function decodePlanParam(value: string): Result<Plan, string[]> {
  const max = Math.ceil((PLAN_LIMITS.chars * 4) / 3) + 4
  if (value.length > INPUT_LIMITS.linkChars || value.length > max)
    return err([
      `The plan in this link is ${describeLength(value.length)} long; a plan link holds at most ${INPUT_LIMITS.linkChars} characters. Share the plan as a file instead.`,
    ])
  if (!/^[A-Za-z0-9_-]*$/.test(value))
    return err([
      'The plan in this link is damaged: it is not base64url text (was the link cut or edited?).',
    ])
  const text = base64UrlToText(value)
  if (!text.ok)
    return err([
      'The plan in this link is damaged: it does not decode to text (was the link cut?).',
    ])
  return parsePlan(text.value)
}

/** Where the plan will sign in: each profile's issuer, so the person running it sees every host first. */
export function planProviders(plan: Plan): string[] {
  const hosts = new Set<string>()
  for (const profile of Object.values(plan.profiles)) {
    const base =
      profile.issuer ??
      (profile.url ? `${profile.url.replace(/\/+$/, '')}/realms/${profile.realm ?? ''}` : '')
    if (base) hosts.add(base)
  }
  return [...hosts]
}

/**
 * The plan with one more step: the request of a share link (what the page composes now), under a
 * profile for its provider (reused when the plan has one with the same parameters). Its
 * expectations are left for the person to write: the playground does not guess what must happen.
 */
export function withStepFromLink(
  plan: Plan | null,
  link: string,
  stepName: string,
  /** The name of the profile the request comes from (the page's active profile), if any. */
  profileHint?: string,
): Plan {
  const query = URL.parse(link)?.searchParams ?? new URLSearchParams()
  const profile: Record<string, string> = {}
  const request: Record<string, string> = {}
  for (const [name, value] of query) {
    if ((PROVIDER_PARAMS as readonly string[]).includes(name) || name === 'loa_map')
      profile[name] = value
    else request[name] = value
  }
  const base: Plan = plan ?? { name: 'New plan', profiles: {}, steps: [] }
  const same = Object.entries(base.profiles).find(
    ([, p]) => JSON.stringify(p) === JSON.stringify(profile),
  )
  let profileName = same?.[0]
  if (profileName === undefined) {
    const stem =
      profileHint?.trim() || (profile.realm ?? URL.parse(profile.issuer ?? '')?.host ?? 'provider')
    profileName = stem
    for (let n = 2; profileName in base.profiles; n++) profileName = `${stem} ${n}`
  }
  return {
    ...base,
    profiles: { ...base.profiles, [profileName]: profile },
    steps: [
      ...base.steps,
      {
        name: stepName,
        profile: profileName,
        request,
        session: base.steps.length === 0 ? 'new' : 'continue',
        expect: {},
      },
    ],
  }
}
