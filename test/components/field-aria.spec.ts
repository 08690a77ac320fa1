import { describe, expect, it } from 'vitest'

import { fieldAria } from '@/components/field-aria'

describe('fieldAria: what describes a control, as ARIA attributes', () => {
  it.each([
    ['nothing shown', {}, [undefined, undefined, undefined]],
    ['a hint', { hint: 'h' }, ['h', undefined, undefined]],
    ['a hint and a status', { hint: 'h', message: 's' }, ['h s', undefined, undefined]],
    ['a hint and an error', { hint: 'h', message: 'e', invalid: true }, ['h e', 'true', 'e']],
    ['an error alone', { message: 'e', invalid: true }, ['e', 'true', 'e']],
    ['texts not shown (false)', { hint: false, message: false }, [undefined, undefined, undefined]],
    ['invalid, its message not shown', { hint: 'h', invalid: true }, ['h', 'true', undefined]],
  ] as const)('%s', (_, texts, [describedBy, invalid, errorMessage]) => {
    expect(fieldAria(texts)).toEqual({
      'aria-describedby': describedBy,
      'aria-invalid': invalid,
      'aria-errormessage': errorMessage,
    })
  })
})
