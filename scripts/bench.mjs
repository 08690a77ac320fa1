// `npm run bench`: the playground against a bare hand-written OIDC client (bench/bare.html), in
// headless Chromium, runs interleaved, against the demo provider. Beside them, the floor: the
// smallest Vue + Pinia + keycloak-js app of this kind (bench/floor/, built here with Vite), whose
// first load and login-enabled time are what the libraries alone cost. Writes bench/results.json
// and prints a Markdown table and the targets. Exit 0 unless --strict and a target is missed.
//
//   node scripts/bench.mjs [--runs 15] [--build] [--strict]
//
// The built site (dist/, built first when missing or with --build) is served at
// http://localhost:4190/acr-playground/, the bare page at http://localhost:4191/bare/, the floor at
// http://localhost:4193/floor/; all by the same static server (no compression, ETag + no-cache).
// The demo provider on :9400 is used when it answers, else started here and stopped at the end.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { FULL_CHROMIUM } from './chromium.mjs'
import { SETTLE_MS, launchChromium, measureFirstLoad } from './check-size.mjs'
import { closeServer, serveStatic } from './static-host.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const DIST = join(ROOT, 'dist')
const BENCH = join(ROOT, 'bench')
const IDP = 'http://localhost:9400'
const TOKEN_ENDPOINT = `${IDP}/token`
const APP_PORT = 4190
const BARE_PORT = 4191
const FLOOR_PORT = 4193
/** The same request on both pages: the demo provider, its client, acr_values silver. */
const QUERY = new URLSearchParams({
  issuer: IDP,
  client_id: 'acr-playground',
  acr_values: 'silver',
}).toString()
const PAGES = {
  // The playground's own defaults are this request (the demo provider, its client, silver).
  playground: `http://localhost:${APP_PORT}/acr-playground/`,
  bare: `http://localhost:${BARE_PORT}/bare/?${QUERY}`,
  floor: `http://localhost:${FLOOR_PORT}/floor/?${QUERY}`,
}
/** The share link: a fresh profile has never connected to its provider, so it waits for link-connect. */
const PLAYGROUND_LINK = `http://localhost:${APP_PORT}/acr-playground/?${QUERY}`
const KINDS = ['playground', 'bare']
/** Fresh loads: the two pages and the floor. */
const FRESH_KINDS = ['playground', 'bare', 'floor']
const ORIGINS = [
  `http://localhost:${APP_PORT}`,
  `http://localhost:${BARE_PORT}`,
  `http://localhost:${FLOOR_PORT}`,
]

/** What the playground should reach. Ratios are playground / bare, medians. */
const TARGETS = {
  firstLoadKB: 45, // JS+CSS, gzip level 9, fresh profile, until load + 1 s
  linkLoginEnabledRatio: 2, // the share link, its connect click included, against the bare page
  loginEnabledRatio: 2,
  clickToVerdictRatio: 1.15,
  tokenToVerdictRatio: 3,
  bigTokenLongTaskMs: 50, // no main-thread task longer than this, in any run
}
const BIG_TOKEN_CHARS = 64 * 1024
/** After the verdict, long tasks are still watched this long (signature check, lazy panels). */
const AFTER_VERDICT_MS = 1000
const STEP_TIMEOUT = 20_000
/** The whole bench stays within about 5 minutes: no new run starts past this (from the start). */
const RUNS_DEADLINE_MS = 250_000
const HARD_LIMIT_MS = 330_000

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    build: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
})
const RUNS = Number.parseInt(options.runs, 10)
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--runs takes a whole number, 1 or more')
  process.exit(2)
}

