import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import ParsedInput from '@/components/ParsedInput.vue'
import { parseMaxAge } from '@/lib/request/config'

function mountMaxAge(current: number | null = null) {
  return mount(ParsedInput<number | null>, {
    props: {
      label: 'max_age',
      testid: 'max-age',
      modelValue: current,
      parse: parseMaxAge,
      format: (v: number | null) => (v === null ? '' : String(v)),
    },
  })
}

describe('ParsedInput', () => {
  it('emits the parsed value of good input', async () => {
    const wrapper = mountMaxAge()
    await wrapper.get('[data-testid="max-age"]').setValue('0')
    expect(wrapper.emitted('update:modelValue')).toEqual([[0]])
    expect(wrapper.find('[data-testid="max-age-error"]').exists()).toBe(false)
  })

  it('keeps bad input in the field, says why, and emits nothing', async () => {
    const wrapper = mountMaxAge(30)
    await wrapper.get('[data-testid="max-age"]').setValue('-5')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(wrapper.get('[data-testid="max-age-error"]').text()).toBe(
      'max_age must be a whole number of seconds, 0 or more',
    )
    expect((wrapper.get('[data-testid="max-age"]').element as HTMLInputElement).value).toBe('-5')
    expect(wrapper.get('[data-testid="max-age"]').attributes('aria-invalid')).toBe('true')
  })

  it('follows a value changed from outside', async () => {
    const wrapper = mountMaxAge(30)
    await wrapper.setProps({ modelValue: 60 })
    expect((wrapper.get('[data-testid="max-age"]').element as HTMLInputElement).value).toBe('60')
  })
})
