// Profiles: the saved configurations (localStorage, shared by every tab), and what this tab has on
// show (sessionStorage): one of them, or a visitor that a link or a plan run brought. The config
// store holds the configuration on show; every edit of it is kept where it belongs: in the profile
// on show (that profile only), or in the tab's visitor. A link or a plan never writes a saved
// profile; other tabs' changes are followed through the `storage` event. Rules: src/lib/storage/workspace.ts.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { useAddressBar } from '@/composables/useAddressBar'
import { readKey, safeStorage, useStoredRef, writeKey } from '@/composables/useStoredRef'
import type { PlaygroundConfig } from '@/lib/request/config'
import {
  checkSize,
  readStoredProfiles,
  sameConfig,
  serializeProfiles,
  singleProfile,
  withActiveConfig,
  withProfileConfig,
  type ProfilesDocument,
} from '@/lib/storage/profiles'
import type { ProfilesImport } from '@/lib/storage/profiles-file'
import { err, ok, type Result } from '@/lib/core/result'
import {
  STORAGE_KEY_CONFIG,
  STORAGE_KEY_CONFIG_BACKUP,
  STORAGE_KEY_PROFILES,
  STORAGE_KEY_PROFILES_BACKUP,
  STORAGE_KEY_WORKSPACE,
} from '@/lib/storage/storage-keys'
import { readStoredConfig } from '@/lib/storage/stored-config'
import {
  EMPTY_TAB,
  orphanWorkspaceName,
  readTabState,
  resolveShown,
  serializeTabState,
  VISITOR_ID,
  withVisitor,
  type TabState,
  type Visitor,
  type VisitorOrigin,
} from '@/lib/storage/workspace'
import { useConfigStore } from '@/stores/config'
import { useLoginStore } from '@/stores/login'
import { useResourceCallsStore } from '@/stores/resource-calls'
import { useProviderStore } from '@/stores/provider'

/** A plain copy: the document never shares an object with the config store's reactive state. */
function copyOf(config: PlaygroundConfig): PlaygroundConfig {
  return JSON.parse(JSON.stringify(config)) as PlaygroundConfig
}

/** Save as, rename, delete and the file codec: only the profile tools need them. */
const tools = () => import('@/lib/storage/profiles-file')

interface ListedProfile {
  id: string
  name: string
  /** false for this tab's visitor (a link's or a plan run's configuration): not kept anywhere else. */
  saved: boolean
}

