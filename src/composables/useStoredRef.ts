// One stored ref: a value kept in Web Storage under one key (vueuse's useStorage shape). The key
// comes from src/lib/storage/storage-keys.ts; the serializer is pure and lives beside the schema in src/lib.
import { getCurrentScope, onScopeDispose, readonly, ref, watch, type Ref } from 'vue'

export type MaybeStorage = Storage | undefined

/** localStorage or sessionStorage, or undefined where the browser refuses them (it may throw). */
export function safeStorage(kind: 'local' | 'session'): MaybeStorage {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage
  } catch {
    return undefined
  }
}

export function readKey(storage: MaybeStorage, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

const refused = ref(false)
/**
 * True once this page could not write to Web Storage (full, turned off, private mode): one notice
 * for the whole page says so. What was stored before stays as it was: a refused write changes nothing.
 */
export const storageRefused = readonly(refused)

/** Write (or remove, with null). false when the storage refused or is missing. */
export function writeKey(storage: MaybeStorage, key: string, value: string | null): boolean {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, value)
    if (storage === undefined) refused.value = true
    return storage !== undefined
  } catch {
    refused.value = true
    return false
  }
}

interface StoredSerializer<T> {
  /** Stored text (null: nothing stored) → value. Never throws. */
  read: (raw: string | null) => T
  /** Value → text to store; null removes the key. */
  write: (value: T) => string | null
}

interface StoredRefOptions {
  storage?: MaybeStorage
  /** Watch nested changes too (objects edited in place). */
  deep?: boolean
  /**
   * Follow changes other tabs make to the key (the `storage` event): the value is read again,
   * and not written back. `window` is injectable for tests.
   */
  listen?: boolean
  /** Called after a change another tab made was read (with `listen`). */
  onElsewhere?: (next: unknown, previous: unknown) => void
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

/**
 * A ref loaded from `key` and written back synchronously on every change, so leaving the page
 * right after a change loses nothing. `saveFailed` is true while the storage refuses writes.
 */
export function useStoredRef<T>(
  key: string,
  serializer: StoredSerializer<T>,
  options: StoredRefOptions = {},
): { value: Ref<T>; saveFailed: Ref<boolean>; raw: string | null } {
  // `storage: undefined` means none (a browser that forbids it), not the default.
  const storage = 'storage' in options ? options.storage : safeStorage('local')
  const deep = options.deep ?? true
  const raw = readKey(storage, key)
  const value = ref(serializer.read(raw)) as Ref<T>
  const saveFailed = ref(storage === undefined)
  /** Set while a value read from another tab's write is assigned: it is stored already. */
  let fromElsewhere = false
  watch(
    value,
    (next) => {
      if (fromElsewhere) return
      saveFailed.value = !writeKey(storage, key, serializer.write(next))
    },
    { deep, flush: 'sync' },
  )
  const target = options.window ?? globalThis.window
  if (options.listen && target && storage) {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== key && event.key !== null) return // null: the storage was cleared
      if (event.storageArea !== null && event.storageArea !== storage) return
      const previous = value.value
      fromElsewhere = true
      try {
        value.value = serializer.read(event.key === null ? null : event.newValue)
      } finally {
        fromElsewhere = false
      }
      options.onElsewhere?.(value.value, previous)
    }
    target.addEventListener('storage', onStorage)
    if (getCurrentScope()) onScopeDispose(() => target.removeEventListener('storage', onStorage))
  }
  return { value, saveFailed, raw }
}
