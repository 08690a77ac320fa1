import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import PasteField from '@/components/PasteField.vue'

function field(modelValue: string, props: { message?: string | false; invalid?: boolean } = {}) {
  const wrapper = mount(PasteField, {
    props: {
      modelValue,
      'onUpdate:modelValue': (text: string) => wrapper.setProps({ modelValue: text }),
      label: 'A JWT',
      testid: 'token-paste',
      rows: 4,
      placeholder: 'eyJ…',
      clearText: 'Clear',
      message: props.message ?? false,
      invalid: props.invalid ?? false,
    },
    slots: { default: 'Stays in this tab.' },
  })
  return wrapper
}

describe('PasteField: pasted text kept in memory, with its hint and a clear button', () => {
  it('labels its box, and the box is described by the hint', () => {
    const wrapper = field('')
    const box = wrapper.get('[data-testid="token-paste"]')
    expect(wrapper.get('label').attributes('for')).toBe(box.attributes('id'))
    expect(wrapper.get('label').text()).toBe('A JWT')
    expect(box.attributes()).toMatchObject({ rows: '4', placeholder: 'eyJ…' })
    const hint = wrapper.get('[data-testid="token-paste-privacy"]')
    expect(hint.text()).toBe('Stays in this tab.')
    expect(box.attributes('aria-describedby')).toBe(hint.attributes('id'))
    expect(box.attributes('aria-invalid')).toBeUndefined()
  })

  it('is described by the message under it too, and is invalid when the message is an error', () => {
    const wrapper = field('x', { message: 'why', invalid: true })
    const box = wrapper.get('[data-testid="token-paste"]')
    const hintId = wrapper.get('[data-testid="token-paste-privacy"]').attributes('id')
    expect(box.attributes('aria-describedby')).toBe(`${hintId} why`)
    expect(box.attributes('aria-invalid')).toBe('true')
    expect(box.attributes('aria-errormessage')).toBe('why')
  })

  it('offers to clear only while it holds text, and clearing empties it', async () => {
    expect(field('').find('[data-testid="token-paste-clear"]').exists()).toBe(false)
    const wrapper = field('eyJ')
    const clear = wrapper.get('[data-testid="token-paste-clear"]')
    expect(clear.text()).toBe('Clear')
    await clear.trigger('click')
    expect(wrapper.props('modelValue')).toBe('')
    expect(wrapper.get('textarea').element.value).toBe('')
    expect(wrapper.find('[data-testid="token-paste-clear"]').exists()).toBe(false)
  })
})
