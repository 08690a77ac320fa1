// What only the profile tools need, in a chunk of its own: save as, rename, delete, and the file a
// user exports and imports: { "acrPlaygroundProfiles": 1, "profiles": [{ name, config }] }.
// Public contract v1: see README (Profiles). Old files keep importing; a newer one is read for
// what this version knows.
import type { PlaygroundConfig } from '../request/config'
import { describeJsonError } from '../core/json-error'
import { isRecord } from '../core/json-value'
import { INPUT_LIMITS, jsonTextProblem, quoteValue } from '../core/limits'
import { issuerOf } from '../session/login-flow'
import {
  checkSize,
  findByName,
  freeName,
  nextId,
  parseProfileName,
  sameConfig,
  UNPRINTABLE,
  type ProfilesDocument,
} from './profiles'
import { err, ok, type Result } from '../core/result'
import { readConfigObject } from './stored-config'

/** The export file's format, named by its marker field `acrPlaygroundProfiles`. */
const PROFILES_FILE_VERSION = 1

type ImportOutcome = 'imported' | 'renamed' | 'unchanged' | 'refused'

/** What became of one profile of an imported file. */
export interface ImportLine {
  /** The name in the file (escaped and shortened when it was refused for it), or "#n". */
  name: string
  outcome: ImportOutcome
  /** The name it is saved under (renamed: the file's name is taken by another configuration). */
  savedAs?: string
  /** Why it was refused. */
  reason?: string
  /** Where its logins go: a file cannot hide which provider a profile talks to. */
  provider?: string
  /** Fields that could not be read (reset to their default), and the API URL rule. */
  notes: string[]
}

export interface ProfilesImport {
  document: ProfilesDocument
  lines: ImportLine[]
  /** About the file as a whole (a newer format). */
  notes: string[]
}

