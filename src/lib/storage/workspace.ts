// What this tab has on show: a saved profile, or a visitor (an unsaved configuration that a share
// link or a plan run brought). A visitor lives in this tab only (sessionStorage), so a link or a
// plan never writes into the saved profiles: they change only when the user keeps the visitor as a
// profile, or edits a profile that is on show. The tab state is
// { version: 1, shown, visitor } and is read field by field like every stored document here.
import type { PlaygroundConfig } from '../request/config'
import { issuerOf } from '../session/login-flow'
import { INPUT_LIMITS } from '../core/limits'
import { isRecord } from '../core/json-value'
import { UNPRINTABLE } from './profiles'
import { readConfigObject } from './stored-config'

/** The id a visitor has in the profile list; no saved profile has it (their ids are p1, p2, …). */
export const VISITOR_ID = 'visitor'

/** Where a visitor came from: a share link, a plan run, or a profile another tab deleted. */
export type VisitorOrigin = 'link' | 'plan' | 'orphan'

/** What was on show before a visitor came: where a plan run goes back to when it ends. */
interface ShownBefore {
  shown: string
  visitor: Visitor | null
}

export interface Visitor {
  name: string
  from: VisitorOrigin
  config: PlaygroundConfig
  /** A plan run's way back: what was on show when it started. */
  returnTo: ShownBefore | null
  /** A link that named a provider: nothing is sent to it before the user says so. */
  askFirst?: boolean
}

export interface TabState {
  version: 1
  /** A saved profile's id, or VISITOR_ID. '' when nothing was chosen in this tab yet. */
  shown: string
  visitor: Visitor | null
}

export const EMPTY_TAB: TabState = { version: 1, shown: '', visitor: null }

/** "From a link: keycloak.example · acme · web": what a link points at, in a few words. */
export function linkWorkspaceName(config: PlaygroundConfig): string {
  const issuer = issuerOf(config)
  const host = URL.parse(issuer)?.host ?? issuer
  const parts = [host, config.mode === 'keycloak' ? config.realm : '', config.clientId]
  const name = `From a link: ${parts.filter((p) => p !== '').join(' · ')}`
  return clip(name.replace(UNPRINTABLE, '\ufffd'))
}

/** The name a plan run's workspace is shown under. */
export function planWorkspaceName(planName: string): string {
  return clip(`Plan run: ${planName.replace(UNPRINTABLE, '\ufffd')}`)
}

/** The name the configuration of a profile deleted in another tab keeps here. */
export function orphanWorkspaceName(profileName: string): string {
  return clip(`Deleted in another tab: ${profileName}`)
}

function clip(name: string): string {
  const max = INPUT_LIMITS.profileNameChars
  return name.length > max ? `${name.slice(0, max - 1)}…` : name
}

/** The visitor's default name when it is kept as a profile: its own, less the "From a link: ". */
export function keptName(visitor: Visitor): string {
  return visitor.name.replace(/^(From a link|Plan run|Deleted in another tab): /, '')
}

/** A new visitor on show; what was on show before is kept for a plan run's way back. */
export function withVisitor(
  tab: TabState,
  visitor: Omit<Visitor, 'returnTo'>,
  keepReturn: boolean,
): TabState {
  const returnTo = keepReturn ? { shown: tab.shown, visitor: tab.visitor } : null
  return { version: 1, shown: VISITOR_ID, visitor: { ...visitor, returnTo } }
}

/**
 * Which configuration the tab shows: the visitor, the profile it names, or (a new tab, a profile
 * deleted meanwhile) the profile shown last in any tab.
 */
export function resolveShown(
  tab: TabState,
  profileIds: readonly string[],
  lastShown: string,
): string {
  if (tab.shown === VISITOR_ID && tab.visitor) return VISITOR_ID
  if (profileIds.includes(tab.shown)) return tab.shown
  return profileIds.includes(lastShown) ? lastShown : (profileIds[0] ?? '')
}

function readShownBefore(value: unknown, depth: number): ShownBefore | null {
  if (!isRecord(value) || typeof value.shown !== 'string') return null
  return { shown: value.shown, visitor: depth > 0 ? readVisitor(value.visitor, depth - 1) : null }
}

function readVisitor(value: unknown, depth = 1): Visitor | null {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name.trim() === '') return null
  const from = value.from
  if (from !== 'link' && from !== 'plan' && from !== 'orphan') return null
  const read = readConfigObject(value.config)
  if (!read.ok) return null
  return {
    name: clip(value.name.replace(UNPRINTABLE, '\ufffd')),
    from,
    config: read.value.config,
    returnTo: readShownBefore(value.returnTo, depth),
    ...(value.askFirst === true ? { askFirst: true } : {}),
  }
}

/** Read this tab's state; anything unreadable is no state (the tab shows the last profile). Never throws. */
export function readTabState(raw: string | null): TabState {
  if (raw === null || raw.length > INPUT_LIMITS.profilesChars) return EMPTY_TAB
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return EMPTY_TAB
  }
  if (!isRecord(value) || value.version !== 1) return EMPTY_TAB
  const visitor = readVisitor(value.visitor)
  const shown = typeof value.shown === 'string' ? value.shown : ''
  return { version: 1, shown: shown === VISITOR_ID && !visitor ? '' : shown, visitor }
}

export function serializeTabState(tab: TabState): string | null {
  return tab.shown === '' && !tab.visitor ? null : JSON.stringify(tab)
}
