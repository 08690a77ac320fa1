import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'

import { useNow } from '@/composables/useNow'

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-25T12:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('ticks every interval while enabled, not before, and stops with its scope', async () => {
    const enabled = ref(false)
    const scope = effectScope()
    const now = scope.run(() => useNow({ intervalMs: 5000, enabled }))!
    const start = now.value
    vi.advanceTimersByTime(20_000)
    expect(now.value).toBe(start)
    expect(vi.getTimerCount()).toBe(0)

    enabled.value = true
    await nextTick()
    expect(now.value).toBe(start + 20)
    vi.advanceTimersByTime(5000)
    expect(now.value).toBe(start + 25)

    scope.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})
