// Profiles: several named configurations, one of them active. The document in localStorage is
// { version: 1, active, profiles: [{ id, name, config }] }, read field by field like the stored
// configuration (stored-config.ts), so a damaged entry loads what it can and says what it could not.
// `active` is the profile shown last (a new tab shows it). Which configuration a tab shows, and a
// link's or a plan's unsaved one, is the tab's own (workspace.ts). The configuration stored before
// profiles (STORAGE_KEY_CONFIG) is read once, as the active profile's, and then removed.
// What only the profile tools need (save as, rename, delete, the export file) is profiles-file.ts,
// a chunk of its own.
import { defaultConfig, type PlaygroundConfig } from '../request/config'
import { describeLength, INPUT_LIMITS, jsonTextProblem, quoteValue } from '../core/limits'
import { isRecord } from '../core/json-value'
import { err, ok, type Result } from '../core/result'
import { readConfigObject } from './stored-config'

const PROFILES_SCHEMA_VERSION = 1
/** The name the configuration of before profiles (or of a fresh browser) is saved under. */
export const FIRST_PROFILE_NAME = 'Default'
/** The name the configuration on show is kept under when the document names no active profile. */
const RECOVERED_PROFILE_NAME = 'Recovered'

export interface Profile {
  /** Internal, stable while the profile lives; never in the export file. */
  id: string
  name: string
  config: PlaygroundConfig
}

export interface ProfilesDocument {
  version: 1
  /** The id of the profile shown last: a new tab shows it. */
  active: string
  profiles: Profile[]
}

interface LoadedProfiles {
  document: ProfilesDocument
  /** One plain sentence per thing that could not be loaded. Empty when all went well. */
  problems: string[]
}

const ID = /^[A-Za-z0-9_-]{1,40}$/
/** Control characters, and the bidirectional overrides that make a name read as another. */
export const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
/** Past this many sentences, the rest are counted, not listed. */
const MAX_PROBLEMS = 20

/** A profile name as typed or read: trimmed, 1 to 60 printable characters. Never throws. */
export function parseProfileName(value: unknown): Result<string> {
  if (typeof value !== 'string') return err('is not text')
  const name = value.trim()
  if (name === '') return err('is empty')
  if (name.length > INPUT_LIMITS.profileNameChars)
    return err(`is longer than ${INPUT_LIMITS.profileNameChars} characters`)
  if (UNPRINTABLE.test(name)) return err('contains control characters')
  return ok(name)
}

/** Names are unique without regard to case: "work" and "Work" would be told apart by no one. */
export function findByName(profiles: readonly Profile[], name: string): Profile | undefined {
  const wanted = name.toLowerCase()
  return profiles.find((p) => p.name.toLowerCase() === wanted)
}

/** An id no profile of the list has. */
export function nextId(profiles: readonly Profile[]): string {
  let n = profiles.length + 1
  while (profiles.some((p) => p.id === `p${n}`)) n++
  return `p${n}`
}

/** "Work (2)", "Work (3)"…: the first free name, cut to fit the length limit. */
export function freeName(name: string, profiles: readonly Profile[]): string {
  let candidate = name
  for (let n = 2; findByName(profiles, candidate); n++) {
    const suffix = ` (${n})`
    candidate = `${name.slice(0, INPUT_LIMITS.profileNameChars - suffix.length).trimEnd()}${suffix}`
  }
  return candidate
}

/** JSON with object keys sorted: two configurations are the same whatever their key order. */
function canonical(config: PlaygroundConfig): string {
  return JSON.stringify(config, (_key, value: unknown) =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).sort()) : value,
  )
}

export function sameConfig(a: PlaygroundConfig, b: PlaygroundConfig): boolean {
  return canonical(a) === canonical(b)
}

export function serializeProfiles(document: ProfilesDocument): string {
  return JSON.stringify(document)
}

/** The document, or why it cannot be kept: its stored text would pass the size limit. */
export function checkSize(document: ProfilesDocument): Result<ProfilesDocument> {
  const size = serializeProfiles(document).length
  return size > INPUT_LIMITS.profilesChars
    ? err(
        `The profiles would take ${describeLength(size)}; at most ${describeLength(INPUT_LIMITS.profilesChars)} can be kept.`,
      )
    : ok(document)
}

/** One profile, "Default", holding the configuration there is: what a browser without profiles has. */
export function singleProfile(config: PlaygroundConfig): ProfilesDocument {
  return { version: 1, active: 'p1', profiles: [{ id: 'p1', name: FIRST_PROFILE_NAME, config }] }
}

/** The document with the active profile holding `config`. */
export function withActiveConfig(
  document: ProfilesDocument,
  config: PlaygroundConfig,
): ProfilesDocument {
  return withProfileConfig(document, document.active, config)
}

