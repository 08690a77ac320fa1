import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { useConfigStore } from '@/stores/config'
import { useHistoryStore } from '@/stores/history'

describe('config store', () => {
  beforeEach(() => setActivePinia(createPinia()))

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
})

describe('history store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('compares the two picked attempts, older first', () => {
    const history = useHistoryStore()
    const target = { mode: 'oidc' as const, url: '', realm: '', issuer: 'i', clientId: 'c' }
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
})