/** A refused name as the report shows it: escaped (no control character acts), at most 40 long. */
function shown(name: string): string {
  const escaped = name.replace(
    new RegExp(UNPRINTABLE.source, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return escaped.length > 40 ? `${escaped.slice(0, 39)}…` : escaped
}

/** A valid profile name no other profile (but `self`) holds. */
function availableName(document: ProfilesDocument, name: string, self?: string): Result<string> {
  const parsed = parseProfileName(name)
  if (!parsed.ok) return err(`The name ${parsed.error}.`)
  const taken = findByName(document.profiles, parsed.value)
  if (taken && taken.id !== self) return err(`A profile named "${taken.name}" exists already.`)
  return parsed
}

/** A new profile holding `config`, made the active one (Save as: what follows edits the copy). */
export function addProfile(
  document: ProfilesDocument,
  name: string,
  config: PlaygroundConfig,
): Result<ProfilesDocument> {
  const parsed = availableName(document, name)
  if (!parsed.ok) return parsed
  if (document.profiles.length >= INPUT_LIMITS.profiles)
    return err(`At most ${INPUT_LIMITS.profiles} profiles can be kept: delete one first.`)
  const id = nextId(document.profiles)
  return checkSize({
    ...document,
    active: id,
    profiles: [...document.profiles, { id, name: parsed.value, config }],
  })
}

export function renameProfile(
  document: ProfilesDocument,
  id: string,
  name: string,
): Result<ProfilesDocument> {
  if (!document.profiles.some((p) => p.id === id)) return err('There is no such profile.')
  const parsed = availableName(document, name, id)
  if (!parsed.ok) return parsed
  return ok({
    ...document,
    profiles: document.profiles.map((p) => (p.id === id ? { ...p, name: parsed.value } : p)),
  })
}

/** Without the profile; the last one stays. Removing the active one makes the first left active. */
export function removeProfile(document: ProfilesDocument, id: string): Result<ProfilesDocument> {
  if (!document.profiles.some((p) => p.id === id)) return err('There is no such profile.')
  if (document.profiles.length === 1) return err('The last profile cannot be deleted.')
  const profiles = document.profiles.filter((p) => p.id !== id)
  const active = document.active === id ? (profiles[0]?.id ?? '') : document.active
  return ok({ ...document, active, profiles })
}

/**
 * The file a user downloads. No API URL: an import keeps the current one anyway (a colleague's file
 * must not choose where tokens are sent), so carrying one would only mislead.
 */
export function encodeProfilesFile(document: ProfilesDocument): string {
  const file = {
    acrPlaygroundProfiles: PROFILES_FILE_VERSION,
    profiles: document.profiles.map((p) => {
      const config: Partial<PlaygroundConfig> = { ...p.config }
      delete config.apiUrl
      return { name: p.name, config }
    }),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/**
 * Merge a profiles file into the document, by name. Never throws and never replaces a profile: a
 * new name is imported; a name taken by the same configuration is left as it is; a name taken by
 * another is imported under a free name ("Work (2)"); the rest is refused, each with its reason.
 * Every imported configuration gets `apiUrl`, the current API URL. The active profile stays.
 */
export function importProfilesFile(
  document: ProfilesDocument,
  text: string,
  apiUrl: string,
): Result<ProfilesImport> {
  const refused = (why: string) => err(`The file ${why}; nothing was imported.`)
  const tooBig = jsonTextProblem(text, INPUT_LIMITS.profilesChars)
  if (tooBig) return refused(tooBig)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return refused(`is not JSON: ${describeJsonError(text, error).replace(/^Not JSON: |\.$/g, '')}`)
  }
  if (!isRecord(value) || !('acrPlaygroundProfiles' in value))
    return refused('is not an ACR Playground profiles file')
  const version = value.acrPlaygroundProfiles
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return refused(`has the format ${quoteValue(version)}, not one this playground reads`)
  if (!Array.isArray(value.profiles)) return refused('holds no list of profiles')
  const entries = value.profiles as unknown[]
  if (entries.length > INPUT_LIMITS.profiles)
    return refused(`holds ${entries.length} profiles; at most ${INPUT_LIMITS.profiles} can be kept`)
  const notes =
    version > PROFILES_FILE_VERSION
      ? [
          `The file was written by a newer version (format ${version}); what this version knows was read.`,
        ]
      : []

  let merged = document
  const lines = entries.map((entry, i): ImportLine => {
    const refuse = (name: string, reason: string): ImportLine => ({
      name,
      outcome: 'refused',
      reason,
      notes: [],
    })
    if (!isRecord(entry)) return refuse(`#${i + 1}`, 'it is not an object')
    const name = parseProfileName(entry.name)
    if (!name.ok)
      return refuse(
        typeof entry.name === 'string' ? shown(entry.name) : `#${i + 1}`,
        `its name ${name.error}`,
      )
    const read = readConfigObject(entry.config, 'imported')
    if (!read.ok) return refuse(name.value, `its configuration ${read.error}`)
    const config = { ...read.value.config, apiUrl }
    const lineNotes = read.value.problems
    if (isRecord(entry.config) && 'apiUrl' in entry.config && entry.config.apiUrl !== apiUrl)
      lineNotes.push('Its API URL was not taken: a file never chooses where tokens are sent.')
    const provider = issuerOf(config)
    const taken = findByName(merged.profiles, name.value)
    if (taken && sameConfig(taken.config, config))
      return {
        name: name.value,
        outcome: 'unchanged',
        savedAs: taken.name,
        provider,
        notes: lineNotes,
      }
    if (merged.profiles.length >= INPUT_LIMITS.profiles)
      return refuse(name.value, `at most ${INPUT_LIMITS.profiles} profiles can be kept`)
    const savedAs = freeName(name.value, merged.profiles)
    const next = checkSize({
      ...merged,
      profiles: [...merged.profiles, { id: nextId(merged.profiles), name: savedAs, config }],
    })
    if (!next.ok) return refuse(name.value, next.error)
    merged = next.value
    return {
      name: name.value,
      outcome: savedAs === name.value ? 'imported' : 'renamed',
      savedAs,
      provider,
      notes: lineNotes,
    }
  })
  return ok({ document: merged, lines, notes })
}