export const useProfilesStore = defineStore('profiles', () => {
  const configStore = useConfigStore()
  const login = useLoginStore()
  const calls = useResourceCallsStore()
  const provider = useProviderStore()
  const redirectUri = useAddressBar().pageUrl
  const local = safeStorage('local')
  const session = safeStorage('session')

  /** What could not be read from storage, one sentence each; the user may dismiss them. */
  const problems = ref<string[]>([])
  /** The same for the configuration stored before profiles (read once, then removed). */
  const storageProblems = ref<string[]>([])
  /** The document would outgrow its size limit: the latest edits are not in it. */
  const sizeProblem = ref<string | null>(null)
  /** Another tab changed or deleted the profile on show: what this tab now shows, said once. */
  const changedElsewhere = ref<string | null>(null)

  // The configuration stored before profiles was the active profile's: it is read once.
  const legacyRaw = readKey(local, STORAGE_KEY_CONFIG)
  const legacy = legacyRaw === null ? null : readStoredConfig(legacyRaw)
  if (legacyRaw !== null && legacy && legacy.problems.length > 0) {
    writeKey(local, STORAGE_KEY_CONFIG_BACKUP, legacyRaw)
    storageProblems.value = [
      ...legacy.problems,
      `The saved text as it was is kept in localStorage under "${STORAGE_KEY_CONFIG_BACKUP}".`,
    ]
  }
  let reading = true
  const stored = useStoredRef<ProfilesDocument>(
    STORAGE_KEY_PROFILES,
    {
      read: (raw) => {
        const loaded = readStoredProfiles(raw, reading ? legacy?.config : undefined)
        if (reading) problems.value = loaded.problems
        return loaded.document
      },
      write: serializeProfiles,
    },
    {
      storage: local,
      deep: false,
      listen: true,
      onElsewhere: (next, previous) =>
        followElsewhere(next as ProfilesDocument, previous as ProfilesDocument),
    },
  )
  reading = false
  const document = stored.value
  if (stored.raw !== null && problems.value.length > 0) {
    // Keep what could not be read before the document is written again.
    writeKey(local, STORAGE_KEY_PROFILES_BACKUP, stored.raw)
    problems.value.push(
      `The saved text as it was is kept in localStorage under "${STORAGE_KEY_PROFILES_BACKUP}".`,
    )
  }
  /** The storage refused the first write: nothing is kept beyond this tab. */
  const firstWriteFailed = ref(false)
  if (legacyRaw !== null || stored.raw === null || problems.value.length > 0) {
    // Written once in the new form; the old key is gone only once its content is kept.
    if (writeKey(local, STORAGE_KEY_PROFILES, serializeProfiles(document.value)))
      writeKey(local, STORAGE_KEY_CONFIG, null)
    else firstWriteFailed.value = true
  }

  const tab = useStoredRef<TabState>(
    STORAGE_KEY_WORKSPACE,
    { read: readTabState, write: serializeTabState },
    { storage: session, deep: false },
  ).value

  /** Clean starts on this page (a switch, deleting the profile on show): App.vue drops a link's notice. */
  const switches = ref(0)

  const visitor = computed<Visitor | null>(() => tab.value.visitor)
  const activeId = computed(() =>
    resolveShown(
      tab.value,
      document.value.profiles.map((p) => p.id),
      document.value.active,
    ),
  )
  const list = computed<ListedProfile[]>(() => [
    ...document.value.profiles.map(({ id, name }) => ({ id, name, saved: true })),
    ...(visitor.value ? [{ id: VISITOR_ID, name: visitor.value.name, saved: false }] : []),
  ])
  const active = computed(() => list.value.find((p) => p.id === activeId.value))
  /** A link's (or plan's) unsaved configuration is on show. */
  const visiting = computed(() => activeId.value === VISITOR_ID)

  /** Keep `next` unless its text would pass the size limit (then say so, keep the last one). */
  function keep(next: ProfilesDocument): boolean {
    if (next === document.value) return true
    const checked = checkSize(next)
    sizeProblem.value = checked.ok ? null : checked.error
    if (checked.ok) document.value = checked.value
    return checked.ok
  }

  /** The configuration on show goes where it belongs: its profile (that one only), or the visitor. */
  function keepConfig(): boolean {
    const config = copyOf(configStore.config)
    if (visiting.value && tab.value.visitor) {
      if (!sameConfig(tab.value.visitor.config, config))
        tab.value = { ...tab.value, visitor: { ...tab.value.visitor, config } }
      return true
    }
    return keep(withProfileConfig(document.value, activeId.value, config))
  }

  function configOf(id: string): PlaygroundConfig | undefined {
    if (id === VISITOR_ID) return tab.value.visitor?.config
    return document.value.profiles.find((p) => p.id === id)?.config
  }

  // What this tab shows, from its own state (a reload, a return from the provider) or the last shown.
  const startConfig = configOf(activeId.value)
  if (startConfig) configStore.replace(copyOf(startConfig))
  if (tab.value.shown !== activeId.value) tab.value = { ...tab.value, shown: activeId.value }
  // Every edit of the configuration is kept at once: a reload loses nothing.
  watch(() => configStore.config, keepConfig, { deep: true, flush: 'sync' })

  /** Another tab wrote the profiles: the list follows; the profile on show follows, and says so. */
  function followElsewhere(next: ProfilesDocument, previous: ProfilesDocument) {
    if (visiting.value) return
    const id = tab.value.shown
    const mine = next.profiles.find((p) => p.id === id)
    const before = previous.profiles.find((p) => p.id === id)
    if (!mine && before) {
      // Deleted elsewhere: what is on show stays here, as an unsaved configuration.
      const name = orphanWorkspaceName(before.name)
      tab.value = withVisitor(
        tab.value,
        { name, from: 'orphan', config: copyOf(configStore.config) },
        false,
      )
      changedElsewhere.value = `The profile "${before.name}" was deleted in another tab. What was on show is kept here, unsaved, as "${name}".`
    } else if (mine && !sameConfig(mine.config, configStore.config)) {
      configStore.replace(copyOf(mine.config))
      changedElsewhere.value = `The profile "${mine.name}" was changed in another tab: this tab now shows its latest version.`
    }
  }

  /** The user said to connect to the provider a link named (`link-connect`). */
  const consented = ref(false)
  /**
   * A link's workspace names a provider this browser never connected to: nothing is sent to it
   * until the user says so, not at load, not after a reload, not when the workspace is chosen again.
   */
  const awaitingConsent = computed(
    () =>
      visiting.value &&
      tab.value.visitor?.askFirst === true &&
      !consented.value &&
      !provider.isKnown(configStore.target),
  )
  function consentToConnect() {
    consented.value = true
    void provider.connect(configStore.target, redirectUri)
  }

  /** A clean start: no result, no tokens, no probe answers, a new keycloak-js instance. */
  function cleanStart() {
    login.forget()
    calls.forget()
    // connect() keeps a ready instance for the same provider: a switch must start afresh.
    if (!awaitingConsent.value) void provider.restart(configStore.target, redirectUri)
  }

  /** Put `next` on show (a profile, or the visitor) with its configuration. */
  function showTab(next: TabState, clean: boolean) {
    tab.value = next
    const id = activeId.value
    if (next.shown !== id) tab.value = { ...next, shown: id }
    if (id !== VISITOR_ID) keep({ ...document.value, active: id })
    const config = configOf(id)
    if (config) configStore.replace(copyOf(config))
    if (clean) {
      cleanStart()
      switches.value++
    }
  }

  /** Show another profile (or the visitor): its configuration, exactly as kept, and a clean start. */
  function switchTo(id: string): Result<void> {
    if (!configOf(id)) return err('There is no such profile.')
    if (id === activeId.value) return ok(undefined)
    // The configuration on show must be kept before another replaces it.
    if (!keepConfig()) return err(sizeProblem.value ?? 'The profile on show could not be kept.')
    changedElsewhere.value = null
    showTab({ ...tab.value, shown: id }, true)
    return ok(undefined)
  }

  /**
   * A visitor: a link's or a plan run's configuration, on show in this tab and kept nowhere else.
   * A plan run's visitor remembers what was on show, for `endVisit`.
   */
  function visit(
    name: string,
    from: VisitorOrigin,
    config: PlaygroundConfig,
    { askFirst = false } = {},
  ) {
    keepConfig()
    changedElsewhere.value = null
    if (askFirst) consented.value = false
    const visitor = { name, from, config: copyOf(config), ...(askFirst ? { askFirst } : {}) }
    showTab(withVisitor(tab.value, visitor, from === 'plan'), false)
  }

  /** A plan run ended: what was on show before it comes back (its configuration as it was). */
  function endVisit() {
    const back = tab.value.visitor?.returnTo
    if (!visiting.value || !back) return
    showTab({ version: 1, shown: back.shown, visitor: back.visitor }, false)
  }

  /** Keep the visitor as a saved profile named `name`; it is then the profile on show. */
  async function keepVisitor(name: string): Promise<Result<string>> {
    const current = tab.value.visitor
    if (!current) return err('There is no unsaved configuration on show.')
    const added = (await tools()).addProfile(document.value, name, copyOf(configStore.config))
    if (!added.ok) return added
    if (!keep(added.value)) return err(sizeProblem.value ?? 'The profile could not be kept.')
    tab.value = { version: 1, shown: added.value.active, visitor: null }
    return ok(added.value.active)
  }

  /** A new profile with the configuration on show, now the one on show (nothing restarts). */
  async function saveAs(name: string): Promise<Result<string>> {
    if (visiting.value) return keepVisitor(name)
    const added = (await tools()).addProfile(document.value, name, copyOf(configStore.config))
    if (!added.ok) return added
    if (!keep(added.value)) return err(sizeProblem.value ?? 'The profile could not be kept.')
    tab.value = { ...tab.value, shown: added.value.active }
    return ok(added.value.active)
  }

  async function rename(id: string, name: string): Promise<Result<void>> {
    if (id === VISITOR_ID) return err('Keep it as a profile first: then it has a name of its own.')
    const renamed = (await tools()).renameProfile(document.value, id, name)
    if (!renamed.ok) return renamed
    if (!keep(renamed.value)) return err(sizeProblem.value ?? 'The profile could not be kept.')
    return ok(undefined)
  }

  /** Delete a profile (never the last); deleting the one on show switches to the first left. */
  async function remove(id: string): Promise<Result<void>> {
    if (id === VISITOR_ID) {
      if (!visiting.value) tab.value = { ...tab.value, visitor: null }
      else showTab({ version: 1, shown: document.value.active, visitor: null }, true)
      return ok(undefined)
    }
    const removed = (await tools()).removeProfile(document.value, id)
    if (!removed.ok) return removed
    const onShow = id === activeId.value
    if (!keep(removed.value)) return err(sizeProblem.value ?? 'The profiles could not be kept.')
    if (onShow) showTab({ ...tab.value, shown: removed.value.active }, true)
    return ok(undefined)
  }

  /** The text of the export file: the saved profiles (a visitor is not one). */
  async function exportFile(): Promise<string> {
    const current = visiting.value
      ? document.value
      : withActiveConfig({ ...document.value, active: activeId.value }, copyOf(configStore.config))
    return (await tools()).encodeProfilesFile(current)
  }

  /** Merge a profiles file in; the configuration on show stays. */
  async function importFile(text: string): Promise<Result<Omit<ProfilesImport, 'document'>>> {
    const imported = (await tools()).importProfilesFile(
      document.value,
      text,
      configStore.config.apiUrl,
    )
    if (!imported.ok) return imported
    if (!keep({ ...imported.value.document, active: document.value.active }))
      return err(sizeProblem.value ?? 'The profiles could not be kept.')
    return ok({ lines: imported.value.lines, notes: imported.value.notes })
  }

  /** Forget everything: one profile with the configuration on show, nothing in storage. */
  function forget() {
    document.value = singleProfile(copyOf(configStore.config))
    tab.value = { ...EMPTY_TAB, shown: document.value.active }
    for (const key of [
      STORAGE_KEY_PROFILES,
      STORAGE_KEY_PROFILES_BACKUP,
      STORAGE_KEY_CONFIG_BACKUP,
    ])
      writeKey(local, key, null)
    writeKey(session, STORAGE_KEY_WORKSPACE, null)
    problems.value = []
    storageProblems.value = []
    sizeProblem.value = null
    changedElsewhere.value = null
  }

  return {
    list,
    activeId,
    active,
    visitor,
    visiting,
    awaitingConsent,
    consentToConnect,
    problems,
    storageProblems,
    sizeProblem,
    changedElsewhere,
    switches,
    saveFailed: computed(() => stored.saveFailed.value || firstWriteFailed.value),
    switchTo,
    visit,
    endVisit,
    keepVisitor,
    saveAs,
    rename,
    remove,
    exportFile,
    importFile,
    forget,
  }
})