const started = Date.now()
const log = (message) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`)

/**
 * Runs in every document of both pages before their own scripts (and in no other origin). Marks,
 * in the document's performance.now(): login enabled, the verdict in the DOM with a layout box;
 * the login click in sessionStorage as an absolute time (the next document on this origin reads
 * it); every long task.
 */
function probe(origins) {
  if (!origins.includes(location.origin)) return
  const bench = {
    loginEnabledAt: null,
    connectShownAt: null,
    connectClickAt: null,
    verdictAt: null,
    verdict: null,
    longTasks: [],
  }
  window.__bench = bench
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    bench.longTasks = null
  }
  const check = () => {
    if (bench.connectShownAt === null && document.querySelector('[data-testid="link-connect"]'))
      bench.connectShownAt = performance.now()
    if (bench.loginEnabledAt === null) {
      const button = document.querySelector('[data-testid="login"]')
      if (button && !button.disabled) bench.loginEnabledAt = performance.now()
    }
    if (bench.verdictAt === null) {
      const verdict = document.querySelector('[data-testid="acr-verdict"]')
      if (verdict && verdict.getClientRects().length > 0) {
        bench.verdictAt = performance.now()
        bench.verdict = verdict.getAttribute('data-verdict')
        observer.disconnect()
      }
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden', 'class', 'style', 'data-verdict'],
  })
  document.addEventListener(
    'click',
    (event) => {
      if (!(event.target instanceof Element)) return
      if (event.target.closest('[data-testid="login"]'))
        sessionStorage.setItem('bench:clickAt', String(performance.timeOrigin + performance.now()))
      if (event.target.closest('[data-testid="link-connect"]') && bench.connectClickAt === null)
        bench.connectClickAt = performance.now()
    },
    true,
  )
}

async function newContext(browser) {
  const context = await browser.newContext()
  await context.addInitScript(probe, ORIGINS)
  return context
}

function waitForMark(page, mark, timeout = STEP_TIMEOUT) {
  return page.waitForFunction((name) => window.__bench?.[name] != null, mark, { timeout })
}

// ---------------------------------------------------------------------------------------------
// Measures

/** a + b: a fresh profile (new context) opens the page. */
async function freshLoad(browser, kind) {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    const files = await measureFirstLoad(page, PAGES[kind], {
      settleMs: SETTLE_MS,
      documentName: kind === 'bare' ? 'bare.html' : 'index.html',
    })
    if (kind === 'floor') {
      const error = await page.getByTestId('login-error').textContent()
      if (error) return { error: `the floor page failed: ${error.slice(0, 200)}` }
    }
    await waitForMark(page, 'loginEnabledAt')
    const loginEnabledMs = await page.evaluate(() => window.__bench.loginEnabledAt)
    const sum = (list) => list.reduce((total, f) => total + f.gzip, 0) / 1024
    return {
      files,
      totalKB: sum(files),
      jsCssKB: sum(files.filter((f) => f.kind !== 'html')),
      loginEnabledMs,
    }
  } finally {
    await context.close()
  }
}

/**
 * The share link in a fresh profile: open it, click link-connect as soon as it appears (a fresh
 * profile has never connected to the provider), until the login button is enabled. Times from
 * navigation start, in the page's clock, the click included.
 */
async function linkLoad(browser) {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    await page.goto(PLAYGROUND_LINK, { waitUntil: 'commit', timeout: STEP_TIMEOUT })
    await page.getByTestId('link-connect').click({ timeout: STEP_TIMEOUT })
    await waitForMark(page, 'loginEnabledAt')
    const marks = await page.evaluate(() => window.__bench)
    if (marks.connectClickAt === null) return { error: 'the link-connect click was not recorded' }
    return {
      loginEnabledMs: marks.loginEnabledAt,
      connectShownMs: marks.connectShownAt,
      connectClickMs: marks.connectClickAt,
      clickToEnabledMs: marks.loginEnabledAt - marks.connectClickAt,
    }
  } finally {
    await context.close()
  }
}

/** The demo provider's pages: bob's password and, when asked, his one-time code. */
async function signInAsBob(page) {
  await page.locator('#username').fill('bob')
  await page.locator('#password').fill('bob')
  await page.getByTestId('idp-submit').click()
  const otp = page.getByTestId('idp-current-otp')
  await page
    .locator('[data-testid="idp-current-otp"]:visible, [data-testid="acr-verdict"]:visible')
    .first()
    .waitFor({ timeout: STEP_TIMEOUT })
  if (await otp.isVisible()) {
    await page.locator('#otp').fill(((await otp.textContent()) ?? '').trim())
    await page.getByTestId('idp-submit').click()
  }
}

/** A context holding an SSO session at silver for bob, made through the page itself. */
async function sessionFor(browser, kind) {
  const context = await newContext(browser)
  const page = await context.newPage()
  await page.goto(PAGES[kind])
  await waitForMark(page, 'loginEnabledAt')
  await page.getByTestId('login').click()
  await page.waitForURL(`${IDP}/**`, { timeout: STEP_TIMEOUT })
  await signInAsBob(page)
  await page.getByTestId('acr-verdict').waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
  const verdict = await page.getByTestId('acr-verdict').getAttribute('data-verdict')
  if (verdict !== 'satisfied') throw new Error(`${kind}: the first login ended "${verdict}"`)
  return { context, page }
}

/** The ID token, re-encoded with ~64 KB of group claims; header and (now wrong) signature kept. */
function inflateIdToken(idToken) {
  const [header, payload, signature] = idToken.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  const room = Math.floor(((BIG_TOKEN_CHARS - header.length - signature.length - 2) * 3) / 4)
  claims.groups = []
  const size = () => Buffer.byteLength(JSON.stringify(claims))
  for (let i = 0; size() < room - 80; i++)
    claims.groups.push(`/bench/department-${String(i).padStart(4, '0')}/team-${i % 97}/members`)
  claims.bench_padding = ''
  claims.bench_padding = 'x'.repeat(Math.max(0, room - size()))
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
}

