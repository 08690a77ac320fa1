import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'

import ConfigField from '@/components/ConfigField.vue'
import { useConfigStore } from '@/stores/config'

describe('ConfigField: one parameter of the configuration on show, edited as text', () => {
  const mountField = (name: 'realm' | 'scope' | 'issuer' | 'maxAge') => {
    const pinia = createPinia()
    setActivePinia(pinia)
    return mount(ConfigField, { props: { name }, global: { plugins: [pinia] } })
  }

  it('shows its label, hook and value, and a good value goes to the store', async () => {
    const wrapper = mountField('realm')
    const store = useConfigStore()
    const input = wrapper.get('[data-testid="keycloak-realm"]')
    expect(wrapper.get('label').text()).toBe('Realm')
    expect((input.element as HTMLInputElement).value).toBe(store.config.realm)
    await input.setValue('other')
    expect(store.config.realm).toBe('other')
  })

  it('a bad value stays in the field, says why, and the store keeps the last good one', async () => {
    const wrapper = mountField('realm')
    const store = useConfigStore()
    const before = store.config.realm
    await wrapper.get('[data-testid="keycloak-realm"]').setValue('a/b')
    expect(wrapper.get('[data-testid="keycloak-realm-error"]').text()).toContain('may not contain')
    expect(store.config.realm).toBe(before)
  })

  it('each field is parsed by its own parser: scope is normalized, an issuer must be a URL', async () => {
    const scope = mountField('scope')
    await scope.get('[data-testid="scope"]').setValue('  email   profile ')
    expect(useConfigStore().config.scope).toBe('email profile')
    const issuer = mountField('issuer')
    expect(issuer.text()).toContain('.well-known/openid-configuration')
    await issuer.get('[data-testid="issuer"]').setValue('not a url')
    expect(issuer.get('[data-testid="issuer-error"]').text()).toBe('Issuer is not a URL')
  })

  it('max_age is a number or nothing: shown as text, empty when not sent', async () => {
    const wrapper = mountField('maxAge')
    const store = useConfigStore()
    const input = wrapper.get('[data-testid="max-age"]')
    expect(wrapper.get('label').text()).toBe('max_age')
    expect(input.attributes('placeholder')).toBe('(not sent)')
    expect((input.element as HTMLInputElement).value).toBe('')
    await input.setValue('300')
    expect(store.config.maxAge).toBe(300)
    await input.setValue('soon')
    expect(wrapper.get('[data-testid="max-age-error"]').text()).toBe(
      'max_age must be a whole number of seconds, 0 or more',
    )
    expect(store.config.maxAge).toBe(300)
    await input.setValue('')
    expect(store.config.maxAge).toBeNull()
    store.patch({ maxAge: 0 })
    await wrapper.vm.$nextTick()
    expect((input.element as HTMLInputElement).value).toBe('0')
  })
})
