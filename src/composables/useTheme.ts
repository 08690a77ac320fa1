// The colour theme: the system's, or the one chosen with the switch (kept in localStorage). The one
// place that writes <html data-theme>.
import { watchEffect } from 'vue'

import { STORAGE_KEY_THEME } from '@/lib/storage/storage-keys'
import { safeStorage, useStoredRef, type MaybeStorage } from './useStoredRef'

export type Theme = 'system' | 'light' | 'dark'

interface ThemeOptions {
  document?: Pick<Document, 'documentElement'>
  storage?: MaybeStorage
}

export function useTheme(options: ThemeOptions = {}) {
  const doc = options.document ?? globalThis.document
  const { value: theme } = useStoredRef<Theme>(
    STORAGE_KEY_THEME,
    {
      read: (raw) => (raw === 'light' || raw === 'dark' ? raw : 'system'),
      write: (value) => (value === 'system' ? null : value),
    },
    { storage: 'storage' in options ? options.storage : safeStorage('local'), deep: false },
  )
  watchEffect(() => {
    if (theme.value === 'system') delete doc.documentElement.dataset.theme
    else doc.documentElement.dataset.theme = theme.value
  })
  return { theme }
}
