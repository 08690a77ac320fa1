import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'

import { defaultConfig } from '@/lib/config'
import { encodePlanParam, parsePlan } from '@/lib/plan'
import { beginRun, recordStep, serializeRun, sessionEnded } from '@/lib/plan-run'
import { STORAGE_KEY_PLAN, STORAGE_KEY_PLAN_CONFIG, STORAGE_KEY_PLAN_RUN } from '@/lib/storage-keys'
import { serializeConfig } from '@/lib/stored-config'
import { useConfigStore } from '@/stores/config'
import { usePlanStore } from '@/stores/plan'

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

  it('a run under way survives the reload; stopping it puts the configuration back', () => {
    const before = { ...defaultConfig(), acrValues: ['gold'] }
    sessionStorage.setItem(STORAGE_KEY_PLAN_CONFIG, serializeConfig(before))
    const run = recordStep(sessionEnded(beginRun(plan(), 1)), { kind: 'stopped' }, 2)
    sessionStorage.setItem(STORAGE_KEY_PLAN_RUN, serializeRun(run))
    const store = usePlanStore()
    expect(store.running).toBe(true)
    expect(store.run?.results).toHaveLength(1)
    useConfigStore().patch({ acrValues: ['bronze'] })
    store.stop()
    expect(store.running).toBe(false)
    expect(useConfigStore().config.acrValues).toEqual(['gold'])
    expect(sessionStorage.getItem(STORAGE_KEY_PLAN_CONFIG)).toBeNull()
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
