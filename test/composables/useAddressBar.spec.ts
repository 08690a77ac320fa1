import { describe, expect, it } from 'vitest'

import { useAddressBar } from '@/composables/useAddressBar'

function fakeWindow(href: string) {
  const url = new URL(href)
  const calls: string[] = []
  const location = {
    get origin() {
      return url.origin
    },
    get pathname() {
      return url.pathname
    },
    get search() {
      return url.search
    },
    get hash() {
      return url.hash
    },
    assign: (to: string) => calls.push(`assign ${to}`),
    reload: () => calls.push('reload'),
  } as unknown as Location
  const history = {
    state: null,
    replaceState: (_: unknown, __: string, to: string) => {
      calls.push(`replace ${to}`)
      const next = new URL(to)
      url.search = next.search
      url.hash = next.hash
    },
  } as unknown as History
  return { win: { location, history }, calls }
}

describe('useAddressBar', () => {
  it('the redirect URI is the bare page URL, whatever the link says', () => {
    const { win } = fakeWindow('https://tools.example/acr/?redirect_uri=https://evil#code=1')
    const bar = useAddressBar({ window: win })
    expect(bar.pageUrl).toBe('https://tools.example/acr/')
    expect(bar.initialQuery).toBe('?redirect_uri=https://evil')
    expect(bar.initialHash).toBe('#code=1')
  })

  it('clears an imported query with replaceState, keeping the fragment', () => {
    const { win, calls } = fakeWindow('https://tools.example/acr/?acr_values=gold#x')
    useAddressBar({ window: win }).clearQuery()
    expect(calls).toEqual(['replace https://tools.example/acr/#x'])
  })

  it('leaves for the provider with location.assign', () => {
    const { win, calls } = fakeWindow('https://tools.example/acr/')
    useAddressBar({ window: win }).navigate('https://idp/auth')
    expect(calls).toEqual(['assign https://idp/auth'])
  })
})

describe('useAddressBar: fragments', () => {
  it('clears a fragment that is no login response, keeping the query', () => {
    const { win, calls } = fakeWindow('https://tools.example/acr/?x=1#junk')
    useAddressBar({ window: win }).clearFragment()
    expect(calls).toEqual(['replace https://tools.example/acr/?x=1'])
  })

  it('does nothing without a fragment', () => {
    const { win, calls } = fakeWindow('https://tools.example/acr/')
    useAddressBar({ window: win }).clearFragment()
    expect(calls).toEqual([])
  })

  it('reloads a page the browser restored from its back-forward cache, not a fresh one', () => {
    const { win, calls } = fakeWindow('https://tools.example/acr/')
    const listeners: ((event: { persisted: boolean }) => void)[] = []
    const bar = useAddressBar({
      window: {
        ...win,
        addEventListener: ((type: string, listener: (event: { persisted: boolean }) => void) => {
          if (type === 'pageshow') listeners.push(listener)
        }) as unknown as Window['addEventListener'],
      },
    })
    bar.reloadWhenRestored()
    listeners.forEach((l) => l({ persisted: false }))
    expect(calls).toEqual([])
    listeners.forEach((l) => l({ persisted: true }))
    expect(calls).toEqual(['reload'])
  })
})
