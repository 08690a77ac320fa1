import { onScopeDispose, ref } from 'vue'

export interface ClipboardOptions {
  navigator?: Pick<Navigator, 'clipboard'>
}

export function useClipboard({ navigator: nav = globalThis.navigator }: ClipboardOptions = {}) {
  const copied = ref<string | null>(null)
  const failed = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function copy(id: string, text: string) {
    try {
      await nav.clipboard.writeText(text)
      copied.value = id
      failed.value = false
    } catch {
      failed.value = true
    }
    clearTimeout(timer)
    timer = setTimeout(() => (copied.value = null), 1500)
  }

  onScopeDispose(() => clearTimeout(timer))
  return { copied, failed, copy }
}
