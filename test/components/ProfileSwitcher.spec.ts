import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { SLOW_MACHINE_WAIT } from '../fixtures/wait'

import ProfileSwitcher from '@/components/ProfileSwitcher.vue'
import { defaultConfig } from '@/lib/request/config'
import { ok } from '@/lib/core/result'
import { STORAGE_KEY_CONFIG, STORAGE_KEY_PROFILES } from '@/lib/storage/storage-keys'
import { serializeConfig } from '@/lib/storage/stored-config'
import { useConfigStore } from '@/stores/config'

vi.mock('@/services/auth-client', () => ({
  connect: vi.fn(async () => ({ ok: true, value: { authenticated: false } })),
  isConnectedTo: () => false,
  forgetTokens: vi.fn(),
  forgetCallbackEntries: vi.fn(),
  createLoginUrl: vi.fn(async () => ({ ok: false, error: 'not in this test' })),
  releaseLoginUrl: vi.fn(),
  tokens: () => ({}),
}))
vi.mock('@/services/discovery', () => ({
  fetchDiscovery: vi.fn(async (issuer: string) => ok({ issuer })),
}))

const gold = { ...defaultConfig(), acrValues: ['gold'] }

function storeTwoProfiles() {
  localStorage.setItem(
    STORAGE_KEY_PROFILES,
    JSON.stringify({
      version: 1,
      active: 'p1',
      profiles: [
        { id: 'p1', name: 'Default', config: defaultConfig() },
        { id: 'p2', name: 'Gold', config: gold },
      ],
    }),
  )
  localStorage.setItem(STORAGE_KEY_CONFIG, serializeConfig(defaultConfig()))
}

async function mountBar() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(ProfileSwitcher, { global: { plugins: [pinia] }, attachTo: document.body })
  return wrapper
}

async function openTools(wrapper: Awaited<ReturnType<typeof mountBar>>) {
  await wrapper.get('[data-testid="profile-tools"]').trigger('click')
  await vi.waitFor(
    async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid="profile-save-as"]').exists()).toBe(true)
    },
    { timeout: 15_000 },
  ) // the tools are a lazy chunk: its first import is slow on a busy machine
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  document.body.innerHTML = ''
})

describe('ProfileSwitcher', () => {
  it('lists the profiles by name, with a label, the active one selected', async () => {
    storeTwoProfiles()
    const wrapper = await mountBar()
    const select = wrapper.get<HTMLSelectElement>('[data-testid="profile-select"]')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Default', 'Gold'])
    expect(select.element.value).toBe('p1')
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Profile')
  })

  it('changing the select switches: the profile’s request is on show, and it is said', async () => {
    storeTwoProfiles()
    const wrapper = await mountBar()
    await wrapper.get('[data-testid="profile-select"]').setValue('p2')
    expect(useConfigStore().config.acrValues).toEqual(['gold'])
    expect(wrapper.get('[data-testid="profile-message"]').text()).toMatch(
      /Now on "Gold": a clean start/,
    )
  })

  it('shows what could not be read from storage, until dismissed', async () => {
    localStorage.setItem(STORAGE_KEY_PROFILES, '{"version":1,"profiles":"x"}')
    const wrapper = await mountBar()
    const notice = wrapper.get('[data-testid="profile-problems"]')
    expect(notice.text()).toMatch(/unknown shape/)
    await notice.get('button').trigger('click')
    expect(wrapper.find('[data-testid="profile-problems"]').exists()).toBe(false)
  })

  it('saves the configuration as a new profile, which becomes the one selected', async () => {
    const wrapper = await mountBar()
    await openTools(wrapper)
    await wrapper.get('[data-testid="profile-save-as"]').trigger('click')
    await wrapper.get('[data-testid="profile-name"]').setValue('Keycloak gold')
    await wrapper.get('[data-testid="profile-name-form"]').trigger('submit')
    await vi.waitFor(
      () =>
        expect(wrapper.findAll('option').map((o) => o.text())).toEqual([
          'Default',
          'Keycloak gold',
        ]),
      SLOW_MACHINE_WAIT,
    )
    const select = wrapper.get<HTMLSelectElement>('[data-testid="profile-select"]')
    expect(select.element.selectedOptions[0]?.text).toBe('Keycloak gold')
  })

  it('names what is wrong with a name, on the field', async () => {
    const wrapper = await mountBar()
    await openTools(wrapper)
    await wrapper.get('[data-testid="profile-save-as"]').trigger('click')
    await wrapper.get('[data-testid="profile-name"]').setValue('default')
    await wrapper.get('[data-testid="profile-name-form"]').trigger('submit')
    await vi.waitFor(
      () => expect(wrapper.find('[data-testid="profile-name-error"]').exists()).toBe(true),
      SLOW_MACHINE_WAIT,
    )
    const error = wrapper.get('[data-testid="profile-name-error"]')
    expect(error.text()).toMatch(/named "Default" exists already/)
    const input = wrapper.get('[data-testid="profile-name"]')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'))
  })

  it('does not offer to delete the last profile', async () => {
    const wrapper = await mountBar()
    await openTools(wrapper)
    expect(wrapper.get('[data-testid="profile-delete"]').attributes('disabled')).toBeDefined()
  })

  it('imports a file and says, profile by profile, what became of it', async () => {
    const wrapper = await mountBar()
    await openTools(wrapper)
    const text = JSON.stringify({
      acrPlaygroundProfiles: 1,
      profiles: [
        { name: 'Gold', config: gold },
        { name: '', config: {} },
      ],
    })
    const input = wrapper.get<HTMLInputElement>('[data-testid="profile-import"]')
    Object.defineProperty(input.element, 'files', {
      value: [new File([text], 'profiles.json', { type: 'application/json' })],
    })
    await input.trigger('change')
    await vi.waitFor(
      () => expect(wrapper.find('[data-testid="profile-import-result"]').exists()).toBe(true),
      SLOW_MACHINE_WAIT,
    )
    const lines = wrapper.findAll('[data-testid="profile-import-result"] li[data-outcome]')
    expect(lines.map((l) => l.attributes('data-outcome'))).toEqual(['imported', 'refused'])
    expect(lines[0]?.text()).toMatch(/Imported: "Gold" \(provider http:\/\/localhost:9400\)/)
    expect(lines[1]?.text()).toMatch(/Refused: "": its name is empty/)
    expect(wrapper.findAll('option').map((o) => o.text())).toEqual(['Default', 'Gold'])
  })
})
