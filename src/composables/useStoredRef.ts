// One stored ref: a value kept in Web Storage under one key (vueuse's useStorage shape). The key
// comes from src/lib/storage-keys.ts; the serializer is pure and lives beside the schema in src/lib.
import { ref, watch, type Ref } from 'vue'

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

/** Write (or remove, with null). false when the storage refused or is missing. */
export function writeKey(storage: MaybeStorage, key: string, value: string | null): boolean {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, value)
    return storage !== undefined
  } catch {
    return false
  }
}

export interface StoredSerializer<T> {
  /** Stored text (null: nothing stored) → value. Never throws. */
  read: (raw: string | null) => T
  /** Value → text to store; null removes the key. */
  write: (value: T) => string | null
}

export interface StoredRefOptions {
  storage?: MaybeStorage
  /** Watch nested changes too (objects edited in place). */
  deep?: boolean
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
  watch(
    value,
    (next) => {
      saveFailed.value = !writeKey(storage, key, serializer.write(next))
    },
    { deep, flush: 'sync' },
  )
  return { value, saveFailed, raw }
}
