import { onScopeDispose, ref } from 'vue'

/** The time in epoch seconds, ticking every `intervalMs`. */
export function useNow({ intervalMs = 1000 }: { intervalMs?: number } = {}) {
  const now = ref(Math.floor(Date.now() / 1000))
  const timer = setInterval(() => (now.value = Math.floor(Date.now() / 1000)), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
