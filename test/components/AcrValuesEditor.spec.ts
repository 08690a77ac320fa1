import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import AcrValuesEditor from '@/components/AcrValuesEditor.vue'

const props = {
  values: ['silver', 'gold'],
  sendAcrValues: true,
  acrMode: 'off' as const,
  claimsBlocked: false,
  suggestions: [],
}

describe('AcrValuesEditor', () => {
  it('adds a value at the end of the list', async () => {
    const wrapper = mount(AcrValuesEditor, { props })
    await wrapper.get('[data-testid="acr-input"]').setValue('bronze')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('update:values')).toEqual([[['silver', 'gold', 'bronze']]])
  })

  it('refuses a duplicate or a value with a quote, saying why', async () => {
    const wrapper = mount(AcrValuesEditor, { props })
    await wrapper.get('[data-testid="acr-input"]').setValue('gold')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('gold is already in the list')
    await wrapper.get('[data-testid="acr-input"]').setValue('go"ld')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('characters OAuth does not allow')
    expect(wrapper.emitted('update:values')).toBeUndefined()
  })

  it('moves and removes values', async () => {
    const wrapper = mount(AcrValuesEditor, { props })
    await wrapper.get('[aria-label="Move gold up"]').trigger('click')
    await wrapper.get('[aria-label="Remove silver"]').trigger('click')
    expect(wrapper.emitted('update:values')).toEqual([[['gold', 'silver']], [['gold']]])
  })

  it('warns when both acr_values and a claims request ask for a level', () => {
    const wrapper = mount(AcrValuesEditor, { props: { ...props, acrMode: 'essential' } })
    expect(wrapper.find('[data-testid="both-warning"]').exists()).toBe(true)
  })

  it('locks the claims mode while the claims JSON is broken', () => {
    const wrapper = mount(AcrValuesEditor, { props: { ...props, claimsBlocked: true } })
    expect(wrapper.get('[data-testid="acr-mode-essential"]').attributes('disabled')).toBeDefined()
  })
})