/**
 * Replace the token endpoint's answer: the real one, with the ID token inflated. Over the DevTools
 * protocol (Fetch domain, response stage) with a pattern for the token endpoint alone, so no other
 * request of the page is paused (page.route would intercept every request).
 */
async function inflateTokenResponses(page) {
  const cdp = await page.context().newCDPSession(page)
  let inflated = 0
  cdp.on('Fetch.requestPaused', async (event) => {
    const { requestId } = event
    try {
      if (event.request.method !== 'POST' || event.responseStatusCode !== 200)
        throw new Error('not a token response')
      const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId })
      const tokens = JSON.parse(Buffer.from(body, base64Encoded ? 'base64' : 'utf8').toString())
      if (!tokens.id_token) throw new Error('no ID token')
      tokens.id_token = inflateIdToken(tokens.id_token)
      inflated = tokens.id_token.length
      await cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 200,
        responseHeaders: event.responseHeaders.filter(
          (h) => !/^(content-length|content-encoding)$/i.test(h.name),
        ),
        body: Buffer.from(JSON.stringify(tokens)).toString('base64'),
      })
    } catch {
      await cdp.send('Fetch.continueRequest', { requestId }).catch(() => {})
    }
  })
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: `${TOKEN_ENDPOINT}*`, requestStage: 'Response' }],
  })
  return { inflatedLength: () => inflated, stop: () => cdp.detach().catch(() => {}) }
}

/**
 * c, d (and e with a big token): in a context with an SSO session, open the page, wait until it
 * can log in, click, and wait for the verdict; the provider shows no page. Times come from the
 * page's own clocks.
 */
