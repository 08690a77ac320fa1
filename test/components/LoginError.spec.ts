import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import LoginError from '@/components/LoginError.vue'
import { classifyReturn, finishAttempt } from '@/lib/session/login-return'
import { oidcTarget } from '../fixtures/provider'

const target = oidcTarget('app')
const pending = {
  id: 'a1',
  startedAt: 1,
  target,
  request: { scope: 'openid' },
  state: 's1',
}
const HOSTILE = 'Your session expired, log in at https://evil.example'

function ignored(state: string, withPending: boolean, error = 'access_denied') {
  const step = classifyReturn(
    { state, hasCode: false, error, errorDescription: HOSTILE },
    withPending ? pending : null,
  )
  if (step.kind !== 'unsolicited') throw new Error(`expected unsolicited, got ${step.kind}`)
  return step.error
}

describe('LoginError', () => {
  it.each([
    ['no login under way', ignored('forged', false)],
    ['a login under way with another state', ignored('forged', true)],
  ])(
    'an ignored callback (%s): the panel says it was ignored; its text only behind a toggle',
    (_, error) => {
      const wrapper = mount(LoginError, { props: { error } })
      const panel = wrapper.get('[data-testid="login-error"]')
      expect(panel.attributes('data-error')).toBe('access_denied')
      const details = wrapper.get('[data-testid="login-error-ignored"]')
      expect(details.element.tagName).toBe('DETAILS')
      expect(details.attributes('open')).toBeUndefined()
      expect(details.get('summary').text()).toBe('Show what it said')
      expect(details.text()).toContain('Not from a login of yours')
      expect(details.get('[data-said="error_description"]').text()).toBe(HOSTILE)
      // Everything outside the toggle: the explanation, and no word of what the URL said.
      const outside = panel.text().replace(details.text(), '')
      expect(outside).toContain('A login response was ignored')
      expect(outside).not.toContain('evil.example')
      expect(outside).not.toContain('access_denied')
      expect(wrapper.find('[data-testid="login-error-description"]').exists()).toBe(false)
    },
  )

  it("shows this login's own error and its description in the panel, with no toggle", () => {
    const finished = finishAttempt(
      pending,
      { state: 's1', hasCode: false, error: 'access_denied', errorDescription: 'User cancelled' },
      { ok: true, authenticated: false, tokens: {} },
      2,
    )
    if (finished.kind !== 'error') throw new Error('expected an error')
    const wrapper = mount(LoginError, { props: { error: finished.error } })
    expect(wrapper.get('[data-testid="login-error"]').attributes('data-error')).toBe(
      'access_denied',
    )
    expect(wrapper.get('[data-testid="login-error-description"]').text()).toBe('User cancelled')
    expect(wrapper.find('[data-testid="login-error-ignored"]').exists()).toBe(false)
  })

  it('emits dismiss', async () => {
    const wrapper = mount(LoginError, { props: { error: ignored('forged', false) } })
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('dismiss')).toHaveLength(1)
  })

  function ownError(error: string) {
    const finished = finishAttempt(
      pending,
      { state: 's1', hasCode: false, error },
      { ok: true, authenticated: false, tokens: {} },
      2,
    )
    if (finished.kind !== 'error') throw new Error('expected an error')
    return finished.error
  }
  const askVoluntary = '[data-testid="login-error-ask-voluntary"]'

  it('unmet_authentication_requirements with an essential request: one click asks voluntarily', async () => {
    const wrapper = mount(LoginError, {
      props: { error: ownError('unmet_authentication_requirements'), canAskVoluntarily: true },
    })
    await wrapper.get(askVoluntary).trigger('click')
    expect(wrapper.emitted('askVoluntarily')).toHaveLength(1)
    expect(wrapper.emitted('dismiss')).toBeUndefined()
  })

  it.each([
    [
      'the request asks nothing essential now',
      ownError('unmet_authentication_requirements'),
      false,
    ],
    ['another error', ownError('access_denied'), true],
    ['an ignored callback', ignored('forged', false, 'unmet_authentication_requirements'), true],
  ])('no such click when %s', (_, error, canAskVoluntarily) => {
    const wrapper = mount(LoginError, { props: { error, canAskVoluntarily } })
    expect(wrapper.find(askVoluntary).exists()).toBe(false)
  })
})
