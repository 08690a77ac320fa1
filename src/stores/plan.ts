// Test plans: the plan on show and its run. A run crosses a redirect per step; its decisions are
// pure (src/lib/plans/plan-run.ts), this store holds the run in sessionStorage and does the I/O through
// the login, provider and config stores. It never navigates: it returns the URL to go to.
// A run works in a workspace of its own (a plan visitor, see the profiles store): its steps never
// write a saved profile. A run whose tab was closed is offered to the next visit, to resume or drop.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { readKey, safeStorage, useStoredRef, writeKey } from '@/composables/useStoredRef'
import { decodePlanParam, parsePlan, serializePlan, stepConfig, type Plan } from '@/lib/plans/plan'
import {
  abortRun,
  beginRun,
  leaving,
  nextAction,
  readOpenRun,
  readRun,
  recordStep,
  serializeOpenRun,
  serializeRun,
  sessionEnded,
  startDelay,
  type PlanRun,
  type StepOutcome,
} from '@/lib/plans/plan-run'
import {
  STORAGE_KEY_PLAN,
  STORAGE_KEY_PLAN_RUN,
  STORAGE_KEY_PLAN_RUN_OPEN,
  STORAGE_KEY_TAB_ID,
} from '@/lib/storage/storage-keys'
import { planWorkspaceName } from '@/lib/storage/workspace'
import { useConfigStore } from './config'
import { useHistoryStore } from './history'
import { useLoginStore } from './login'
import { useProfilesStore } from './profiles'
import { useProviderStore } from './provider'

/** The methods in an ID token's amr claim (RFC 8176), as text. */
function amrOf(payload: Record<string, unknown> | undefined): string[] {
  const amr = payload?.amr
  return Array.isArray(amr) ? amr.filter((m): m is string => typeof m === 'string') : []
}

