import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { SLOW_MACHINE_WAIT } from '../fixtures/wait'

import { defaultConfig, type PlaygroundConfig } from '@/lib/request/config'
import { ok } from '@/lib/core/result'
import { STORAGE_KEY_CONFIG, STORAGE_KEY_PROFILES } from '@/lib/storage/storage-keys'
import { serializeConfig } from '@/lib/storage/stored-config'
import { useConfigStore } from '@/stores/config'
import { useLoginStore } from '@/stores/login'
import { useResourceCallsStore } from '@/stores/resource-calls'
import { STORAGE_KEY_PROFILES_BACKUP } from '@/lib/storage/storage-keys'
import { VISITOR_ID } from '@/lib/storage/workspace'
import { useProfilesStore } from '@/stores/profiles'
import { useProviderStore } from '@/stores/provider'
import { MemoryStorage } from '../fixtures/storage'

// keycloak-js and the network stay out: each connect is counted, as a new keycloak-js instance.
const authClient = vi.hoisted(() => ({
  connected: [] as string[],
  ready: '',
  where: (t: { mode: string; issuer: string; url: string }) =>
    t.mode === 'keycloak' ? t.url : t.issuer,
}))
vi.mock('@/services/auth-client', () => ({
  connect: vi.fn(async (target: { mode: string; issuer: string; url: string }) => {
    authClient.connected.push(authClient.where(target))
    authClient.ready = authClient.where(target)
    return { ok: true, value: { authenticated: false } }
  }),
  isConnectedTo: (target: { mode: string; issuer: string; url: string }) =>
    authClient.ready === authClient.where(target),
  forgetTokens: vi.fn(),
  forgetCallbackEntries: vi.fn(),
  createLoginUrl: vi.fn(async () => ({ ok: false, error: 'not in this test' })),
  releaseLoginUrl: vi.fn(),
  tokens: () => ({}),
}))
vi.mock('@/services/discovery', () => ({
  fetchDiscovery: vi.fn(async (issuer: string) => ok({ issuer })),
}))

let storage: MemoryStorage
const gold: PlaygroundConfig = { ...defaultConfig(), acrValues: ['gold'] }
const keycloak: PlaygroundConfig = {
  ...defaultConfig(),
  mode: 'keycloak',
  url: 'http://localhost:8180',
  realm: 'acr-playground',
  acrValues: ['silver'],
}

function storedDocument() {
  return JSON.parse(storage.getItem(STORAGE_KEY_PROFILES) ?? 'null') as {
    active: string
    profiles: { id: string; name: string; config: PlaygroundConfig }[]
  }
}
const byName = (name: string) => storedDocument().profiles.find((p) => p.name === name)

/** A new page load: a fresh Pinia over the same storage. */
function reload() {
  setActivePinia(createPinia())
  return { config: useConfigStore(), profiles: useProfilesStore() }
}

/** Two profiles, the second (Gold) active, as a browser would have them stored. */
function storeTwoProfiles() {
  storage.setItem(
    STORAGE_KEY_PROFILES,
    JSON.stringify({
      version: 1,
      active: 'p2',
      profiles: [
        { id: 'p1', name: 'Default', config: defaultConfig() },
        { id: 'p2', name: 'Gold', config: gold },
      ],
    }),
  )
  storage.setItem(STORAGE_KEY_CONFIG, serializeConfig(gold))
}

beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
  sessionStorage.clear()
  authClient.connected = []
  authClient.ready = ''
  setActivePinia(createPinia())
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('profiles store: migration and persistence', () => {
  it('the configuration stored before profiles becomes the profile "Default"', () => {
    storage.setItem(
      STORAGE_KEY_CONFIG,
      JSON.stringify({ clientId: 'legacy', acrValues: ['gold'] }), // unversioned, oldest format
    )
    const { profiles, config } = reload()
    expect(profiles.list.map((p) => p.name)).toEqual(['Default'])
    expect(profiles.problems).toEqual([])
    expect(config.config.clientId).toBe('legacy')
    expect(byName('Default')?.config.clientId).toBe('legacy')
    // Read once: the profiles hold it now.
    expect(storage.getItem(STORAGE_KEY_CONFIG)).toBeNull()
  })

  it('every edit of the configuration is an edit of the active profile, kept over a reload', () => {
    storeTwoProfiles()
    const { config } = reload()
    config.patch({ loginHint: 'bob' })
    expect(byName('Gold')?.config.loginHint).toBe('bob')
    expect(byName('Default')?.config.loginHint).toBe('')

    const again = reload()
    expect(again.profiles.active?.name).toBe('Gold')
    expect(again.config.config.loginHint).toBe('bob')
    expect(again.profiles.list.map((p) => p.name)).toEqual(['Default', 'Gold'])
  })

  it('a link is a visitor: the saved profiles stay byte for byte, edits of it included', () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const saved = storage.getItem(STORAGE_KEY_PROFILES)
    profiles.visit('From a link: idp.example', 'link', {
      ...config.config,
      acrValues: ['platinum'],
    })
    config.patch({ maxAge: 0 })
    expect(profiles.active).toEqual({
      id: VISITOR_ID,
      name: 'From a link: idp.example',
      saved: false,
    })
    expect(config.config).toMatchObject({ acrValues: ['platinum'], maxAge: 0 })
    expect(storage.getItem(STORAGE_KEY_PROFILES)).toBe(saved)
  })

  it('the link’s workspace lasts while the tab does; a new tab shows the profile shown last', () => {
    storeTwoProfiles()
    const first = reload()
    first.profiles.visit('From a link: idp.example', 'link', { ...gold, acrValues: ['platinum'] })
    const sameTab = reload()
    expect(sameTab.profiles.active?.saved).toBe(false)
    expect(sameTab.config.config.acrValues).toEqual(['platinum'])
    sessionStorage.clear() // another tab, or a visit after this one was closed
    const newTab = reload()
    expect(newTab.profiles.active?.name).toBe('Gold')
    expect(newTab.profiles.list.map((p) => p.name)).toEqual(['Default', 'Gold'])
    expect(newTab.config.config).toEqual(gold)
  })

  it('choosing a saved profile brings it back exactly; keeping the link makes it a profile', async () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    profiles.visit('From a link: idp.example', 'link', { ...gold, acrValues: ['platinum'] })
    expect(profiles.switchTo('p2').ok).toBe(true)
    expect(config.config).toEqual(gold)
    expect(profiles.switchTo(VISITOR_ID).ok).toBe(true)
    expect(config.config.acrValues).toEqual(['platinum'])
    const kept = await profiles.keepVisitor('Platinum')
    expect(kept.ok).toBe(true)
    expect(profiles.active).toEqual({
      id: kept.ok ? kept.value : '',
      name: 'Platinum',
      saved: true,
    })
    expect(byName('Platinum')?.config.acrValues).toEqual(['platinum'])
    expect(byName('Gold')?.config).toEqual(gold)
    config.patch({ loginHint: 'alice' })
    expect(byName('Platinum')?.config.loginHint).toBe('alice')
  })

  it('a plan run’s workspace goes back to the profile on show when it ends, which it never wrote', () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const saved = storage.getItem(STORAGE_KEY_PROFILES)
    profiles.visit('Plan run: ladder', 'plan', config.config)
    config.replace({ ...config.config, acrValues: ['bronze'], loginHint: 'bob' })
    profiles.endVisit()
    expect(profiles.active?.name).toBe('Gold')
    expect(config.config).toEqual(gold)
    expect(storage.getItem(STORAGE_KEY_PROFILES)).toBe(saved)
    expect(profiles.list.map((p) => p.saved)).toEqual([true, true])
  })

  it('another tab’s edit of the profile on show is followed and said; its other profiles kept', () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const other = JSON.parse(storage.getItem(STORAGE_KEY_PROFILES) ?? '') as {
      profiles: { config: PlaygroundConfig }[]
    }
    const changed = { ...gold, loginHint: 'from-the-other-tab' }
    other.profiles[1] = { ...other.profiles[1], config: changed } as never
    const text = JSON.stringify(other)
    storage.setItem(STORAGE_KEY_PROFILES, text)
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY_PROFILES, newValue: text }))
    expect(config.config).toEqual(changed)
    expect(profiles.changedElsewhere).toMatch(/"Gold" was changed in another tab/)
    // This tab's next edit keeps the other tab's change of the same profile.
    config.patch({ maxAge: 5 })
    expect(byName('Gold')?.config).toEqual({ ...changed, maxAge: 5 })
  })

  it('an edit in this tab never lands in the profile another tab switched to', () => {
    storeTwoProfiles()
    const { config } = reload()
    // The other tab switched to Default (the document says it was shown last) and edited it.
    const other = { ...storedDocument(), active: 'p1' }
    other.profiles[0] = { ...other.profiles[0]!, config: { ...defaultConfig(), loginHint: 'x' } }
    const text = JSON.stringify(other)
    storage.setItem(STORAGE_KEY_PROFILES, text)
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY_PROFILES, newValue: text }))
    config.patch({ acrValues: ['platinum'] })
    expect(byName('Gold')?.config.acrValues).toEqual(['platinum'])
    expect(byName('Default')?.config).toEqual({ ...defaultConfig(), loginHint: 'x' })
  })

  it('the profile on show deleted in another tab stays here, unsaved', () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const other = { ...storedDocument(), active: 'p1' }
    other.profiles = other.profiles.filter((p) => p.id !== 'p2')
    const text = JSON.stringify(other)
    storage.setItem(STORAGE_KEY_PROFILES, text)
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY_PROFILES, newValue: text }))
    expect(profiles.active).toMatchObject({ saved: false, name: 'Deleted in another tab: Gold' })
    expect(config.config).toEqual(gold)
    expect(profiles.changedElsewhere).toMatch(/deleted in another tab/)
  })

  it('a damaged document: a clear message, its text kept aside, the configuration untouched', () => {
    storage.setItem(STORAGE_KEY_CONFIG, serializeConfig(gold))
    storage.setItem(STORAGE_KEY_PROFILES, '{"version":1,"profiles":[{"name":')
    const { profiles, config } = reload()
    expect(profiles.problems.join(' ')).toMatch(/saved profiles are not readable \(not JSON\)/)
    expect(profiles.problems.join(' ')).toContain(STORAGE_KEY_PROFILES_BACKUP)
    expect(storage.getItem(STORAGE_KEY_PROFILES_BACKUP)).toBe('{"version":1,"profiles":[{"name":')
    expect(config.config).toEqual(gold)
    expect(storedDocument().profiles).toEqual([{ id: 'p1', name: 'Default', config: gold }])
  })

  it('says so when the storage refuses to keep the profiles', () => {
    storage.refuseWrites = true
    const { profiles } = reload()
    expect(profiles.saveFailed).toBe(true)
  })

  it('forget: one profile with the configuration on show, nothing in storage', async () => {
    storeTwoProfiles()
    const { profiles } = reload()
    profiles.forget()
    expect(profiles.list.map((p) => p.name)).toEqual(['Default'])
    expect(storage.getItem(STORAGE_KEY_PROFILES)).toBeNull()
  })
})

