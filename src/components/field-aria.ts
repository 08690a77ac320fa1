// How a form control announces what describes it: its hint, and a message shown under it (an
// error, or a status such as "key accepted"). One owner, so every field says it the same way.

/** The ids of the texts that describe a control, each given only while it is shown. */
interface FieldTexts {
  /** The hint's id. */
  hint?: string | false
  /** The message's id (an error, or a status). */
  message?: string | false
  /** The message is an error: the control is invalid and the message says why. */
  invalid?: boolean
}

/** The control's aria-describedby, aria-invalid and aria-errormessage, for v-bind. */
export function fieldAria({ hint, message, invalid = false }: FieldTexts) {
  const described = [hint, message].filter(Boolean).join(' ')
  return {
    'aria-describedby': described || undefined,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-errormessage': invalid && message ? message : undefined,
  }
}
