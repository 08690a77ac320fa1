import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import LoginResult from '@/components/LoginResult.vue'
import { evaluate } from '@/lib/verdict/verdict'
import type { CompletedLogin as Result } from '@/stores/login'
import { oidcTarget } from '../fixtures/provider'

function result(payload: Record<string, unknown>): Result {
  return {
    request: { scope: 'openid', acrValues: 'gold' },
    target: oidcTarget('c'),
    startedAt: 0,
    receivedAt: 0,
    idToken: { header: { alg: 'RS256' }, payload },
    raw: { idToken: 'a.b.c' },
  }
}

describe('LoginResult', () => {
  it('shows acr, LoA and the verdict through the public test hooks', () => {
    const r = result({ acr: 'silver', auth_time: 100, amr: ['pwd', 'otp'] })
    const wrapper = mount(LoginResult, {
      props: {
        result: r,
        evaluation: evaluate(r.request, r.idToken!.payload, { silver: 2, gold: 3 }),
        hints: [],
        now: 130,
      },
    })
    expect(wrapper.get('[data-testid="received-acr"]').text()).toBe('silver')
    expect(wrapper.get('[data-testid="received-loa"]').text()).toBe('2')
    expect(wrapper.get('[data-testid="acr-verdict"]').attributes('data-verdict')).toBe('downgraded')
    expect(wrapper.get('[data-testid="auth-time"]').text()).toContain('30 s ago')
    expect(wrapper.get('[data-testid="amr"]').text()).toBe('pwd, otp')
  })

  it('leaves received-acr empty when the ID token has no acr, and says why', () => {
    const r = result({ sub: 'x' })
    const wrapper = mount(LoginResult, {
      props: {
        result: r,
        evaluation: evaluate(r.request, r.idToken!.payload, {}),
        hints: [{ code: 'no-acr-claim', text: 'The client needs the "acr" client scope.' }],
        now: 0,
      },
    })
    expect(wrapper.get('[data-testid="received-acr"]').text()).toBe('')
    expect(wrapper.get('[data-testid="acr-verdict"]').attributes('data-verdict')).toBe('no-acr')
    expect(wrapper.get('[data-testid="hint"][data-hint="no-acr-claim"]').text()).toContain(
      '"acr" client scope',
    )
  })

  it('renders a hostile claim as text', async () => {
    const r = result({ acr: 'gold', name: '<img src=x onerror=alert(1)>' })
    const wrapper = mount(LoginResult, {
      props: {
        result: r,
        evaluation: evaluate(r.request, r.idToken!.payload, {}),
        hints: [],
        now: 0,
      },
    })
    await new Promise((frame) => requestAnimationFrame(frame)) // the tokens render a frame later
    await wrapper.vm.$nextTick()
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('[data-claim="name"]').text()).toContain('<img src=x onerror=alert(1)>')
  })

  it('offers the step-up and emits it', async () => {
    const r = result({ acr: 'silver' })
    const wrapper = mount(LoginResult, {
      props: {
        result: r,
        evaluation: evaluate(r.request, r.idToken!.payload, {}),
        now: 0,
        hints: [],
        stepUp: { acr: 'gold', loa: 3 },
      },
    })
    await wrapper.get('[data-testid="step-up"]').trigger('click')
    expect(wrapper.emitted('stepUp')).toEqual([[{ acr: 'gold', loa: 3 }]])
  })
})
