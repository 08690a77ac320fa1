// Web Storage glue. Keys live in src/lib/storage-keys.ts; nothing here ever stores a token.
import { ref, watch } from 'vue'

import { parseHistory, type Attempt } from '@/lib/history'
import {
  KEYCLOAK_JS_CALLBACK_PREFIX,
  STORAGE_KEY_CONFIG,
  STORAGE_KEY_CONFIG_BACKUP,
  STORAGE_KEY_HISTORY,
  STORAGE_KEY_LOGOUT,
  STORAGE_KEY_PENDING,
} from '@/lib/storage-keys'
import { readStoredConfig, serializeConfig } from '@/lib/stored-config'
import type { useConfigStore } from '@/stores/config'
import type { useHistoryStore } from '@/stores/history'

type MaybeStorage = Storage | undefined

function safeStorage(get: () => Storage): MaybeStorage {
  try {
    return get() // throws in some browsers when storage is disabled
  } catch {
    return undefined
  }
}

function read(storage: MaybeStorage, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function write(storage: MaybeStorage, key: string, value: string | null): boolean {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, value)
    return storage !== undefined
  } catch {
    return false
  }
}

export interface StorageOptions {
  storage?: MaybeStorage
}

/** Load the configuration from localStorage into the store and keep it saved. */
export function usePersistedConfig(
  store: ReturnType<typeof useConfigStore>,
  { storage = safeStorage(() => globalThis.localStorage) }: StorageOptions = {},
) {
  const raw = read(storage, STORAGE_KEY_CONFIG)
  const loaded = readStoredConfig(raw)
  const problems = ref(loaded.problems)
  if (raw !== null && loaded.problems.length > 0) {
    // Keep what could not be read, so fixing the form never loses the original.
    write(storage, STORAGE_KEY_CONFIG_BACKUP, raw)
    problems.value.push(
      `The saved text as it was is kept in localStorage under "${STORAGE_KEY_CONFIG_BACKUP}".`,
    )
  }
  store.replace(loaded.config)
  const saveFailed = ref(storage === undefined)
  watch(
    () => store.config,
    (config) => {
      saveFailed.value = !write(storage, STORAGE_KEY_CONFIG, serializeConfig(config))
    },
    { deep: true },
  )
  return { problems, saveFailed }
}

/** The login history of this tab, in sessionStorage. */
export function usePersistedHistory(
  store: ReturnType<typeof useHistoryStore>,
  { storage = safeStorage(() => globalThis.sessionStorage) }: StorageOptions = {},
) {
  store.load(parseHistory(read(storage, STORAGE_KEY_HISTORY)))
  watch(
    () => store.attempts,
    (attempts) =>
      write(storage, STORAGE_KEY_HISTORY, attempts.length ? JSON.stringify(attempts) : null),
    { deep: true },
  )
}

/** Remove everything this app and keycloak-js keep in Web Storage. */
export function forgetStoredData({
  local = safeStorage(() => globalThis.localStorage),
  session = safeStorage(() => globalThis.sessionStorage),
}: { local?: MaybeStorage; session?: MaybeStorage } = {}) {
  for (const key of [STORAGE_KEY_CONFIG, STORAGE_KEY_CONFIG_BACKUP]) write(local, key, null)
  for (const key of [STORAGE_KEY_HISTORY, STORAGE_KEY_PENDING, STORAGE_KEY_LOGOUT])
    write(session, key, null)
  try {
    const callbacks = Object.keys(local ?? {}).filter((k) =>
      k.startsWith(KEYCLOAK_JS_CALLBACK_PREFIX),
    )
    for (const key of callbacks) write(local, key, null)
  } catch {
    // storage unavailable: nothing stored
  }
}

/** A logout under way: marked before leaving, read once on return. */
export function usePendingLogout({
  storage = safeStorage(() => globalThis.sessionStorage),
}: StorageOptions = {}) {
  function take(): boolean {
    const marked = read(storage, STORAGE_KEY_LOGOUT) !== null
    write(storage, STORAGE_KEY_LOGOUT, null)
    return marked
  }
  function mark() {
    write(storage, STORAGE_KEY_LOGOUT, '1')
  }
  return { take, mark }
}

/** The attempt whose redirect is under way: written before leaving, read once on return. */
export function usePendingAttempt({
  storage = safeStorage(() => globalThis.sessionStorage),
}: StorageOptions = {}) {
  function take(): Attempt | null {
    const raw = read(storage, STORAGE_KEY_PENDING)
    write(storage, STORAGE_KEY_PENDING, null)
    return parseHistory(raw === null ? null : `[${raw}]`)[0] ?? null
  }
  function save(attempt: Attempt) {
    write(storage, STORAGE_KEY_PENDING, JSON.stringify(attempt))
  }
  return { take, save }
}