export const usePlanStore = defineStore('plan', () => {
  const config = useConfigStore()
  const provider = useProviderStore()
  const login = useLoginStore()
  const history = useHistoryStore()
  const profiles = useProfilesStore()
  const session = safeStorage('session')
  const local = safeStorage('local')
  /** This tab's id: the run under way names its tab, so another tab knows it is not its own. */
  const tabId =
    readKey(session, STORAGE_KEY_TAB_ID) ??
    (() => {
      const id = crypto.randomUUID()
      writeKey(session, STORAGE_KEY_TAB_ID, id)
      return id
    })()

  /** What was wrong with the plan last loaded (a file, a paste, a link), one sentence each. */
  const problems = ref<string[]>([])
  /** Where the plan on show came from, for the notice. */
  const loadedFrom = ref<'file' | 'link' | 'stored' | null>(null)
  const plan = useStoredRef<Plan | null>(
    STORAGE_KEY_PLAN,
    {
      read: (raw) => {
        if (raw === null) return null
        const parsed = parsePlan(raw)
        if (parsed.ok) {
          loadedFrom.value = 'stored'
          return parsed.value
        }
        problems.value = [`The saved plan could not be read: ${parsed.error[0] ?? ''}`]
        return null
      },
      write: (value) => (value ? serializePlan(value) : null),
    },
    { deep: false },
  ).value
  const run = useStoredRef<PlanRun | null>(
    STORAGE_KEY_PLAN_RUN,
    {
      read: (raw) => {
        const read = readRun(raw)
        if (read.ok) return read.value
        problems.value = [`The plan run under way was dropped: ${read.error}.`]
        return null
      },
      write: (value) => (value ? serializeRun(value) : null),
    },
    { storage: session, deep: false },
  ).value
  const running = computed(() => run.value !== null && run.value.finishedAt === undefined)
  /** The run ended on this page load: its summary, not the last step's answer, takes the focus. */
  const endedHere = ref(false)

  /** The run under way in any tab, as noted in localStorage: its tab and the run. */
  const readOpenRunNote = () => readOpenRun(readKey(local, STORAGE_KEY_PLAN_RUN_OPEN))
  /**
   * A run left unfinished by a tab that is gone (closed, crashed), or still under way in another
   * one: the page offers to resume it here or drop it, and does neither by itself.
   */
  const interrupted = ref(run.value === null ? readOpenRunNote() : null)
  if (run.value === null && interrupted.value === null)
    writeKey(local, STORAGE_KEY_PLAN_RUN_OPEN, null)
  // The run under way is noted for other visits while it runs, and only while it runs.
  watch(
    run,
    (next) => {
      if (next && next.finishedAt === undefined)
        writeKey(local, STORAGE_KEY_PLAN_RUN_OPEN, serializeOpenRun({ tab: tabId, run: next }))
      else if (readOpenRunNote()?.tab === tabId) writeKey(local, STORAGE_KEY_PLAN_RUN_OPEN, null)
    },
    { flush: 'sync' },
  )
  /** A run's steps are this plan's: the table shows the run's plan while there is one. */
  const shown = computed(() => run.value?.plan ?? plan.value)

  function load(text: string, from: 'file' | 'link' = 'file'): boolean {
    const parsed = from === 'link' ? decodePlanParam(text) : parsePlan(text)
    if (!parsed.ok) {
      problems.value = parsed.error
      return false
    }
    problems.value = []
    plan.value = parsed.value
    loadedFrom.value = from
    if (!running.value) run.value = null
    return true
  }

  /** What the step under way gave, read from the login store once the page has finished the return. */
  function returned(): StepOutcome {
    const error = login.loginError
    if (error)
      return error.error === 'never_returned'
        ? { kind: 'stopped' }
        : {
            kind: 'error',
            error: error.error,
            ...(error.description ? { description: error.description } : {}),
          }
    const result = login.result
    const judged = login.evaluation
    const fresh = login.freshness
    if (!result || !judged || !fresh) return { kind: 'stopped' }
    const payload = result.idToken?.payload
    const authTime = payload?.auth_time
    const subject = payload?.preferred_username ?? payload?.sub
    return {
      kind: 'tokens',
      ...(judged.receivedAcr !== undefined ? { acr: judged.receivedAcr } : {}),
      ...(judged.receivedLoa !== undefined ? { loa: judged.receivedLoa } : {}),
      verdict: judged.verdict,
      freshness: fresh.verdict,
      amr: amrOf(payload),
      ...(typeof authTime === 'number' ? { authTime } : {}),
      ...(typeof subject === 'string' ? { subject } : {}),
    }
  }

  /** The run's workspace gives way to what was on show before it: no saved profile was touched. */
  function finishRun() {
    profiles.endVisit()
  }

  /**
   * Go on with the run: set up the step under way and return the URL its redirect goes to, or
   * null when the run is over. A step that cannot start is recorded as such and the run goes on.
   */
  async function advance(redirectUri: string): Promise<string | null> {
    for (;;) {
      const current = run.value
      if (!current) return null
      const action = nextAction(current)
      if (action.kind === 'done') {
        if (current.finishedAt === undefined) run.value = abortRun(current, Date.now())
        endedHere.value = true
        finishRun()
        return null
      }
      const notStarted = (reason: string) => {
        run.value = recordStep(current, { kind: 'not-started', reason }, Date.now())
      }
      const patch = stepConfig(current.plan, action.index)
      if (!patch.ok) {
        notStarted(patch.error)
        continue
      }
      // The step's provider and request, in the run's own workspace; the API URL stays the
      // user's (a plan never sets it).
      config.replace({ ...config.config, ...patch.value })
      const connected = await provider.connect(config.target, redirectUri)
      if (!connected.ok) {
        notStarted(provider.connectionError ?? connected.error ?? 'the provider did not answer')
        continue
      }
      if (action.kind === 'logout') {
        const url = login.beginLogout(redirectUri)
        if (!url.ok) {
          // No way to end the session here: say so in the step and go on with its login.
          notStarted(`the SSO session could not be ended first: ${url.error}`)
          continue
        }
        history.clear()
        run.value = leaving(current, 'logout')
        return url.value
      }
      if (!config.built.ok) {
        notStarted(config.built.errors.join(' '))
        continue
      }
      const delay = startDelay(current, action.step, Date.now())
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      const url = await login.begin(config.built.request, redirectUri)
      if (!url) {
        notStarted(provider.prepareError ?? 'no login URL could be made for this request')
        continue
      }
      run.value = leaving(current, 'login')
      return url
    }
  }

  /** Start the plan on show from its first step; returns where to go. */
  async function start(redirectUri: string): Promise<string | null> {
    if (!plan.value || running.value) return null
    interrupted.value = null
    profiles.visit(planWorkspaceName(plan.value.name), 'plan', config.config)
    run.value = beginRun(plan.value, Date.now())
    return advance(redirectUri)
  }

  /** Go on here with a run another tab left: the step it was on is recorded as interrupted. */
  async function resumeInterrupted(redirectUri: string): Promise<string | null> {
    const left = interrupted.value
    if (!left || running.value) return null
    interrupted.value = null
    profiles.visit(planWorkspaceName(left.run.plan.name), 'plan', config.config)
    run.value =
      left.run.awaiting === null
        ? left.run
        : recordStep(
            left.run,
            { kind: 'not-started', reason: 'the run was interrupted: its tab was closed' },
            Date.now(),
          )
    return advance(redirectUri)
  }

  /** Forget a run another tab left. */
  function dropInterrupted() {
    interrupted.value = null
    writeKey(local, STORAGE_KEY_PLAN_RUN_OPEN, null)
  }

  /** After the page finished a return: record what the step gave and go on; returns where to go. */
  async function resume(redirectUri: string): Promise<string | null> {
    const current = run.value
    if (!current || !running.value) return null
    const open = readOpenRunNote()
    if (open && open.tab !== tabId) {
      // Another tab resumed this run meanwhile: it is that tab's now.
      run.value = null
      problems.value = ['This plan run was resumed in another tab: it goes on there, not here.']
      finishRun()
      return null
    }
    if (current.awaiting === 'logout') run.value = sessionEnded(current)
    else if (current.awaiting === 'login') run.value = recordStep(current, returned(), Date.now())
    else
      run.value = recordStep(
        current,
        { kind: 'not-started', reason: 'the page was reloaded before the step left' },
        Date.now(),
      )
    return advance(redirectUri)
  }

  /** Stop the run where it is; the steps not run stay pending in the report. */
  function stop() {
    if (run.value) run.value = abortRun(run.value, Date.now())
    finishRun()
  }

  /** Close the plan and its report. */
  function close() {
    if (running.value) stop()
    run.value = null
    plan.value = null
    problems.value = []
    loadedFrom.value = null
  }

  return {
    plan,
    run,
    shown,
    running,
    endedHere,
    problems,
    loadedFrom,
    interrupted,
    load,
    start,
    resume,
    resumeInterrupted,
    dropInterrupted,
    stop,
    close,
  }
})
