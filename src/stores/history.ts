import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { safeStorage, useStoredRef } from '@/composables/useStoredRef'
import {
  diffAttempts,
  HISTORY_LIMIT,
  parseHistory,
  type Attempt,
  type AttemptOutcome,
} from '@/lib/history'
import { STORAGE_KEY_HISTORY } from '@/lib/storage-keys'

/** This tab's login attempts, newest first, kept in sessionStorage. */
export const useHistoryStore = defineStore('history', () => {
  const attempts = useStoredRef<Attempt[]>(
    STORAGE_KEY_HISTORY,
    {
      read: (raw) => parseHistory(raw).slice(0, HISTORY_LIMIT),
      write: (list) => (list.length ? JSON.stringify(list) : null),
    },
    { storage: safeStorage('session'), deep: false },
  ).value
  const selected = ref<string[]>([])

  const comparison = computed(() => {
    if (selected.value.length !== 2) return undefined
    const [first, second] = selected.value.map((id) => attempts.value.find((a) => a.id === id))
    if (!first || !second) return undefined
    // Older on the left, so a change reads "before -> after".
    const [older, newer] = first.startedAt <= second.startedAt ? [first, second] : [second, first]
    return { older, newer, changes: diffAttempts(older, newer) }
  })

  function add(attempt: Attempt) {
    attempts.value = [attempt, ...attempts.value.filter((a) => a.id !== attempt.id)].slice(
      0,
      HISTORY_LIMIT,
    )
  }

  /** Record how an attempt ended; an attempt the history lost (cleared meanwhile) is added again. */
  function complete(attempt: Attempt, outcome: AttemptOutcome) {
    if (attempts.value.some((a) => a.id === attempt.id))
      attempts.value = attempts.value.map((a) => (a.id === attempt.id ? { ...a, outcome } : a))
    else add({ ...attempt, outcome })
  }

  function toggleSelected(id: string) {
    selected.value = selected.value.includes(id)
      ? selected.value.filter((s) => s !== id)
      : [...selected.value, id].slice(-2)
  }

  function clear() {
    attempts.value = []
    selected.value = []
  }

  return { attempts, selected, comparison, add, complete, toggleSelected, clear }
})
