import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'

import { useMediaQuery } from '@/composables/useMediaQuery'

/** A matchMedia whose one list can be flipped, counting its listeners. */
function fakeWindow(initially: boolean) {
  const listeners = new Set<(event: { matches: boolean }) => void>()
  const list = {
    matches: initially,
    addEventListener: (_: string, f: (event: { matches: boolean }) => void) => listeners.add(f),
    removeEventListener: (_: string, f: (event: { matches: boolean }) => void) =>
      listeners.delete(f),
  }
  return {
    window: { matchMedia: () => list } as unknown as Pick<Window, 'matchMedia'>,
    flip: (matches: boolean) => listeners.forEach((f) => f({ matches })),
    listeners,
  }
}

describe('useMediaQuery', () => {
  it('says whether the query matches and follows its changes', () => {
    const fake = fakeWindow(false)
    const scope = effectScope()
    const wide = scope.run(() => useMediaQuery('(min-width: 1100px)', fake))!
    expect(wide.value).toBe(false)
    fake.flip(true)
    expect(wide.value).toBe(true)
    scope.stop()
    expect(fake.listeners.size).toBe(0)
  })

  it('is false where there is no matchMedia', () => {
    expect(
      useMediaQuery('(min-width: 1px)', { window: {} as Pick<Window, 'matchMedia'> }).value,
    ).toBe(false)
  })
})