async function clickRun(session, kind, { bigToken = false } = {}) {
  const page = bigToken ? await session.context.newPage() : session.page
  const inflation = bigToken ? await inflateTokenResponses(page) : undefined
  try {
    await page.goto(PAGES[kind])
    await waitForMark(page, 'loginEnabledAt')
    await page.evaluate(() => sessionStorage.removeItem('bench:clickAt'))
    await page.getByTestId('login').click()
    const verdict = page.getByTestId('acr-verdict')
    const providerPage = page.getByTestId('idp-submit')
    const loginError = page.getByTestId('login-error')
    await page
      .locator(
        ['acr-verdict', 'idp-submit', 'login-error']
          .map((id) => `[data-testid="${id}"]:visible`)
          .join(', '),
      )
      .first()
      .waitFor({ timeout: STEP_TIMEOUT })
    if (!(await verdict.isVisible())) {
      if (await providerPage.isVisible()) {
        // The SSO session no longer holds silver: sign in again, and drop this sample.
        await signInAsBob(page)
        await verdict.waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
        return { error: 'the provider asked to sign in again (sample dropped)' }
      }
      return { error: `login error: ${(await loginError.textContent())?.trim().slice(0, 200)}` }
    }
    await waitForMark(page, 'verdictAt', 5000)
    await page.waitForTimeout(AFTER_VERDICT_MS)
    const marks = await page.evaluate((tokenUrl) => {
      const token = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.split('?')[0] === tokenUrl)
        .at(-1)
      return {
        ...window.__bench,
        timeOrigin: performance.timeOrigin,
        clickAt: Number(sessionStorage.getItem('bench:clickAt')),
        tokenEnd: token?.responseEnd,
        acr: document.querySelector('[data-testid="received-acr"]')?.textContent?.trim(),
      }
    }, TOKEN_ENDPOINT)
    if (marks.tokenEnd === undefined) return { error: 'no token endpoint request in this document' }
    if (!marks.clickAt) return { error: 'the login click was not recorded' }
    if (bigToken && !inflation.inflatedLength()) return { error: 'the ID token was not inflated' }
    const windowEnd = marks.verdictAt + AFTER_VERDICT_MS
    const tasks = (marks.longTasks ?? []).filter(
      (t) => t.start + t.duration > marks.tokenEnd && t.start < windowEnd,
    )
    return {
      longestTaskAnyMs: Math.max(0, ...(marks.longTasks ?? []).map((t) => t.duration)),
      clickToVerdictMs: marks.timeOrigin + marks.verdictAt - marks.clickAt,
      tokenToVerdictMs: marks.verdictAt - marks.tokenEnd,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
      longTasksSupported: marks.longTasks !== null,
      verdict: marks.verdict,
      acr: marks.acr,
      idTokenChars: inflation?.inflatedLength(),
    }
  } finally {
    if (inflation) await inflation.stop()
    if (bigToken) await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and report

function quantile(sorted, q) {
  if (sorted.length === 0) return null
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  const high = Math.ceil(at)
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low)
}

function stats(values) {
  const sorted = values
    .filter((v) => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b)
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10)
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p25: round(quantile(sorted, 0.25)),
    p75: round(quantile(sorted, 0.75)),
    min: round(sorted[0] ?? null),
    max: round(sorted.at(-1) ?? null),
  }
}

function ratio(a, b) {
  return a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100
}

function spread(s, unit = '') {
  if (s.median === null) return 'n/a'
  if (s.min === s.max) return `${s.median}${unit}`
  return `${s.median}${unit} (${s.p25}–${s.p75})`
}

// ---------------------------------------------------------------------------------------------
// Servers, provider, cleanup

async function answers(url, timeout = 1500) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeout) })
    return response.ok
  } catch {
    return false
  }
}

const cleanups = []
let cleaning
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {})
  })()
  return cleaning
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => cleanup().then(() => process.exit(130)))
const watchdog = setTimeout(() => {
  console.error(`bench: gave up after ${HARD_LIMIT_MS / 1000} s`)
  cleanup().then(() => process.exit(1))
}, HARD_LIMIT_MS)
watchdog.unref()

async function startProvider() {
  const discovery = `${IDP}/.well-known/openid-configuration`
  if (await answers(discovery)) return 'already running'
  log('starting the demo provider (node demo-idp/server.js)')
  const child = spawn(process.execPath, ['demo-idp/server.js'], { cwd: ROOT, stdio: 'ignore' })
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
  })
  for (let i = 0; i < 60; i++) {
    if (await answers(discovery)) return 'started by the bench'
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the demo provider did not answer on http://localhost:9400')
}

/**
 * A private copy of dist/, so a rebuild by someone else during the runs cannot mix two builds.
 * Retried while the copy is incomplete (a build under way).
 */
