// The page's load sequence (src/stores/page.ts) against a seeded run of hostile share links: no
// link changes a saved profile, byte for byte, and none is contacted before the user says so.
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, describe, expect, it, vi } from 'vitest'

import { defaultConfig } from '@/lib/request/config'
import { ok } from '@/lib/core/result'
import { STORAGE_KEY_PROFILES } from '@/lib/storage/storage-keys'
import { usePageStore } from '@/stores/page'
import { useProfilesStore } from '@/stores/profiles'
import { fuzzSeed, Hostile } from '../fuzz/hostile'

const contacted = vi.hoisted(() => [] as string[])
vi.mock('@/services/auth-client', () => ({
  connect: vi.fn(async (target: { mode: string; issuer: string; url: string }) => {
    contacted.push(target.mode === 'keycloak' ? target.url : target.issuer)
    return { ok: true, value: { authenticated: false } }
  }),
  isConnectedTo: () => false,
  forgetTokens: vi.fn(),
  forgetCallbackEntries: vi.fn(),
  createLoginUrl: vi.fn(async () => ({ ok: false, error: 'not in this test' })),
  releaseLoginUrl: vi.fn(),
  finishLogin: vi.fn(async () => ({ ok: true, value: null })),
  tokens: () => ({}),
}))
vi.mock('@/services/discovery', () => ({
  fetchDiscovery: vi.fn(async (issuer: string) => {
    contacted.push(issuer)
    return ok({ issuer })
  }),
}))

const SEED = fuzzSeed(process.env.FUZZ_SEED)
const LINKS = 344
const totals = { links: 0, visitors: 0, unchanged: 0, askFirst: 0 }
afterAll(() => {
  console.log(
    `page links fuzz: seed ${SEED}, ${totals.links} links, ${totals.visitors} opened as a visitor ` +
      `(${totals.askFirst} waiting for link-connect); saved profiles unchanged after ${totals.unchanged}`,
  )
})

describe(`the page opened with ${LINKS} hostile links (seed ${SEED})`, () => {
  it('never changes a saved profile and contacts no provider a link names before the click', async () => {
    const saved = JSON.stringify({
      version: 1,
      active: 'p2',
      profiles: [
        { id: 'p1', name: 'Default', config: defaultConfig() },
        {
          id: 'p2',
          name: 'Mine',
          config: { ...defaultConfig(), acrValues: ['gold'], maxAge: 30, issuer: 'http://mine' },
        },
      ],
    })
    const hostile = new Hostile(SEED)
    for (let i = 0; i < LINKS; i++) {
      const search = hostile.link()
      localStorage.clear()
      sessionStorage.clear()
      localStorage.setItem(STORAGE_KEY_PROFILES, saved)
      window.history.replaceState(null, '', `/${search}`)
      contacted.length = 0
      setActivePinia(createPinia())
      const page = usePageStore()
      await page.started
      const profiles = useProfilesStore()
      const context = `link case ${i}: ${search.slice(0, 160)}`
      expect(localStorage.getItem(STORAGE_KEY_PROFILES), context).toBe(saved)
      if (profiles.visiting) totals.visitors++
      if (profiles.awaitingConsent) {
        totals.askFirst++
        expect(contacted, context).toEqual([])
      }
      // A plain visit after it (another tab): the profile shown last, as it was.
      sessionStorage.clear()
      window.history.replaceState(null, '', '/')
      setActivePinia(createPinia())
      const later = useProfilesStore()
      expect(later.active?.name, context).toBe('Mine')
      expect(localStorage.getItem(STORAGE_KEY_PROFILES), context).toBe(saved)
      totals.unchanged++
      totals.links++
    }
  }, 120_000)
})