describe('profiles store: save as, switch, rename, delete', () => {
  it('save as: a new profile, made active; later edits change it, not the first', async () => {
    const { profiles, config } = reload()
    const saved = await profiles.saveAs('Gold')
    expect(saved.ok).toBe(true)
    config.setAcrValues(['gold'])
    expect(profiles.active?.name).toBe('Gold')
    expect(byName('Gold')?.config.acrValues).toEqual(['gold'])
    expect(byName('Default')?.config.acrValues).toEqual(['silver'])
    expect(authClient.connected).toEqual([]) // nothing changed for the provider: no restart
    expect(profiles.switches).toBe(0)
  })

  it('save as refuses a name in use, with the reason', async () => {
    const { profiles } = reload()
    const saved = await profiles.saveAs('default')
    expect(!saved.ok && saved.error).toMatch(/named "Default" exists already/)
  })

  it('a switch puts the profile on show and starts clean: no tokens, a new keycloak-js', async () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const provider = useProviderStore()
    const forgetLogin = vi.spyOn(useLoginStore(), 'forget')
    const forgetProbes = vi.spyOn(useResourceCallsStore(), 'forget')
    await provider.connect(config.target, 'http://localhost:3000/')
    expect(authClient.connected).toHaveLength(1)

    const first = profiles.list[0]?.id ?? ''
    expect(profiles.switchTo(first).ok).toBe(true)
    expect(config.config).toEqual(defaultConfig())
    expect(forgetLogin).toHaveBeenCalledOnce()
    expect(forgetProbes).toHaveBeenCalledOnce()
    await vi.waitFor(() => expect(provider.status).toBe('ready'), SLOW_MACHINE_WAIT)
    // Same provider (the demo) for both profiles, and still a second keycloak-js start.
    expect(authClient.connected).toEqual(['http://localhost:9400', 'http://localhost:9400'])
    expect(storedDocument().active).toBe(first)
    expect(profiles.switches).toBe(1)
  })

  it('a switch to another provider connects to it', async () => {
    const { profiles, config } = reload()
    await profiles.saveAs('Keycloak')
    config.replace(keycloak)
    const demo = profiles.list[0]?.id ?? ''
    const kc = profiles.activeId
    profiles.switchTo(demo)
    profiles.switchTo(kc)
    await vi.waitFor(() => expect(useProviderStore().status).toBe('ready'), SLOW_MACHINE_WAIT)
    expect(authClient.connected.at(-1)).toBe('http://localhost:8180')
    expect(config.config).toEqual(keycloak)
  })

  it('renames; refuses the name of another profile', async () => {
    storeTwoProfiles()
    const { profiles } = reload()
    expect((await profiles.rename('p2', 'Platinum')).ok).toBe(true)
    expect(storedDocument().profiles.map((p) => p.name)).toEqual(['Default', 'Platinum'])
    const taken = await profiles.rename('p2', 'DEFAULT')
    expect(!taken.ok && taken.error).toMatch(/exists already/)
  })

  it('deleting the active profile switches to the first left, with a clean start', async () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    const forgetLogin = vi.spyOn(useLoginStore(), 'forget')
    expect((await profiles.remove('p2')).ok).toBe(true)
    expect(profiles.list.map((p) => p.name)).toEqual(['Default'])
    expect(config.config).toEqual(defaultConfig())
    expect(forgetLogin).toHaveBeenCalledOnce()
    const last = await profiles.remove('p1')
    expect(!last.ok && last.error).toMatch(/last profile/)
  })

  it('an edit too large to keep is said, and no switch may lose it', () => {
    storeTwoProfiles()
    const { profiles, config } = reload()
    config.patch({ loginHint: 'x'.repeat(1024 * 1024) })
    expect(profiles.sizeProblem).toMatch(/would take 1\.0 MB/)
    expect(byName('Gold')?.config.loginHint).toBe('')
    const switched = profiles.switchTo('p1')
    expect(!switched.ok && switched.error).toMatch(/would take/)
    expect(profiles.active?.name).toBe('Gold')
    expect(config.config.loginHint).toHaveLength(1024 * 1024)
  })
})