/**
 * The document with profile `id` holding `config` and shown last; every other profile as it was.
 * The same document when nothing changes, so an unchanged profile is never written again.
 */
export function withProfileConfig(
  document: ProfilesDocument,
  id: string,
  config: PlaygroundConfig,
): ProfilesDocument {
  const profile = document.profiles.find((p) => p.id === id)
  if (!profile || (document.active === id && sameConfig(profile.config, config))) return document
  return {
    ...document,
    active: id,
    profiles: document.profiles.map((p) => (p.id === id ? { ...p, config } : p)),
  }
}

/** "The saved issuer is…" about profile Work → "Profile "Work": the saved issuer is…". */
function aboutProfile(name: string, sentence: string): string {
  return `Profile ${quoteValue(name, 40)}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`
}

/**
 * Read the stored profiles. `current` is a configuration stored before profiles (the old
 * STORAGE_KEY_CONFIG, undefined when there is none): it was the active profile's, and wins over
 * the copy here. Never throws. Nothing stored: `current` (or the defaults) becomes the profile
 * "Default". A damaged document loads what it can; one that cannot be read at all gives "Default"
 * too. Any problem means the store keeps the text aside.
 */
export function readStoredProfiles(
  raw: string | null,
  current: PlaygroundConfig | undefined,
): LoadedProfiles {
  const problems: string[] = []
  let unlisted = 0
  const note = (sentence: string) =>
    problems.length < MAX_PROBLEMS ? problems.push(sentence) : unlisted++
  let value: unknown
  const tooBig = raw === null ? null : jsonTextProblem(raw, INPUT_LIMITS.profilesChars)
  if (tooBig) note(`The saved profiles are not readable: the text ${tooBig}.`)
  else if (raw !== null)
    try {
      value = JSON.parse(raw)
    } catch {
      note('The saved profiles are not readable (not JSON).')
    }
  const saved = isRecord(value) ? value : {}
  const version = typeof saved.version === 'number' ? saved.version : NaN
  const list = version && Array.isArray(saved.profiles)
  const entries: unknown[] = list ? (saved.profiles as unknown[]) : []
  if (raw !== null && !problems.length && !entries.length)
    note(`The saved profiles ${list ? 'held none' : 'have an unknown shape'}.`)
  if (version > PROFILES_SCHEMA_VERSION)
    note(
      `The saved profiles were written by a newer version (schema ${version}); what this version knows was loaded.`,
    )

  const profiles: Profile[] = []
  let active = -1
  for (const [i, entry] of entries.entries()) {
    const fields = isRecord(entry) ? entry : {}
    const name = parseProfileName(fields.name)
    const read = readConfigObject(fields.config)
    const why = !isRecord(entry)
      ? 'it is not an object'
      : !name.ok
        ? `its name ${name.error}`
        : !read.ok
          ? `its configuration ${read.error}`
          : profiles.length >= INPUT_LIMITS.profiles
            ? `at most ${INPUT_LIMITS.profiles} profiles are kept`
            : null
    if (why || !name.ok || !read.ok) {
      note(`The saved profile #${i + 1} was left out: ${why}.`)
      continue
    }
    const id =
      typeof fields.id === 'string' &&
      ID.test(fields.id) &&
      !profiles.some((p) => p.id === fields.id)
        ? fields.id
        : nextId(profiles)
    const saved = freeName(name.value, profiles)
    if (saved !== name.value)
      note(`The saved profile #${i + 1} is now "${saved}": its name was taken.`)
    // The old configuration, where there is one, is the active profile's: its copy here is not judged.
    const named = id === fields.id && id === (value as Record<string, unknown>).active
    if (active === -1 && named) active = profiles.length
    if (!(named && current)) for (const p of read.value.problems) note(aboutProfile(saved, p))
    profiles.push({
      id,
      name: saved,
      config: active === profiles.length && current ? current : read.value.config,
    })
  }
  if (active === -1 && current) active = profiles.findIndex((p) => sameConfig(p.config, current))
  if (active === -1 && !current && profiles.length) active = 0
  if (active === -1) {
    // Which profile the configuration on show belongs to is unknown: keep it apart, lose nothing.
    const left = profiles.splice(INPUT_LIMITS.profiles - 1)
    const name = freeName(profiles.length ? RECOVERED_PROFILE_NAME : FIRST_PROFILE_NAME, profiles)
    active = profiles.push({ id: nextId(profiles), name, config: current ?? defaultConfig() }) - 1
    if (raw !== null && current)
      note(
        `The configuration on show is kept as the profile "${name}"${left.length ? `, in place of "${left[0]?.name}"` : ''}.`,
      )
  }
  if (unlisted) problems.push(`${unlisted} more problems were not listed.`)
  return { document: { version: 1, active: profiles[active]?.id ?? '', profiles }, problems }
}
