import { onScopeDispose, ref } from 'vue'

interface ClipboardOptions {
  navigator?: Pick<Navigator, 'clipboard'>
}

export function useClipboard({ navigator: nav = globalThis.navigator }: ClipboardOptions = {}) {
  const copied = ref(false)
  const failed = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function copy(text: string) {
    try {
      await nav.clipboard.writeText(text)
      copied.value = true
      failed.value = false
    } catch {
      failed.value = true
    }
    clearTimeout(timer)
    timer = setTimeout(() => (copied.value = false), 1500)
  }

  onScopeDispose(() => clearTimeout(timer))
  return { copied, failed, copy }
}
