import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { diffAttempts, HISTORY_LIMIT, type Attempt, type AttemptOutcome } from '@/lib/history'

export const useHistoryStore = defineStore('history', () => {
  /** Newest first. */
  const attempts = ref<Attempt[]>([])
  const selected = ref<string[]>([])

  const comparison = computed(() => {
    if (selected.value.length !== 2) return undefined
    const [first, second] = selected.value.map((id) => attempts.value.find((a) => a.id === id))
    if (!first || !second) return undefined
    // Older on the left, so a change reads "before -> after".
    const [older, newer] = first.startedAt <= second.startedAt ? [first, second] : [second, first]
    return { older, newer, changes: diffAttempts(older, newer) }
  })

  function load(list: Attempt[]) {
    attempts.value = list.slice(0, HISTORY_LIMIT)
  }

  function add(attempt: Attempt) {
    attempts.value = [attempt, ...attempts.value.filter((a) => a.id !== attempt.id)].slice(
      0,
      HISTORY_LIMIT,
    )
  }

  function complete(id: string, outcome: AttemptOutcome) {
    attempts.value = attempts.value.map((a) => (a.id === id ? { ...a, outcome } : a))
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

  return { attempts, selected, comparison, load, add, complete, toggleSelected, clear }
})
