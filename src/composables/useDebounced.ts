import { onScopeDispose } from 'vue'

/** `fn`, called `wait` ms after the last call; pending calls are dropped when the scope ends. */
export function useDebounced<A extends unknown[]>(fn: (...args: A) => unknown, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  onScopeDispose(() => clearTimeout(timer))
  return (...args: A) => {
    clearTimeout(timer)
    timer = setTimeout(() => fn(...args), wait)
  }
}
