// The README's screenshots, made again from the built site and the demo provider, so they show the
// page as it is: `npm run build && node scripts/screenshots.mjs` (the demo provider must be running:
// `npm run demo-idp`). Writes docs/first-screen-{desktop,phone}-{light,dark}.png (the first
// viewport only: what a visitor sees first), docs/screenshot.png, docs/screenshot-phone.png and
// docs/plan-report.png.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { chromium } from '@playwright/test'

import { CHROMIUM_ARGS, FULL_CHROMIUM } from './chromium.mjs'
import { act, planParam, readCredentials } from './run-plan.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const APP = 'http://localhost:4180/acr-playground/'

const server = spawn(
  process.execPath,
  [resolve(ROOT, 'scripts/serve-dist.mjs'), '--port', '4180'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
await new Promise((r) => setTimeout(r, 500))
const browser = await chromium.launch({ executablePath: FULL_CHROMIUM, args: CHROMIUM_ARGS })

const secretsOf = readCredentials(resolve(ROOT, 'plans/demo.users.json'))

/** On the provider's pages until back in the playground: the runner's own answers (act). */
async function signIn(page, user) {
  await page.waitForURL((u) => !u.href.startsWith(APP))
  while (!page.url().startsWith(APP)) {
    const url = page.url()
    await act(page, user, secretsOf, new Set()).catch(() => null)
    await page.waitForURL((u) => u.href !== url, { timeout: 2_000 }).catch(() => {})
  }
  await page.getByTestId('acr-verdict').waitFor()
}

const DESKTOP = { viewport: { width: 1280, height: 900 } }
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }

/** The first screen of a new visitor (nothing stored: the demo preset), ready to log in. */
async function firstScreen(context) {
  const page = await context.newPage()
  await page.goto(APP)
  await page.getByTestId('auth-request-url').waitFor()
  await page.locator('[data-testid=login]:enabled').waitFor()
  await page.waitForTimeout(300)
  return page
}

/** bob at bronze, then the one-click step-up to silver: the answer first, in focus. */
async function stepUp(context) {
  const page = await context.newPage()
  // No provider in the link: the demo preset (its LoA map gives the step-up button).
  await page.goto(`${APP}?acr_values=bronze`)
  const connect = page.getByTestId('link-connect')
  await page.getByTestId('auth-request-url').or(connect).first().waitFor()
  if (await connect.isVisible()) await connect.click()
  await page.getByTestId('auth-request-url').waitFor()
  await page.getByTestId('login').click()
  await signIn(page, 'bob')
  await page.waitForTimeout(1100)
  await page.getByTestId('step-up').click()
  await signIn(page, 'bob')
  await page.waitForTimeout(500)
  return page
}

const written = []
/** A screenshot of the viewport only (never the full page), named under docs/. */
async function shoot(page, name) {
  await page.screenshot({ path: resolve(ROOT, 'docs', name) })
  written.push(`docs/${name}`)
}

try {
  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ ...options, colorScheme })
      await shoot(await firstScreen(context), `first-screen-${device}-${colorScheme}.png`)
      await context.close()
    }

  const desktop = await browser.newContext(DESKTOP)
  await shoot(await stepUp(desktop), 'screenshot.png')

  const phone = await browser.newContext({ ...PHONE, colorScheme: 'dark' })
  await shoot(await stepUp(phone), 'screenshot-phone.png')

  // The demo plan, run in the browser (the runner's sign-in steps), and its report.
  const plan = readFileSync(resolve(ROOT, 'plans/demo.plan.json'), 'utf8')
  const planContext = await browser.newContext(DESKTOP)
  const planPage = await planContext.newPage()
  let user
  planPage.on('request', (request) => {
    const url = URL.parse(request.url())
    if (request.isNavigationRequest() && url?.searchParams.has('response_type'))
      user = url.searchParams.get('login_hint') ?? undefined
  })
  await planPage.goto(`${APP}?plan=${planParam(plan)}`)
  await planPage.getByTestId('plan-run').click()
  const done = planPage.locator('[data-testid=plan-summary][data-done=true]')
  for (const deadline = Date.now() + 60_000; !(await done.isVisible());) {
    if (Date.now() > deadline) throw new Error('the demo plan did not finish within 60 s')
    const url = planPage.url()
    if (!url.startsWith(APP)) await act(planPage, user, secretsOf, new Set()).catch(() => null)
    await planPage.waitForURL((u) => u.href !== url, { timeout: 2_000 }).catch(() => {})
  }
  await planPage.getByTestId('plan-panel').scrollIntoViewIfNeeded()
  await planPage.getByTestId('plan-report').locator('details').first().locator('summary').click()
  await planPage
    .getByTestId('plan-panel')
    .screenshot({ path: resolve(ROOT, 'docs/plan-report.png') })
  written.push('docs/plan-report.png')
  console.log(`Wrote ${written.join(', ')}`)
} finally {
  await browser.close()
  server.kill()
}
