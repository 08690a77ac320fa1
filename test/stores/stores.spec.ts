import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { defaultConfig } from '@/lib/request/config'
import {
  STORAGE_KEY_CONFIG,
  STORAGE_KEY_CONFIG_BACKUP,
  STORAGE_KEY_HISTORY,
  STORAGE_KEY_LOGOUT,
  STORAGE_KEY_PENDING,
  STORAGE_KEY_PROFILES,
} from '@/lib/storage/storage-keys'
import { serializeConfig } from '@/lib/storage/stored-config'
import { useConfigStore } from '@/stores/config'
import { useHistoryStore } from '@/stores/history'
import { useLoginStore } from '@/stores/login'
import { useProfilesStore } from '@/stores/profiles'
import { useProviderStore } from '@/stores/provider'
import { oidcTarget } from '../fixtures/provider'

const target = oidcTarget('c')

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
})

describe('config store', () => {
  it('keeps the list and the claims request in step', () => {
    const store = useConfigStore()
    store.setAcrMode('essential')
    store.setAcrValues(['silver', 'gold'])
    expect(JSON.parse(store.config.claims)).toEqual({
      id_token: { acr: { essential: true, values: ['silver', 'gold'] } },
    })
    store.setClaimsText('{"id_token":{"acr":{"values":["bronze"]}}}')
    expect(store.config.acrValues).toEqual(['bronze'])
    expect(store.acrMode).toBe('voluntary')
  })

  it('does not throw away a broken claims text when the mode is switched', () => {
    const store = useConfigStore()
    store.setClaimsText('{"id_token":')
    store.setAcrMode('essential')
    expect(store.config.claims).toBe('{"id_token":')
    expect(store.built.ok).toBe(false)
  })

  it('a configuration stored before profiles is read once, into the profile on show', () => {
    localStorage.setItem(
      STORAGE_KEY_CONFIG,
      serializeConfig({ ...defaultConfig(), clientId: 'stored' }),
    )
    const store = useConfigStore()
    useProfilesStore()
    expect(store.config.clientId).toBe('stored')
    expect(localStorage.getItem(STORAGE_KEY_CONFIG)).toBeNull()
    store.patch({ clientId: 'changed' })
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY_PROFILES)!)
    expect(saved.profiles[0].config.clientId).toBe('changed')
  })

  it('keeps an unreadable entry aside and says so', () => {
    localStorage.setItem(STORAGE_KEY_CONFIG, '{not json')
    const store = useConfigStore()
    const profiles = useProfilesStore()
    expect(store.config).toEqual(defaultConfig())
    expect(localStorage.getItem(STORAGE_KEY_CONFIG_BACKUP)).toBe('{not json')
    expect(profiles.storageProblems.join(' ')).toContain(STORAGE_KEY_CONFIG_BACKUP)
  })

  it('forgets: the defaults in memory, nothing in storage', () => {
    const store = useConfigStore()
    store.patch({ clientId: 'x' })
    store.forget()
    expect(store.config).toEqual(defaultConfig())
  })
})

describe('history store', () => {
  it('compares the two picked attempts, older first', () => {
    const history = useHistoryStore()
    history.add({
      id: 'a',
      startedAt: 1,
      target,
      request: { scope: 'openid', acrValues: 'bronze' },
    })
    history.add({
      id: 'b',
      startedAt: 2,
      target,
      request: { scope: 'openid', acrValues: 'silver' },
    })
    history.toggleSelected('b')
    history.toggleSelected('a')
    expect(history.comparison?.older.id).toBe('a')
    expect(history.comparison?.changes[0]).toEqual({
      name: 'request.acr_values',
      before: 'bronze',
      after: 'silver',
    })
  })

  it('lives in sessionStorage, and an attempt it lost is added back when it completes', () => {
    const history = useHistoryStore()
    const attempt = { id: 'a', startedAt: 1, target, request: { scope: 'openid' } }
    history.add(attempt)
    expect(JSON.parse(sessionStorage.getItem(STORAGE_KEY_HISTORY)!)).toHaveLength(1)
    history.clear()
    expect(sessionStorage.getItem(STORAGE_KEY_HISTORY)).toBeNull()
    history.complete(attempt, { kind: 'never-returned' })
    expect(history.attempts[0]?.outcome).toEqual({ kind: 'never-returned' })
  })
})

describe('provider store', () => {
  it.each([
    [{ ...target, issuer: '' }, 'Enter an issuer URL and a client ID.'],
    [{ ...target, mode: 'keycloak' as const }, 'Enter the server URL, realm and client ID.'],
  ])('refuses to connect without the fields it needs: %j', async (t, message) => {
    const provider = useProviderStore()
    const connected = await provider.connect(t, 'http://app/')
    expect(connected.ok).toBe(false)
    expect(provider.status).toBe('failed')
    expect(provider.connectionError).toBe(message)
  })
})

describe('login store', () => {
  it('a login that never came back is explained on return and recorded', async () => {
    const attempt = {
      id: 'a',
      startedAt: 1,
      target,
      request: { scope: 'openid', acrValues: 'gold' },
    }
    sessionStorage.setItem(STORAGE_KEY_PENDING, JSON.stringify(attempt))
    const login = useLoginStore()
    await login.finish(null, 'http://app/')
    expect(login.loginError?.error).toBe('never_returned')
    expect(sessionStorage.getItem(STORAGE_KEY_PENDING)).toBeNull()
    expect(useHistoryStore().attempts[0]?.outcome).toEqual({ kind: 'never-returned' })
  })

  it('a callback no login of this tab started is ignored, and said so', async () => {
    const login = useLoginStore()
    await login.finish({ state: 'x', hasCode: true }, 'http://app/')
    expect(login.loginError?.error).toBe('unexpected_callback')
    expect(login.result).toBeNull()
  })

  it('a logout under way is read once on return', async () => {
    sessionStorage.setItem(STORAGE_KEY_LOGOUT, '1')
    const login = useLoginStore()
    await login.finish(null, 'http://app/')
    expect(login.loggedOut).toBe(true)
    expect(sessionStorage.getItem(STORAGE_KEY_LOGOUT)).toBeNull()
  })

  it('no login begins before the provider is ready', async () => {
    const login = useLoginStore()
    expect(await login.begin({ scope: 'openid' }, 'http://app/')).toBeNull()
    expect(useHistoryStore().attempts).toEqual([])
  })
})
