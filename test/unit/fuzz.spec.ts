// A seeded fuzz of every reader of outside input: share links, the stored configuration, claims
// requests and realm exports. Each case must return, quickly, with a bounded result, and leave
// Object.prototype alone. FUZZ_SEED=<n> replays another seed; the seed is printed either way.
import { readFileSync } from 'node:fs'

import { afterAll, describe, expect, it } from 'vitest'

import { buildAuthRequest } from '@/lib/request/auth-request'
import { parseClaimsRequest } from '@/lib/request/claims-request'
import { defaultConfig } from '@/lib/request/config'
import { INPUT_LIMITS } from '@/lib/core/limits'
import { parseRealmExport } from '@/lib/keycloak/realm-model'
import { decodeShareLink, encodeShareLink } from '@/lib/request/share-link'
import { readStoredConfig, serializeConfig } from '@/lib/storage/stored-config'
import { fuzzSeed, Hostile } from '../fuzz/hostile'

const SEED = fuzzSeed(process.env.FUZZ_SEED)
import { cpuScaledMs } from '../fixtures/cpu-budget'

const CASES = { links: 300, stored: 200, claims: 200, realms: 60 }
/** A generous bound per case: the app must stay responsive, whatever the input. */
/** Each reader's bound on a quiet machine (scaled while this one is busy: cpu-budget.ts). */
const QUIET_MAX_MS = 200
const REALMS = ['realm-acr-playground.json', 'realm-acr-numeric.json', 'realm-acr-urls.json'].map(
  (file) => readFileSync(new URL(`../../keycloak/${file}`, import.meta.url), 'utf8'),
)
const PAGE = 'https://tools.example.com/acr/'
const ran: Record<string, number> = {}
const slowest: Record<string, number> = {}

function clock<T>(run: () => T): [T, number] {
  const started = performance.now()
  const result = run()
  return [result, performance.now() - started]
}

/**
 * Run one case: it must not throw, must return in time, must not pollute a prototype. A case
 * over time runs once more and counts its faster run: a slow path is slow twice, a garbage
 * collection or a busy machine seldom is.
 */
function timed<T>(what: string, context: string, run: () => T): T {
  let [result, ms] = clock(run)
  const MAX_MS = ms >= QUIET_MAX_MS ? cpuScaledMs(QUIET_MAX_MS) : QUIET_MAX_MS
  if (ms >= MAX_MS) {
    const [again, msAgain] = clock(run)
    if (msAgain < ms) [result, ms] = [again, msAgain]
  }
  ran[what] = (ran[what] ?? 0) + 1
  slowest[what] = Math.max(slowest[what] ?? 0, ms)
  expect(ms, `${what} took ${ms.toFixed(0)} ms, ${context}`).toBeLessThan(MAX_MS)
  expect(({} as Record<string, unknown>).polluted, `polluted by ${context}`).toBeUndefined()
  expect(Object.keys(Object.prototype)).toEqual([])
  expect(Object.keys(Array.prototype)).toEqual([])
  return result
}

/** How large a result may be, as JSON: far above any real one, far below a hostile input. */
function sizeOf(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0
}

afterAll(() => {
  const total = Object.values(ran).reduce((a, b) => a + b, 0)
  const each = Object.entries(ran)
    .map(([what, n]) => `${what} ${n} (slowest ${slowest[what]?.toFixed(1)} ms)`)
    .join(', ')
  console.log(`fuzz: seed ${SEED} (FUZZ_SEED to replay), ${total} cases: ${each}`)
})

describe(`fuzz, seed ${SEED}`, () => {
  it(`${CASES.links} hostile share links decode to a bounded configuration the app can use`, () => {
    const hostile = new Hostile(SEED)
    for (let i = 0; i < CASES.links; i++) {
      const search = hostile.link()
      const context = `link case ${i}: ${search.slice(0, 120)}`
      const decoded = timed('decodeShareLink', context, () => decodeShareLink(search))
      if (decoded === null) continue
      expect(decoded.rejected.length, context).toBeLessThanOrEqual(INPUT_LIMITS.linkParams)
      for (const r of decoded.rejected) {
        expect(r.param.length, context).toBeLessThanOrEqual(INPUT_LIMITS.quotedNameChars)
        expect(r.reason.length, context).toBeLessThanOrEqual(INPUT_LIMITS.reasonChars)
      }
      expect(sizeOf(decoded), context).toBeLessThan(64 * 1024)
      // What the app does next with it: build the request, the link, and store it.
      const config = { ...defaultConfig(), ...decoded.patch }
      timed('request and link of a decoded link', context, () => {
        buildAuthRequest(config)
        encodeShareLink(config, PAGE)
      })
      const reread = timed('readStoredConfig', context, () =>
        readStoredConfig(serializeConfig(config)),
      )
      expect(reread.problems, `${context}\n${reread.problems.join('\n')}`).toEqual([])
    }
  })

  it(`${CASES.stored} hostile stored configurations load what they can, and say what they could not`, () => {
    const hostile = new Hostile(SEED + 1)
    const base = defaultConfig() as unknown as Record<string, unknown>
    for (let i = 0; i < CASES.stored; i++) {
      const raw = hostile.storedConfig(base)
      const context = `stored case ${i}: ${raw.slice(0, 120)}`
      const loaded = timed('readStoredConfig', context, () => readStoredConfig(raw))
      expect(loaded.problems.length, context).toBeLessThanOrEqual(20)
      for (const p of loaded.problems) expect(p.length, context).toBeLessThan(3000)
      expect(sizeOf(loaded.config), context).toBeLessThan(64 * 1024)
      timed('request and link of a stored configuration', context, () => {
        buildAuthRequest(loaded.config)
        encodeShareLink(loaded.config, PAGE)
      })
    }
  })

  it(`${CASES.claims} hostile claims requests within the link limit are checked, never thrown`, () => {
    const hostile = new Hostile(SEED + 2)
    for (let i = 0; i < CASES.claims; i++) {
      const text = hostile.claimsText().slice(0, INPUT_LIMITS.claimsChars)
      const context = `claims case ${i}: ${text.slice(0, 120)}`
      const parsed = timed('parseClaimsRequest', context, () => parseClaimsRequest(text))
      expect(parsed.problems.length, context).toBeLessThanOrEqual(text.length)
      expect(sizeOf(parsed.problems), context).toBeLessThan(1024 * 1024)
    }
  })

  it(`${CASES.realms} hostile realm exports are read, or refused with a reason`, () => {
    const hostile = new Hostile(SEED + 3)
    for (let i = 0; i < CASES.realms; i++) {
      const text = hostile.realmExport(REALMS)
      const context = `realm case ${i} (${text.length} characters): ${text.slice(0, 120)}`
      const result = timed('parseRealmExport', context, () =>
        parseRealmExport(text, 'acr-playground'),
      )
      if (!result.ok) {
        expect(result.error.length, context).toBeLessThan(2000)
        continue
      }
      expect(sizeOf(result.value), context).toBeLessThan(2 * 1024 * 1024)
    }
  })
})
