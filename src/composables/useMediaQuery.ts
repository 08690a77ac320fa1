// Whether a media query matches now, following changes; cleaned up with the scope.
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'

interface MediaQueryOptions {
  window?: Pick<Window, 'matchMedia'>
}

export function useMediaQuery(
  query: string,
  { window: win = globalThis.window }: MediaQueryOptions = {},
): Ref<boolean> {
  const list = win?.matchMedia?.(query)
  const matches = ref(list?.matches ?? false)
  if (list) {
    const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches)
    list.addEventListener('change', onChange)
    if (getCurrentScope()) onScopeDispose(() => list.removeEventListener('change', onChange))
  }
  return matches
}
