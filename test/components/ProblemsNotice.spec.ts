import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import ProblemsNotice from '@/components/ProblemsNotice.vue'

describe('ProblemsNotice: what storage could not read, until dismissed', () => {
  it('lists each problem, then the items of its slot, as a status under its hook', () => {
    const wrapper = mount(ProblemsNotice, {
      props: { problems: ['First.', 'Second.'], testid: 'profile-problems' },
      slots: { default: '<li>Too large.</li>' },
    })
    const notice = wrapper.get('[data-testid="profile-problems"]')
    expect(notice.attributes('role')).toBe('status')
    expect(notice.findAll('li').map((li) => li.text())).toEqual(['First.', 'Second.', 'Too large.'])
  })

  it('asks to be dismissed with its button', async () => {
    const wrapper = mount(ProblemsNotice, { props: { problems: ['First.'], testid: 'x' } })
    await wrapper.get('button').trigger('click')
    expect(wrapper.get('button').text()).toBe('Dismiss')
    expect(wrapper.emitted('dismiss')).toEqual([[]])
  })
})
