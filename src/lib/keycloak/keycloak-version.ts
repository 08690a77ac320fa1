// Keycloak's version: read from the admin API's server info, or typed by the user, and compared
// with the versions the facts and defects tables were recorded on. Keycloak numbers its releases
// major.minor.patch (26.5.6); builds of the main branch say 999.0.0-SNAPSHOT, Red Hat's builds add
// a suffix (26.0.6.redhat-00001): the suffix is kept for display and ignored when comparing.
import {
  KEYCLOAK_FACTS,
  KEYCLOAK_VERSIONS,
  type KeycloakFactCode,
  type KeycloakVersion,
} from './keycloak-facts'
import { err, ok, type Result } from '../core/result'

export interface ParsedVersion {
  major: number
  minor: number
  patch: number
  /** The text as given (trimmed), for display. */
  text: string
}

/** Where the version on show came from. */
type VersionSource = 'server' | 'user' | 'unknown'

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?:[.-][0-9A-Za-z.-]{1,40})?$/

/** Read a version as Keycloak prints it. Never throws. */
export function parseKeycloakVersion(text: unknown): Result<ParsedVersion> {
  if (typeof text !== 'string') return err('A Keycloak version is text like 26.5.6.')
  const trimmed = text.trim()
  const match = VERSION.exec(trimmed)
  if (!match) return err(`"${trimmed.slice(0, 60)}" is not a Keycloak version like 26.5.6.`)
  return ok({
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
    text: trimmed.replace(/^v/, ''),
  })
}

/** Negative when a is older than b, 0 when the same release, positive when newer. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

const must = (text: string): ParsedVersion => {
  const parsed = parseKeycloakVersion(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

/**
 * Versions affected by something: from `from` (inclusive) up to `fixedIn` (exclusive). `unknown`
 * on either side: not known; an open end (`fixedIn: null`) means not fixed in any release known.
 */
export interface VersionRange {
  from: string | 'unknown'
  fixedIn: string | null | 'unknown'
}

/** Is `version` inside `range`? `unknown` when the range's ends do not decide it. */
export function inRange(version: ParsedVersion, range: VersionRange): boolean | 'unknown' {
  const afterStart =
    range.from === 'unknown' ? 'unknown' : compareVersions(version, must(range.from)) >= 0
  const beforeFix =
    range.fixedIn === null
      ? true
      : range.fixedIn === 'unknown'
        ? 'unknown'
        : compareVersions(version, must(range.fixedIn)) < 0
  if (afterStart === false || beforeFix === false) return false
  if (afterStart === 'unknown' || beforeFix === 'unknown') return 'unknown'
  return true
}

/** The range in words: "from 19.0.3, not fixed", "fixed in 26.8.1", "versions not known". */
export function describeRange(range: VersionRange): string {
  if (range.from === 'unknown' && range.fixedIn === 'unknown') return 'versions not known'
  const from = range.from === 'unknown' ? '' : `from ${range.from}, `
  if (range.fixedIn === null) return `${from}not fixed`
  if (range.fixedIn === 'unknown') return `${from}fix not known`
  return `${from}fixed in ${range.fixedIn}`
}

/** The facts table's version this version is, if the table records it (same release). */
export function recordedVersion(version: ParsedVersion | null): KeycloakVersion | undefined {
  if (!version) return undefined
  return KEYCLOAK_VERSIONS.find((v) => compareVersions(must(v), version) === 0)
}

/**
 * The version in the admin API's server info (`GET /admin/serverinfo`, `systemInfo.version`).
 * Keycloak only includes it for a token that may manage the realm (realm-management's
 * manage-realm) or view the system: `undefined` otherwise.
 */
export function versionOfServerInfo(json: unknown): ParsedVersion | undefined {
  if (typeof json !== 'object' || json === null) return undefined
  const systemInfo = (json as Record<string, unknown>).systemInfo
  if (typeof systemInfo !== 'object' || systemInfo === null) return undefined
  const parsed = parseKeycloakVersion((systemInfo as Record<string, unknown>).version)
  return parsed.ok ? parsed.value : undefined
}

