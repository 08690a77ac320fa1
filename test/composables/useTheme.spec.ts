import { describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'

import { useTheme } from '@/composables/useTheme'
import { STORAGE_KEY_THEME } from '@/lib/storage/storage-keys'

function setup(stored: string | null) {
  const doc = document.implementation.createHTMLDocument('t')
  localStorage.clear()
  if (stored !== null) localStorage.setItem(STORAGE_KEY_THEME, stored)
  const scope = effectScope()
  const { theme } = scope.run(() => useTheme({ document: doc, storage: localStorage }))!
  return { doc, theme, scope }
}

describe('useTheme', () => {
  it.each([
    [null, 'system', undefined],
    ['dark', 'dark', 'dark'],
    ['light', 'light', 'light'],
    ['purple', 'system', undefined],
  ])('stored %s: %s, data-theme %s', (stored, theme, attribute) => {
    const t = setup(stored)
    expect(t.theme.value).toBe(theme)
    expect(t.doc.documentElement.dataset.theme).toBe(attribute)
    t.scope.stop()
  })

  it('a choice is kept, and "as the system" forgets it', async () => {
    const t = setup(null)
    t.theme.value = 'dark'
    await nextTick()
    expect(t.doc.documentElement.dataset.theme).toBe('dark')
    expect(localStorage.getItem(STORAGE_KEY_THEME)).toBe('dark')
    t.theme.value = 'system'
    await nextTick()
    expect(t.doc.documentElement.dataset.theme).toBeUndefined()
    expect(localStorage.getItem(STORAGE_KEY_THEME)).toBeNull()
    t.scope.stop()
  })
})