describe('profiles store: export and import', () => {
  it('exports the profiles as they are on show and imports them in another browser', async () => {
    storeTwoProfiles()
    const first = reload()
    first.config.patch({ loginHint: 'latest' })
    const file = await first.profiles.exportFile()

    storage = new MemoryStorage()
    vi.stubGlobal('localStorage', storage)
    const other = reload()
    other.config.patch({ apiUrl: 'https://api.other/x' })
    const imported = await other.profiles.importFile(file)
    expect(imported.ok && imported.value.lines.map((l) => [l.outcome, l.savedAs])).toEqual([
      ['unchanged', 'Default'],
      ['imported', 'Gold'],
    ])
    expect(byName('Gold')?.config).toEqual({
      ...gold,
      loginHint: 'latest',
      apiUrl: 'https://api.other/x',
    })
    expect(other.profiles.active?.name).toBe('Default') // an import never switches
  })

  it('a file that is no profiles file changes nothing and says why', async () => {
    const { profiles } = reload()
    const before = storage.getItem(STORAGE_KEY_PROFILES)
    const imported = await profiles.importFile('{"realm":"x"}')
    expect(!imported.ok && imported.error).toMatch(/not an ACR Playground profiles file/)
    expect(storage.getItem(STORAGE_KEY_PROFILES)).toBe(before)
  })
})
