import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'

import { useStoredRef } from '@/composables/useStoredRef'
import { MemoryStorage } from '../fixtures/storage'

const memoryStorage = (refuseWrites = false) => new MemoryStorage({}, { refuseWrites })

const numbers = {
  read: (raw: string | null) => (raw === null ? [] : (JSON.parse(raw) as number[])),
  write: (v: number[]) => (v.length ? JSON.stringify(v) : null),
}

describe('useStoredRef', () => {
  it('loads what is stored', () => {
    const storage = memoryStorage()
    storage.setItem('k', '[1,2]')
    const scope = effectScope()
    const stored = scope.run(() => useStoredRef('k', numbers, { storage }))!
    expect(stored.value.value).toEqual([1, 2])
    expect(stored.raw).toBe('[1,2]')
    scope.stop()
  })

  it('writes every change at once, with no tick to wait for', () => {
    const storage = memoryStorage()
    const scope = effectScope()
    const stored = scope.run(() => useStoredRef('k', numbers, { storage }))!
    stored.value.value.push(3)
    expect(storage.getItem('k')).toBe('[3]')
    stored.value.value = []
    expect(storage.getItem('k')).toBeNull()
    scope.stop()
  })

  it('says when the storage refuses a write, and keeps the value in memory', () => {
    const storage = memoryStorage(true)
    const scope = effectScope()
    const stored = scope.run(() => useStoredRef('k', numbers, { storage }))!
    stored.value.value = [1]
    expect(stored.saveFailed.value).toBe(true)
    expect(stored.value.value).toEqual([1])
    scope.stop()
  })

  it('works without any storage (a browser that forbids it)', () => {
    const scope = effectScope()
    const stored = scope.run(() => useStoredRef('k', numbers, { storage: undefined }))!
    expect(stored.value.value).toEqual([])
    expect(stored.saveFailed.value).toBe(true)
    scope.stop()
  })

  it('stops writing when its scope ends', () => {
    const storage = memoryStorage()
    const scope = effectScope()
    const stored = scope.run(() => useStoredRef('k', numbers, { storage }))!
    scope.stop()
    stored.value.value = [9]
    expect(storage.getItem('k')).toBeNull()
  })
})
