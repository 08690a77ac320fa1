import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import CodeArea from '@/components/CodeArea.vue'

describe('CodeArea: a box for machine text', () => {
  it('keeps what is typed exactly: no spell check, autocorrect, capitals or autofill', () => {
    const wrapper = mount(CodeArea, { props: { modelValue: '' } })
    const box = wrapper.get('textarea')
    expect(box.attributes()).toMatchObject({
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
      autocomplete: 'off',
    })
  })

  it('passes its other attributes to the textarea, and binds its text both ways', async () => {
    const wrapper = mount(CodeArea, {
      props: {
        modelValue: 'eyJ',
        'onUpdate:modelValue': (text: string) => wrapper.setProps({ modelValue: text }),
      },
      attrs: { id: 'box', rows: '4', 'data-testid': 'token-paste', 'aria-invalid': 'true' },
    })
    const box = wrapper.get('textarea')
    expect(box.attributes()).toMatchObject({
      id: 'box',
      rows: '4',
      'data-testid': 'token-paste',
      'aria-invalid': 'true',
    })
    expect(box.element.value).toBe('eyJ')
    await box.setValue('{"kty":"RSA"}')
    expect(wrapper.props('modelValue')).toBe('{"kty":"RSA"}')
  })
})
