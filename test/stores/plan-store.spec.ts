import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { encodePlanParam, parsePlan } from '@/lib/plans/plan'
import { beginRun, recordStep, serializeRun, sessionEnded } from '@/lib/plans/plan-run'
import {
  STORAGE_KEY_PLAN,
  STORAGE_KEY_PLAN_RUN,
  STORAGE_KEY_PLAN_RUN_OPEN,
  STORAGE_KEY_PROFILES,
} from '@/lib/storage/storage-keys'
import { useConfigStore } from '@/stores/config'
import { usePlanStore } from '@/stores/plan'
import { useProfilesStore } from '@/stores/profiles'

const PLAN = JSON.stringify({
  acrPlaygroundPlan: 1,
  name: 'p',
  profiles: { demo: { issuer: 'http://localhost:9400', client_id: 'acr-playground' } },
  steps: [{ user: 'bob', request: { acr_values: 'silver' } }, { user: 'bob' }],
})
const plan = () => {
  const parsed = parsePlan(PLAN)
  if (!parsed.ok) throw new Error()
  return parsed.value
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
})

describe('plan store', () => {
  it('keeps a plan it accepts, and says why it refuses one without losing the plan on show', () => {
    const store = usePlanStore()
    expect(store.load(PLAN)).toBe(true)
    expect(localStorage.getItem(STORAGE_KEY_PLAN)).toContain('"acrPlaygroundPlan": 1')
    expect(store.load('{"acrPlaygroundPlan": 1')).toBe(false)
    expect(store.problems[0]).toContain('The plan is not JSON')
    expect(store.plan?.name).toBe('p')
  })

  it('reads a plan link, and the plan saved in this browser at start', () => {
    const store = usePlanStore()
    expect(store.load(encodePlanParam(plan()), 'link')).toBe(true)
    expect(store.loadedFrom).toBe('link')
    setActivePinia(createPinia())
    expect(usePlanStore().plan?.steps).toHaveLength(2)
    expect(usePlanStore().loadedFrom).toBe('stored')
  })

  it('a run works in its own workspace: stopping it brings back the profile, never written', () => {
    const profiles = useProfilesStore()
    useConfigStore().patch({ acrValues: ['gold'] })
    const saved = localStorage.getItem(STORAGE_KEY_PROFILES)
    // What start() does before its first step, then a step's request.
    profiles.visit('Plan run: ladder', 'plan', useConfigStore().config)
    const run = recordStep(sessionEnded(beginRun(plan(), 1)), { kind: 'stopped' }, 2)
    sessionStorage.setItem(STORAGE_KEY_PLAN_RUN, serializeRun(run))
    setActivePinia(createPinia()) // a reload between two steps
    const store = usePlanStore()
    expect(store.running).toBe(true)
    expect(store.run?.results).toHaveLength(1)
    expect(useProfilesStore().visiting).toBe(true)
    useConfigStore().patch({ acrValues: ['bronze'] })
    store.stop()
    expect(store.running).toBe(false)
    expect(useProfilesStore().visiting).toBe(false)
    expect(useConfigStore().config.acrValues).toEqual(['gold'])
    expect(localStorage.getItem(STORAGE_KEY_PROFILES)).toBe(saved)
  })

  it('a run whose tab was closed is offered to the next visit, and runs nothing by itself', () => {
    const run = sessionEnded(beginRun(plan(), 1))
    const store = usePlanStore()
    store.run = run // the run under way notes itself for other visits
    expect(localStorage.getItem(STORAGE_KEY_PLAN_RUN_OPEN)).toContain('"tab"')
    sessionStorage.clear() // the tab is closed; a new one opens
    setActivePinia(createPinia())
    const next = usePlanStore()
    expect(next.running).toBe(false)
    expect(next.interrupted?.run.plan.name).toBe(run.plan.name)
    next.dropInterrupted()
    expect(next.interrupted).toBeNull()
    expect(localStorage.getItem(STORAGE_KEY_PLAN_RUN_OPEN)).toBeNull()
  })

  it('a run that ends takes its note away', () => {
    const store = usePlanStore()
    store.run = sessionEnded(beginRun(plan(), 1))
    store.stop()
    expect(localStorage.getItem(STORAGE_KEY_PLAN_RUN_OPEN)).toBeNull()
  })

  it('drops a damaged run with a reason instead of failing the page', () => {
    sessionStorage.setItem(STORAGE_KEY_PLAN_RUN, '{"plan":{"steps":[]}}')
    const store = usePlanStore()
    expect(store.run).toBeNull()
    expect(store.problems[0]).toContain('The plan run under way was dropped')
  })

  it('close forgets the plan and its report', () => {
    const store = usePlanStore()
    store.load(PLAN)
    store.close()
    expect(store.plan).toBeNull()
    expect(localStorage.getItem(STORAGE_KEY_PLAN)).toBeNull()
  })
})
