import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter } from 'vue'

/**
 * The time in epoch seconds, ticking every `intervalMs` while `enabled` (read again when it
 * changes: a clock nobody needs yet costs no timer).
 */
export function useNow({
  intervalMs = 1000,
  enabled = true,
}: { intervalMs?: number; enabled?: MaybeRefOrGetter<boolean> } = {}) {
  const now = ref(Math.floor(Date.now() / 1000))
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }
  const tick = () => (now.value = Math.floor(Date.now() / 1000))
  watch(
    () => toValue(enabled),
    (on) => {
      stop()
      if (!on) return
      tick()
      timer = setInterval(tick, intervalMs)
    },
    { immediate: true },
  )
  onScopeDispose(stop)
  return now
}
