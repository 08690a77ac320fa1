import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import TokenInspector from '@/components/TokenInspector.vue'
import type { ProviderMetadata } from '@/lib/discovery'
import { useConfigStore } from '@/stores/config'
import { useProviderStore } from '@/stores/provider'

const verifyToken = vi.hoisted(() => vi.fn())
vi.mock('@/services/verify', () => ({ verifyToken }))

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const NOW = Math.floor(Date.now() / 1000)
const payload = { iss: 'http://idp', aud: 'api', azp: 'other', acr: 'gold', exp: NOW + 600 }
const TOKEN = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(payload)}.c2lnbmF0dXJl`
const METADATA: ProviderMetadata = {
  issuer: 'http://idp',
  authorization_endpoint: 'http://idp/auth',
  token_endpoint: 'http://idp/token',
  jwks_uri: 'http://idp/jwks',
}

async function paste(text: string) {
  const wrapper = mount(TokenInspector)
  await wrapper.get('[data-testid="token-paste"]').setValue(text)
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
  verifyToken.mockReset()
})

describe('TokenInspector', () => {
  it('decodes a pasted token at once: header, payload, coloured raw parts', async () => {
    const wrapper = await paste(TOKEN)
    const pasted = wrapper.get('[data-testid="pasted-token"]')
    expect(pasted.get('[data-testid="pasted-token-header"] [data-param="kid"]').text()).toContain(
      '"k1"',
    )
    expect(pasted.get('[data-claim="acr"]').attributes('data-highlight')).toBe('true')
    expect(pasted.get('[data-testid="pasted-token-raw"]').text()).toBe(TOKEN)
    expect(pasted.findAll('[data-part]')).toHaveLength(3)
  })

  it('reads a token after "Bearer " and surrounding whitespace, and says what it left out', async () => {
    const wrapper = await paste(`\n  Bearer ${TOKEN}\n`)
    expect(wrapper.get('[data-testid="pasted-token-raw"]').text()).toBe(TOKEN)
    expect(wrapper.get('[data-testid="token-paste-removed"]').text()).toContain('"Bearer" prefix')
    expect(wrapper.find('[data-testid="token-paste-error"]').exists()).toBe(false)
  })

  it('explains bad input in plain words, naming the part, and shows no token', async () => {
    const wrapper = await paste(`${TOKEN.split('.')[0]}.not+base64.sig`)
    expect(wrapper.get('[data-testid="token-paste-error"]').text()).toContain(
      'The payload (part 2, between the dots) has "+" at character 4',
    )
    expect(wrapper.get('[data-testid="token-paste"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('[data-testid="pasted-token"]').exists()).toBe(false)
  })

  it('without a connected provider: unverified, and says why', async () => {
    const wrapper = await paste(TOKEN)
    const pasted = wrapper.get('[data-testid="pasted-token"]')
    expect(pasted.attributes('data-status')).toBe('unverified')
    expect(pasted.get('[data-testid="pasted-token-verification"]').text()).toContain(
      'no provider is connected',
    )
    expect(verifyToken).not.toHaveBeenCalled()
  })

  it("verifies against the connected provider's keys: its issuer, any audience", async () => {
    useProviderStore().metadata = METADATA
    useConfigStore().patch({ clientId: 'web' })
    verifyToken.mockResolvedValue({ status: 'valid', checks: [] })
    const wrapper = await paste(TOKEN)
    expect(wrapper.get('[data-testid="pasted-token"]').attributes('data-status')).toBe('valid')
    expect(verifyToken).toHaveBeenCalledWith(TOKEN, payload, 'http://idp/jwks', {
      issuer: 'http://idp',
      clientId: 'web',
      now: expect.any(Number),
      kind: 'id',
      audience: 'informational',
    })
  })

  it('marks an unsigned token (alg none) invalid without asking for keys', async () => {
    useProviderStore().metadata = METADATA
    const wrapper = await paste(`${b64({ alg: 'none' })}.${b64(payload)}.`)
    expect(wrapper.get('[data-testid="pasted-token"]').attributes('data-status')).toBe('invalid')
    expect(wrapper.text()).toContain('not signed')
    expect(verifyToken).not.toHaveBeenCalled()
  })

  it('keeps the token in memory only, and says so', async () => {
    const wrapper = await paste(TOKEN)
    expect(wrapper.get('[data-testid="token-paste-privacy"]').text()).toContain('never stored')
    const stored = [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n')
    expect(stored).not.toContain(TOKEN.split('.')[1])
    expect(window.location.href).not.toContain(TOKEN.split('.')[1])
  })
})
