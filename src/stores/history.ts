import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { safeStorage, useStoredRef } from '@/composables/useStoredRef'
import {
  diffAttempts,
  HISTORY_LIMIT,
  keptAttempt,
  CLIENT_NOTES_LIMIT,
  keptOutcome,
  parseClientNotes,
  parseHistory,
  type Attempt,
  type AttemptOutcome,
  type ClientNote,
} from '@/lib/session/history'
import { STORAGE_KEY_CLIENT_NOTES, STORAGE_KEY_HISTORY } from '@/lib/storage/storage-keys'

/**
 * This tab's login attempts, newest first, kept in sessionStorage: only what the diff, the verdict
 * and the prediction need (see KEPT_CLAIMS), for at most HISTORY_MAX_AGE_MS. Cleared by "Clear
 * history", "Forget everything" and a logout at the provider (all call `clear`).
 */
export const useHistoryStore = defineStore('history', () => {
  const write = (list: Attempt[]) => (list.length ? JSON.stringify(list) : null)
  const stored = useStoredRef<Attempt[]>(
    STORAGE_KEY_HISTORY,
    { read: (raw) => parseHistory(raw, Date.now()), write },
    { storage: safeStorage('session'), deep: false },
  )
  const attempts = stored.value
  // Expired attempts, and claims an older version kept, leave storage now, not at the next login.
  if (stored.raw !== null && write(attempts.value) !== stored.raw)
    attempts.value = [...attempts.value]
  const selected = ref<string[]>([])
  /** Requests the provider kept in a client's session beside the logins (a session probe's). */
  const clientNotes = useStoredRef<ClientNote[]>(
    STORAGE_KEY_CLIENT_NOTES,
    { read: parseClientNotes, write: (list) => (list.length ? JSON.stringify(list) : null) },
    { storage: safeStorage('session'), deep: false },
  ).value

  function noteRequest(note: ClientNote) {
    clientNotes.value = [note, ...clientNotes.value].slice(0, CLIENT_NOTES_LIMIT)
  }

  const comparison = computed(() => {
    if (selected.value.length !== 2) return undefined
    const [first, second] = selected.value.map((id) => attempts.value.find((a) => a.id === id))
    if (!first || !second) return undefined
    // Older on the left, so a change reads "before -> after".
    const [older, newer] = first.startedAt <= second.startedAt ? [first, second] : [second, first]
    return { older, newer, changes: diffAttempts(older, newer) }
  })

  function add(attempt: Attempt) {
    attempts.value = [
      keptAttempt(attempt),
      ...attempts.value.filter((a) => a.id !== attempt.id),
    ].slice(0, HISTORY_LIMIT)
  }

  /** Record how an attempt ended; an attempt the history lost (cleared meanwhile) is added again. */
  function complete(attempt: Attempt, outcome: AttemptOutcome) {
    const kept = keptOutcome(outcome)
    if (attempts.value.some((a) => a.id === attempt.id))
      attempts.value = attempts.value.map((a) =>
        a.id === attempt.id ? { ...a, outcome: kept } : a,
      )
    else add({ ...attempt, outcome: kept })
  }

  function toggleSelected(id: string) {
    selected.value = selected.value.includes(id)
      ? selected.value.filter((s) => s !== id)
      : [...selected.value, id].slice(-2)
  }

  /** Empty the history, in memory and in sessionStorage. */
  function clear() {
    attempts.value = []
    selected.value = []
    clientNotes.value = []
  }

  return {
    attempts,
    clientNotes,
    selected,
    comparison,
    add,
    complete,
    noteRequest,
    toggleSelected,
    clear,
  }
})