/** The list in words: "26.5.6 and 26.7.5". */
export function recordedVersionsText(): string {
  const all = [...KEYCLOAK_VERSIONS]
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all.at(-1)}` : (all[0] ?? '')
}

/** The realm's version as kept across the login redirect: what the user picked, what the server said. */
interface VersionState {
  /** Typed or picked by the user; '' when none. */
  picked: string
  /** Read from the admin API's server info of the Keycloak at `url`. */
  server: { url: string; version: string } | null
}

export const NO_VERSION: VersionState = { picked: '', server: null }

/** Read the stored state; anything damaged or of another format is no state. Never throws. */
export function readVersionState(raw: string | null): VersionState {
  if (!raw || raw.length > 2000) return NO_VERSION
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return NO_VERSION
  }
  if (typeof json !== 'object' || json === null) return NO_VERSION
  const { version, picked, server } = json as Record<string, unknown>
  if (version !== 1) return NO_VERSION
  const pickedOk = typeof picked === 'string' && parseKeycloakVersion(picked).ok ? picked : ''
  const s = typeof server === 'object' && server !== null ? (server as Record<string, unknown>) : {}
  const serverOk =
    typeof s.url === 'string' && typeof s.version === 'string' && parseKeycloakVersion(s.version).ok
      ? { url: s.url, version: s.version }
      : null
  return { picked: pickedOk, server: serverOk }
}

/** The state to store; null (remove the key) when nothing is known. */
export function writeVersionState(state: VersionState): string | null {
  if (!state.picked && !state.server) return null
  return JSON.stringify({ version: 1, picked: state.picked, server: state.server })
}

/** The version on show and where it came from: the server's for this server, else the user's. */
export function chooseVersion(
  state: VersionState,
  serverUrl: string | null,
): { version: ParsedVersion | null; source: VersionSource } {
  if (state.server && serverUrl !== null && sameServer(state.server.url, serverUrl)) {
    const parsed = parseKeycloakVersion(state.server.version)
    if (parsed.ok) return { version: parsed.value, source: 'server' }
  }
  const picked = parseKeycloakVersion(state.picked)
  return picked.ok
    ? { version: picked.value, source: 'user' }
    : { version: null, source: 'unknown' }
}

const sameServer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '')

/** The version on show from the stored text, with the facts table's version it is (if any). */
export function versionOf(
  stored: string,
  serverUrl: string | null,
): { version: ParsedVersion | null; source: VersionSource; recorded: KeycloakVersion | null } {
  const chosen = chooseVersion(readVersionState(stored), serverUrl)
  return { ...chosen, recorded: recordedVersion(chosen.version) ?? null }
}

/** The stored text after the user picked `text` ('' for unknown), or why it is not a version. */
export function withPicked(stored: string, text: string): Result<string> {
  const picked = text.trim()
  if (picked) {
    const parsed = parseKeycloakVersion(picked)
    if (!parsed.ok) return parsed
  }
  return ok(writeVersionState({ ...readVersionState(stored), picked }) ?? '')
}

/** The stored text after the server at `url` told its version. */
export function withServer(stored: string, url: string, version: string): string {
  return writeVersionState({ ...readVersionState(stored), server: { url, version } }) ?? ''
}

/**
 * A fact's sentence for the Keycloak in use: the version's own when the facts table records it;
 * otherwise (`null`: unknown, or a version the table does not record) the recorded sentence and
 * the versions it was recorded on.
 */
export function factTextFor(code: KeycloakFactCode, version: KeycloakVersion | null): string {
  const { text } = KEYCLOAK_FACTS[code]
  if (version) return text[version]
  const sentences = [...new Set(KEYCLOAK_VERSIONS.map((v) => text[v]))]
  return sentences.length === 1
    ? `${sentences[0]} (Recorded on Keycloak ${recordedVersionsText()}.)`
    : KEYCLOAK_VERSIONS.map((v) => `On Keycloak ${v}: ${text[v]}`).join(' ')
}