async function snapshotDist() {
  const copy = mkdtempSync(join(tmpdir(), 'acr-bench-dist-'))
  cleanups.unshift(async () => rmSync(copy, { recursive: true, force: true }))
  for (let attempt = 0; attempt < 10; attempt++) {
    rmSync(copy, { recursive: true, force: true })
    try {
      cpSync(DIST, copy, { recursive: true })
      const html = readFileSync(join(copy, 'index.html'), 'utf8')
      const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1])
      if (assets.length > 0 && assets.every((a) => existsSync(join(copy, a)))) return copy
    } catch {
      // a build is rewriting dist/: try again
    }
    await new Promise((r) => setTimeout(r, 2000))
  }
  throw new Error('dist/ stayed incomplete (a build under way?): run again')
}

function build() {
  log('building: vite build')
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (run.status !== 0) throw new Error('vite build failed (is src/ mid-change? retry later)')
}

/**
 * The floor (bench/floor/) built with Vite into a temporary directory, with the playground's
 * defines (no Options API, no devtools) and its plugin-vue: what any Vue + Pinia + keycloak-js app
 * of this kind pays before its own code.
 */
async function buildFloor() {
  const outDir = mkdtempSync(join(tmpdir(), 'acr-bench-floor-'))
  cleanups.unshift(async () => rmSync(outDir, { recursive: true, force: true }))
  const { build: viteBuild } = await import('vite')
  const { default: vue } = await import('@vitejs/plugin-vue')
  await viteBuild({
    configFile: false,
    root: join(BENCH, 'floor'),
    base: './',
    logLevel: 'error',
    plugins: [vue()],
    define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false' },
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 },
  })
  return outDir
}

// ---------------------------------------------------------------------------------------------

