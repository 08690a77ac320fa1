// Profiles: named configurations, one active. The active one's configuration is the config store's
// (STORAGE_KEY_CONFIG keeps holding it, so links, presets and editors change the active profile
// without knowing of profiles); every change of it is copied into the document at once.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { useAddressBar } from '@/composables/useAddressBar'
import { safeStorage, useStoredRef, writeKey } from '@/composables/useStoredRef'
import type { PlaygroundConfig } from '@/lib/config'
import {
  checkSize,
  readStoredProfiles,
  serializeProfiles,
  singleProfile,
  withActiveConfig,
  type ProfilesDocument,
} from '@/lib/profiles'
import type { ProfilesImport } from '@/lib/profiles-file'
import { err, ok, type Result } from '@/lib/result'
import { STORAGE_KEY_PROFILES, STORAGE_KEY_PROFILES_BACKUP } from '@/lib/storage-keys'
import { useConfigStore } from '@/stores/config'
import { useLoginStore } from '@/stores/login'
import { useProbesStore } from '@/stores/probes'
import { useProviderStore } from '@/stores/provider'

/** localStorage: stored profiles that could not be read, kept so nothing is lost. */

/** A plain copy: the document never shares an object with the config store's reactive state. */
function copyOf(config: PlaygroundConfig): PlaygroundConfig {
  return JSON.parse(JSON.stringify(config)) as PlaygroundConfig
}

/** Save as, rename, delete and the file codec: only the profile tools need them. */
const tools = () => import('@/lib/profiles-file')

export const useProfilesStore = defineStore('profiles', () => {
  const configStore = useConfigStore()
  const login = useLoginStore()
  const probes = useProbesStore()
  const provider = useProviderStore()
  const redirectUri = useAddressBar().pageUrl
  const storage = safeStorage('local')

  /** What could not be read from storage, one sentence each; the user may dismiss them. */
  const problems = ref<string[]>([])
  /** The document would outgrow its size limit: the active profile's latest edits are not in it. */
  const sizeProblem = ref<string | null>(null)
  const stored = useStoredRef<ProfilesDocument>(
    STORAGE_KEY_PROFILES,
    {
      read: (raw) => {
        const loaded = readStoredProfiles(raw, copyOf(configStore.config))
        problems.value = loaded.problems
        return loaded.document
      },
      write: serializeProfiles,
    },
    { storage, deep: false },
  )
  const document = stored.value
  if (stored.raw !== null && problems.value.length > 0) {
    // Keep what could not be read before the document is written again.
    writeKey(storage, STORAGE_KEY_PROFILES_BACKUP, stored.raw)
    problems.value.push(
      `The saved text as it was is kept in localStorage under "${STORAGE_KEY_PROFILES_BACKUP}".`,
    )
  }

  /** Clean starts on this page (a switch, deleting the active profile): App.vue drops a link's notice. */
  const switches = ref(0)

  const list = computed(() => document.value.profiles.map(({ id, name }) => ({ id, name })))
  const activeId = computed(() => document.value.active)
  const active = computed(() => list.value.find((p) => p.id === activeId.value))

  /** Keep `next` unless its text would pass the size limit (then say so, keep the last one). */
  function keep(next: ProfilesDocument): boolean {
    const checked = checkSize(next)
    sizeProblem.value = checked.ok ? null : checked.error
    if (checked.ok) document.value = checked.value
    return checked.ok
  }
  const keepConfig = () => keep(withActiveConfig(document.value, copyOf(configStore.config)))

  // Every change of the configuration is a change of the active profile: a reload loses nothing.
  watch(() => configStore.config, keepConfig, { deep: true, flush: 'sync' })
  // A link (applied before this store started) or a migration left the document behind.
  keepConfig()

  /** A clean start: no result, no tokens, no probe answers, a new keycloak-js instance. */
  function cleanStart() {
    login.forget()
    probes.forget()
    // connect() keeps a ready instance for the same provider: a switch must start afresh.
    void provider.restart(configStore.target, redirectUri)
  }

  /** Put a profile's configuration on show and start clean (the document names it active). */
  function show(next: ProfilesDocument) {
    const profile = next.profiles.find((p) => p.id === next.active)
    document.value = next
    if (profile) configStore.replace(copyOf(profile.config))
    cleanStart()
    switches.value++
  }

  /** Make another profile the active one: its configuration on show, and a clean start. */
  function switchTo(id: string): Result<void> {
    if (!document.value.profiles.some((p) => p.id === id)) return err('There is no such profile.')
    if (id === document.value.active) return ok(undefined)
    // The configuration on show must be in its profile before another replaces it.
    if (!keepConfig()) return err(sizeProblem.value ?? 'The profile on show could not be kept.')
    show({ ...document.value, active: id })
    return ok(undefined)
  }

  /** A new profile with the configuration on show, made the active one (nothing restarts). */
  async function saveAs(name: string): Promise<Result<string>> {
    const added = (await tools()).addProfile(document.value, name, copyOf(configStore.config))
    if (!added.ok) return added
    document.value = added.value
    return ok(added.value.active)
  }

  async function rename(id: string, name: string): Promise<Result<void>> {
    const renamed = (await tools()).renameProfile(document.value, id, name)
    if (!renamed.ok) return renamed
    document.value = renamed.value
    return ok(undefined)
  }

  /** Delete a profile (never the last); deleting the active one switches to the first left. */
  async function remove(id: string): Promise<Result<void>> {
    const removed = (await tools()).removeProfile(document.value, id)
    if (!removed.ok) return removed
    if (id === document.value.active) show(removed.value)
    else document.value = removed.value
    return ok(undefined)
  }

  /** The text of the export file (the active profile as it is on show). */
  async function exportFile(): Promise<string> {
    return (await tools()).encodeProfilesFile(
      withActiveConfig(document.value, copyOf(configStore.config)),
    )
  }

  /** Merge a profiles file in; the active profile and the configuration on show stay. */
  async function importFile(text: string): Promise<Result<Omit<ProfilesImport, 'document'>>> {
    const imported = (await tools()).importProfilesFile(
      document.value,
      text,
      configStore.config.apiUrl,
    )
    if (!imported.ok) return imported
    document.value = imported.value.document
    return ok({ lines: imported.value.lines, notes: imported.value.notes })
  }

  /** Forget everything: one profile with the configuration on show, nothing in storage. */
  function forget() {
    document.value = singleProfile(copyOf(configStore.config))
    writeKey(storage, STORAGE_KEY_PROFILES, null)
    writeKey(storage, STORAGE_KEY_PROFILES_BACKUP, null)
    problems.value = []
    sizeProblem.value = null
  }

  return {
    list,
    activeId,
    active,
    problems,
    sizeProblem,
    switches,
    saveFailed: stored.saveFailed,
    switchTo,
    saveAs,
    rename,
    remove,
    exportFile,
    importFile,
    forget,
  }
})
