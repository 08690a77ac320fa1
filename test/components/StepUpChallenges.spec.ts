import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import StepUpChallenges from '@/components/StepUpChallenges.vue'

const base = {
  apiUrl: 'http://localhost:9401/api/transfer',
  canCall: true,
  answer: null,
  callError: null,
  calling: false,
}

describe('StepUpChallenges', () => {
  it('a pasted challenge is explained and only prefills the request', async () => {
    const wrapper = mount(StepUpChallenges, { props: base })
    await wrapper
      .get('[data-testid="challenge-input"]')
      .setValue('Bearer error="insufficient_user_authentication", acr_values="gold", max_age=300')
    expect(wrapper.get('[data-testid="challenge-explanation"]').text()).toContain('gold')
    await wrapper.get('[data-testid="challenge-apply"]').trigger('click')
    expect(wrapper.emitted('apply')).toEqual([
      [{ kind: 'rfc9470', acrValues: ['gold'], maxAge: 300 }, false],
    ])
  })

  it("an API's 401 challenge offers a step-up that also logs in", async () => {
    const answer = {
      status: 401,
      challenge: 'Bearer error="insufficient_user_authentication", acr_values="silver"',
      body: '{}',
    }
    const wrapper = mount(StepUpChallenges, { props: { ...base, answer } })
    expect(wrapper.get('[data-testid="api-status"]').text()).toBe('401')
    await wrapper.get('[data-testid="api-step-up"]').trigger('click')
    expect(wrapper.emitted('apply')).toEqual([[{ kind: 'rfc9470', acrValues: ['silver'] }, true]])
  })

  it("an API's insufficient_claims challenge puts its claims request in the request", async () => {
    const claims = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}')
    const answer = {
      status: 401,
      challenge: `Bearer realm="", error="insufficient_claims", claims="${claims.toString('base64')}"`,
      body: '{}',
    }
    const wrapper = mount(StepUpChallenges, { props: { ...base, answer } })
    await wrapper.get('[data-testid="api-claims-apply"]').trigger('click')
    const [[sent]] = wrapper.emitted('applyClaims') as [[string]]
    expect(JSON.parse(sent)).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } })
  })

  it('a pasted insufficient_claims challenge shows its claims request and puts it in the request', async () => {
    const wrapper = mount(StepUpChallenges, { props: base })
    await wrapper
      .get('[data-testid="challenge-input"]')
      .setValue('Bearer error="insufficient_claims", required_claims="email"')
    const claims = { id_token: { email: { essential: true } } }
    expect(JSON.parse(wrapper.get('[data-testid="challenge-claims"]').text())).toEqual(claims)
    await wrapper.get('[data-testid="challenge-apply-claims"]').trigger('click')
    expect(wrapper.emitted('applyClaims')).toEqual([[JSON.stringify(claims, null, 2)]])
  })

  it.each([
    ['a pasted', 'challenge-apply-scope'],
    ['an API', 'api-scope-apply'],
  ])(
    '%s insufficient_scope challenge adds its scopes to the configured ones',
    async (from, testid) => {
      const challenge = 'Bearer error="insufficient_scope", scope="reports write"'
      const wrapper = mount(StepUpChallenges, {
        props: {
          ...base,
          scope: 'reports',
          answer: from === 'an API' ? { status: 403, challenge, body: '' } : null,
        },
      })
      if (from === 'a pasted')
        await wrapper.get('[data-testid="challenge-input"]').setValue(challenge)
      expect(wrapper.get(`[data-testid="${testid}"]`).text()).toBe('Put it in the request')
      await wrapper.get(`[data-testid="${testid}"]`).trigger('click')
      expect(wrapper.emitted('applyScope')).toEqual([['reports write']])
    },
  )

  it("only the API's step-up is the primary button", async () => {
    const challenge = 'Bearer error="insufficient_user_authentication", acr_values="gold"'
    const wrapper = mount(StepUpChallenges, {
      props: { ...base, answer: { status: 401, challenge, body: '' } },
    })
    await wrapper.get('[data-testid="challenge-input"]').setValue(challenge)
    expect(wrapper.get('[data-testid="api-step-up"]').classes()).toEqual(['primary'])
    expect(wrapper.get('[data-testid="api-step-up"]').text()).toBe('Step up as the API asks')
    expect(wrapper.get('[data-testid="challenge-apply"]').classes()).toEqual([])
  })

  it('a scope challenge offers nothing without the configured scopes to add to', () => {
    const challenge = 'Bearer error="insufficient_scope", scope="reports"'
    const wrapper = mount(StepUpChallenges, {
      props: { ...base, answer: { status: 403, challenge, body: '' } },
    })
    expect(wrapper.find('[data-testid="api-scope-apply"]').exists()).toBe(false)
  })

  it('says when a 401 carries no readable challenge', () => {
    const wrapper = mount(StepUpChallenges, {
      props: { ...base, answer: { status: 401, challenge: null, body: '' } },
    })
    expect(wrapper.text()).toContain('Access-Control-Expose-Headers')
  })

  it('cannot call without an access token', () => {
    const wrapper = mount(StepUpChallenges, { props: { ...base, canCall: false } })
    expect(wrapper.get('[data-testid="api-call"]').attributes('disabled')).toBeDefined()
  })
})