async function main() {
  // The browser people run, not the tests' headless shell: these are a user's times.
  if (!existsSync(FULL_CHROMIUM))
    throw new Error(`No Chromium at ${FULL_CHROMIUM}: install it or set CHROMIUM_PATH.`)
  if (options.build || !existsSync(join(DIST, 'index.html'))) build()
  const app = await serveStatic({
    root: await snapshotDist(),
    base: '/acr-playground/',
    port: APP_PORT,
  })
  cleanups.push(() => closeServer(app))
  const bare = await serveStatic({
    root: BENCH,
    base: '/bare/',
    port: BARE_PORT,
    index: 'bare.html',
  })
  cleanups.push(() => closeServer(bare))
  log('building the floor (bench/floor: Vue + Pinia + keycloak-js) with Vite')
  const floor = await serveStatic({ root: await buildFloor(), base: '/floor/', port: FLOOR_PORT })
  cleanups.push(() => closeServer(floor))
  const provider = await startProvider()
  const browser = await launchChromium(FULL_CHROMIUM)
  cleanups.push(() => browser.close())
  const version = browser.version()

  log('warming up: a first load of each page, an SSO session at silver for bob in each')
  for (const kind of FRESH_KINDS) await freshLoad(browser, kind)
  await linkLoad(browser)
  const sessions = {}
  for (const kind of KINDS) sessions[kind] = await sessionFor(browser, kind)
  for (const kind of KINDS) await clickRun(sessions[kind], kind)

  const samples = { fresh: {}, link: {}, click: {}, big: {} }
  for (const phase of Object.keys(samples))
    for (const kind of FRESH_KINDS) samples[phase][kind] = []
  const errors = []
  let done = 0
  const runsStarted = Date.now()
  for (let i = 0; i < RUNS; i++) {
    const perRun = done ? (Date.now() - runsStarted) / done : 0
    if (Date.now() - started + perRun > RUNS_DEADLINE_MS) {
      log(`stopping after ${done} runs: the time budget is spent`)
      break
    }
    const order = i % 2 === 0 ? KINDS : [...KINDS].reverse()
    // Fresh loads rotate through the three pages; the share link comes after them in one run and
    // before them in the next.
    const freshOrder = [...FRESH_KINDS.slice(i % 3), ...FRESH_KINDS.slice(0, i % 3)]
    const phases = [
      ['fresh', (kind) => freshLoad(browser, kind), freshOrder],
      ['link', () => linkLoad(browser), ['playground']],
      ['click', (kind) => clickRun(sessions[kind], kind), order],
      ['big', (kind) => clickRun(sessions[kind], kind, { bigToken: true }), order],
    ]
    if (i % 2 === 1) phases.unshift(...phases.splice(1, 1))
    for (const [phase, measure, kinds] of phases) {
      for (const kind of kinds) {
        try {
          const sample = await measure(kind)
          if (sample.error) errors.push(`run ${i + 1} ${phase} ${kind}: ${sample.error}`)
          else samples[phase][kind].push(sample)
        } catch (error) {
          errors.push(`run ${i + 1} ${phase} ${kind}: ${error.message.split('\n')[0]}`)
        }
      }
    }
    done++
    log(`run ${done}/${RUNS} done`)
  }
  for (const e of errors) log(e)

  // Aggregate
  const measures = {}
  /**
   * `phase` names where each page's samples come from: one phase for all, or one per page. The
   * floor is reported where it was measured (fresh loads), with the playground's ratio to it.
   */
  const add = (name, description, phase, pick) => {
    const from = typeof phase === 'string' ? { playground: phase, bare: phase } : phase
    const s = Object.fromEntries(
      Object.entries(from).map(([kind, p]) => [kind, stats(samples[p][kind].map(pick))]),
    )
    measures[name] = {
      description,
      ...s,
      ratio: ratio(s.playground.median, s.bare?.median ?? null),
    }
    if (s.floor) measures[name].ratioToFloor = ratio(s.playground.median, s.floor.median)
  }
  const WITH_FLOOR = { playground: 'fresh', bare: 'fresh', floor: 'fresh' }
  add(
    'firstLoadKB',
    'KB (1024 B), gzip level 9 of each body: the document plus every same-origin JS and CSS response a new context downloads until load + 1 s (the bare page has its JS and CSS inline)',
    WITH_FLOOR,
    (s) => s.totalKB,
  )
  add(
    'firstLoadJsCssKB',
    'the same, JS and CSS files only (without the document)',
    WITH_FLOOR,
    (s) => s.jsCssKB,
  )
  add(
    'linkLoginEnabledMs',
    'the share link (?issuer=…&client_id=…&acr_values=silver), fresh profile: ms from navigation start to the login button enabled; the playground waits for link-connect, clicked as soon as it appears (the click is in the time); the bare page and the floor opened with the same link (their fresh loads)',
    { playground: 'link', bare: 'fresh', floor: 'fresh' },
    (s) => s.loginEnabledMs,
  )
  add(
    'linkConnectShownMs',
    'the share link: ms from navigation start to link-connect in the DOM (playground only)',
    { playground: 'link' },
    (s) => s.connectShownMs,
  )
  add(
    'linkConnectToEnabledMs',
    'the share link: ms from the link-connect click to the login button enabled (playground only)',
    { playground: 'link' },
    (s) => s.clickToEnabledMs,
  )
  add(
    'loginEnabledMs',
    'ms from navigation start (performance.timeOrigin) to the login button enabled, fresh profile; the playground on its defaults (the same request, no link), the bare page and the floor with the link',
    WITH_FLOOR,
    (s) => s.loginEnabledMs,
  )
  add(
    'clickToVerdictMs',
    'ms from the login click to the verdict in the DOM with a layout box, SSO session at silver, no provider page',
    'click',
    (s) => s.clickToVerdictMs,
  )
  add(
    'tokenToVerdictMs',
    "ms from the token endpoint response's responseEnd (Resource Timing) to the verdict in the DOM",
    'click',
    (s) => s.tokenToVerdictMs,
  )
  add(
    'bigTokenTokenToVerdictMs',
    'token → verdict with the 64 KB ID token',
    'big',
    (s) => s.tokenToVerdictMs,
  )
  add(
    'bigTokenLongestTaskMs',
    `longest main-thread task (PerformanceObserver longtask, > 50 ms only) from the token response to verdict + ${AFTER_VERDICT_MS} ms, 64 KB ID token; 0 when none`,
    'big',
    (s) => s.longestTaskMs,
  )
  add(
    'bigTokenLongestTaskAnyMs',
    'longest task anywhere in the returning document (its boot included), 64 KB ID token',
    'big',
    (s) => s.longestTaskAnyMs,
  )
  add(
    'normalTokenLongestTaskMs',
    'the same window with the ordinary ID token (control)',
    'click',
    (s) => s.longestTaskMs,
  )
  const runsWithLongTask = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      {
        bigToken: samples.big[kind].filter((s) => s.longestTaskMs > TARGETS.bigTokenLongTaskMs)
          .length,
        normalToken: samples.click[kind].filter((s) => s.longestTaskMs > TARGETS.bigTokenLongTaskMs)
          .length,
        runs: samples.big[kind].length,
      },
    ]),
  )
  const verdicts = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      [
        ...new Set(
          [...samples.click[kind], ...samples.big[kind]].map((s) => `${s.acr}/${s.verdict}`),
        ),
      ],
    ]),
  )
  const idTokenChars = samples.big.playground[0]?.idTokenChars ?? samples.big.bare[0]?.idTokenChars

  const m = measures
  const targets = [
    {
      name: 'first load ≤ 45 KB gzip JS+CSS',
      unit: ' KB',
      limit: TARGETS.firstLoadKB,
      value: m.firstLoadJsCssKB.playground.median,
      pass: m.firstLoadJsCssKB.playground.median <= TARGETS.firstLoadKB,
    },
    {
      name: 'share link → login enabled (connect click included) ≤ 2× bare',
      unit: '×',
      limit: TARGETS.linkLoginEnabledRatio,
      value: m.linkLoginEnabledMs.ratio,
      pass:
        m.linkLoginEnabledMs.ratio !== null &&
        m.linkLoginEnabledMs.ratio <= TARGETS.linkLoginEnabledRatio,
    },
    {
      name: 'defaults → login enabled ≤ 2× bare',
      unit: '×',
      limit: TARGETS.loginEnabledRatio,
      value: m.loginEnabledMs.ratio,
      pass: m.loginEnabledMs.ratio !== null && m.loginEnabledMs.ratio <= TARGETS.loginEnabledRatio,
    },
    {
      name: 'click → verdict ≤ 1.15× bare',
      unit: '×',
      limit: TARGETS.clickToVerdictRatio,
      value: m.clickToVerdictMs.ratio,
      pass:
        m.clickToVerdictMs.ratio !== null &&
        m.clickToVerdictMs.ratio <= TARGETS.clickToVerdictRatio,
    },
    {
      name: 'token → verdict ≤ 3× bare',
      unit: '×',
      limit: TARGETS.tokenToVerdictRatio,
      value: m.tokenToVerdictMs.ratio,
      pass:
        m.tokenToVerdictMs.ratio !== null &&
        m.tokenToVerdictMs.ratio <= TARGETS.tokenToVerdictRatio,
    },
    {
      name: '64 KB ID token: no task > 50 ms',
      unit: ' ms, longest task in any run',
      limit: TARGETS.bigTokenLongTaskMs,
      value: m.bigTokenLongestTaskMs.playground.max,
      pass:
        runsWithLongTask.playground.runs > 0 &&
        runsWithLongTask.playground.bigToken === 0 &&
        samples.big.playground.every((s) => s.longTasksSupported),
    },
  ]

  const results = {
    date: new Date().toISOString(),
    runs: { requested: RUNS, completed: done, interleaved: true, errors },
    environment: {
      chromium: version,
      chromiumPath: FULL_CHROMIUM,
      node: process.version,
      provider: `${IDP} (${provider})`,
      playground: PAGES.playground,
      playgroundLink: PLAYGROUND_LINK,
      bare: PAGES.bare,
      floor: PAGES.floor,
    },
    method: {
      sizes:
        'gzip level 9 of each response body, computed by the bench (the servers do not compress), the same for both pages',
      serving:
        'one in-process static server for both pages: no compression, Cache-Control no-cache with an ETag (304 when unchanged)',
      floor:
        "bench/floor/: createApp(App).use(createPinia()).mount, one setup store, keycloak-js init against the link's provider and createLoginUrl, a Log in button; built by the bench with Vite, plugin-vue and the playground's defines. The libraries' own cost, measured in the same run",
      shareLink:
        'a new context opens the link, Playwright clicks link-connect as soon as it is actionable, the time runs until the login button is enabled',
      times:
        "from each page's own clocks (performance.now / timeOrigin) via an init script; the click time is kept in sessionStorage across the redirect",
      bigToken: `the demo provider cannot issue big claims (fixed profiles; demo-idp is not changed), so the real token response is intercepted (DevTools Fetch domain, token endpoint only) and its ID token re-encoded to ${idTokenChars ?? '~65536'} characters with a groups claim; the signature no longer matches, which the playground reports after the verdict`,
      verdicts,
      idTokenChars,
    },
    measures,
    runsWithLongTaskOver50ms: runsWithLongTask,
    targets,
    files: Object.fromEntries(
      FRESH_KINDS.map((kind) => [kind, samples.fresh[kind][0]?.files ?? []]),
    ),
  }
  writeFileSync(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)

  const times = (r) => (r === null || r === undefined ? '' : `${r}×`)
  const row = (label, key, unit = '') =>
    `| ${label} | ${spread(m[key].playground, unit)} | ${m[key].bare ? spread(m[key].bare, unit) : ''} | ${m[key].bare ? times(m[key].ratio) || 'n/a' : ''} | ${m[key].floor ? spread(m[key].floor, unit) : ''} | ${times(m[key].ratioToFloor)} |`
  const longTaskCell = (kind) => {
    const r = runsWithLongTask[kind]
    return `${r.bigToken}/${r.runs} (longest ${m.bigTokenLongestTaskMs[kind].max ?? 'n/a'} ms)`
  }
  const lines = [
    `Bench ${results.date}: ${done} interleaved runs per page, Chromium ${version}; median (p25–p75).`,
    '',
    '| measure | playground | bare | playground / bare | floor (Vue + Pinia + keycloak-js) | playground / floor |',
    '| --- | --- | --- | --- | --- | --- |',
    row('first load, KB gzip (document + JS + CSS)', 'firstLoadKB', ' KB'),
    row('first load, KB gzip (JS + CSS files)', 'firstLoadJsCssKB', ' KB'),
    row(
      'share link → login enabled, ms (fresh profile, connect click included)',
      'linkLoginEnabledMs',
      ' ms',
    ),
    row('… of which: link-connect shown, ms from navigation', 'linkConnectShownMs', ' ms'),
    row('… of which: connect click → login enabled, ms', 'linkConnectToEnabledMs', ' ms'),
    row(
      'navigation → login enabled, ms (fresh profile, playground on its defaults)',
      'loginEnabledMs',
      ' ms',
    ),
    row('click login → verdict, ms (SSO, no provider page)', 'clickToVerdictMs', ' ms'),
    row('token response → verdict, ms', 'tokenToVerdictMs', ' ms'),
    row(
      `token response → verdict, ms (${Math.round((idTokenChars ?? 0) / 1024)} KB ID token)`,
      'bigTokenTokenToVerdictMs',
      ' ms',
    ),
    `| ${Math.round((idTokenChars ?? 0) / 1024)} KB ID token: runs with a task > 50 ms | ${longTaskCell('playground')} | ${longTaskCell('bare')} | | | |`,
    '',
    ...targets.map(
      (t) =>
        `${t.pass ? 'PASS' : 'MISS'}  ${t.name} (measured: ${t.value ?? 'n/a'}${t.value === null ? '' : t.unit})`,
    ),
    '',
    `Written to ${join('bench', 'results.json')}. ${errors.length ? `${errors.length} sample(s) failed, see above.` : ''}`,
  ]
  console.log(lines.join('\n'))
  return targets.every((t) => t.pass)
}

try {
  const allPass = await main()
  await cleanup()
  process.exit(options.strict && !allPass ? 1 : 0)
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : error}`)
  await cleanup()
  process.exit(1)
}
