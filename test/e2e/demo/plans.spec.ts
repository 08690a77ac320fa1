// Test plans in the browser, run by a person: each step a real login at the demo provider, the
// progress kept through the redirects, the pass/fail table and its exports; plans as links.
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import { axeViolations } from '../axe'
import { APP, demo, expect, IDP, openWith, test } from '../support'

const PLAN = {
  acrPlaygroundPlan: 1,
  name: 'Two users',
  profiles: {
    demo: {
      issuer: IDP,
      client_id: 'acr-playground',
      loa_map: { bronze: 1, silver: 2, gold: 3 },
    },
  },
  steps: [
    {
      name: 'alice at bronze',
      user: 'alice',
      request: { acr_values: 'bronze' },
      expect: { acr: 'bronze', amr: ['pwd'] },
    },
    {
      name: 'bob at silver',
      user: 'bob',
      request: { acr_values: 'silver' },
      expect: { acr: 'silver', loa: 2, amr: ['pwd', 'otp'] },
    },
  ],
}

async function openPlans(page: Page) {
  const panel = page.getByTestId('plan-panel')
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open)))
    await panel.locator(':scope > summary').click()
  await expect(page.getByTestId('plan-text')).toBeVisible()
}

async function loadPlan(page: Page, plan: unknown) {
  await openPlans(page)
  await page.getByTestId('plan-text').fill(JSON.stringify(plan, null, 2))
  await page.getByTestId('plan-load').click()
}

const steps = (page: Page) => page.getByTestId('plan-step')

/** The login URL on show without what changes on every login (state, nonce, PKCE). */
async function requestShape(page: Page) {
  const url = new URL((await page.getByTestId('auth-request-url').textContent()) ?? '')
  for (const name of ['state', 'nonce', 'code_challenge']) url.searchParams.delete(name)
  return url.href
}

test('a person runs a plan: each step a real login as the user it names, then the table', async ({
  page,
}) => {
  await openWith(page)
  const before = await requestShape(page)
  await loadPlan(page, PLAN)
  await expect(steps(page)).toHaveCount(2)
  await expect(steps(page).first()).toHaveAttribute('data-status', 'pending')
  await page.getByTestId('plan-run').click()

  // Step 1 starts by ending any session (this browser has none, so the provider asks nothing).
  // The plan names alice: the login carries login_hint, and the provider fills her name in.
  await page.waitForURL(`${IDP}/interaction/**`)
  await expect(page.locator('#username')).toHaveValue('alice')
  await demo.password(page, 'alice')
  // Back, recorded, and on to step 2 (bob: another user, so the session ends first).
  await page.getByTestId('idp-logout-yes').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  await expect(page.locator('#username')).toHaveValue('bob')
  await demo.password(page, 'bob')
  await demo.otp(page)

  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('plan-summary')).toHaveAttribute('data-done', 'true')
  await expect(steps(page).nth(0)).toHaveAttribute('data-status', 'passed')
  await expect(steps(page).nth(1)).toHaveAttribute('data-status', 'passed')
  await expect(page.getByTestId('plan-summary')).toHaveAttribute('data-passed', '2')
  const markdown = await page.getByTestId('plan-report-markdown').textContent()
  expect(markdown).toContain('| 2 | bob at silver | bob | acr silver, LoA ≥ 2, amr ⊇ pwd otp |')
  // The last answer is on show, and the request the person had before the run is back.
  await expect(page.getByTestId('received-acr')).toHaveText('silver')
  await expect.poll(() => requestShape(page)).toBe(before)

  // The plan, its table and its report pass axe-core, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.getByTestId('plan-report').locator('details').first().locator('summary').click()
    expect(await axeViolations(page), `plan report, ${scheme}`).toEqual([])
    await page.getByTestId('plan-report').locator('details').first().locator('summary').click()
  }

  const download = page.waitForEvent('download')
  await page.getByTestId('plan-report-json-download').click()
  const file = await (await download).path()
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ passed: 2, failed: 0 })
})

test('a failed expectation is marked failed with what was expected and what came', async ({
  page,
}) => {
  await openWith(page)
  await loadPlan(page, {
    ...PLAN,
    steps: [{ ...PLAN.steps[0], session: 'continue', expect: { acr: 'silver' } }],
  })
  await page.getByTestId('plan-run').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  await demo.password(page, 'alice')
  await page.waitForURL(`${APP}**`)
  await expect(steps(page).first()).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('plan-step-got')).toContainText('acr: expected silver, got bronze')
})

test('a plan travels as a link: shown, not run, and its providers named first', async ({
  page,
}) => {
  await openWith(page)
  await loadPlan(page, PLAN)
  const link = await page.getByTestId('plan-link').inputValue()
  expect(new URL(link).searchParams.get('plan')).toMatch(/^[A-Za-z0-9_-]+$/)

  const other = await page.context().newPage()
  const requests: string[] = []
  other.on('request', (r) => requests.push(r.url()))
  await other.goto(link)
  await expect(other.getByTestId('plan-from-link')).toBeVisible()
  await expect(other.getByTestId('plan-name')).toHaveText('Two users')
  await expect(other.getByTestId('plan-providers')).toContainText(IDP)
  await expect(other.getByTestId('plan-step')).toHaveCount(2)
  // The address bar no longer carries the plan; nothing of the run has started.
  expect(new URL(other.url()).search).toBe('')
  expect(requests.some((u) => u.includes('/auth?') || u.includes('/session/end'))).toBe(false)
})

test('a broken plan is named, line and column, and the plan on show is kept', async ({ page }) => {
  await openWith(page)
  await loadPlan(page, PLAN)
  await page.getByTestId('plan-text').fill('{"acrPlaygroundPlan": 1,\n  "name": "x",,\n}')
  await page.getByTestId('plan-load').click()
  await expect(page.getByTestId('plan-problems')).toContainText('line 2')
  await expect(page.getByTestId('plan-name')).toHaveText('Two users')

  await page
    .getByTestId('plan-text')
    .fill(
      JSON.stringify({ ...PLAN, steps: [{ request: { redirect_uri: 'https://evil.example' } }] }),
    )
  await page.getByTestId('plan-load').click()
  await expect(page.getByTestId('plan-problems')).toContainText(
    'steps[1].request.redirect_uri is not allowed here',
  )
})

test('a damaged plan link says so, and the page still works', async ({ page }) => {
  await page.goto(`${APP}?plan=eyJhY3JQbGF5Z3JvdW5kUGxhbiI6MSwibmF`)
  await expect(page.getByTestId('plan-problems')).toContainText('The plan is not JSON')
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
})

test('the request on the page becomes a step; the plan downloads as a file', async ({ page }) => {
  await openWith(page, { issuer: IDP, client_id: 'acr-playground', acr_values: 'gold' })
  await openPlans(page)
  await page.getByTestId('plan-add-step').click()
  await expect(steps(page)).toHaveCount(1)
  await expect(steps(page).first()).toContainText('acr_values=gold')
  const download = page.waitForEvent('download')
  await page.getByTestId('plan-export').click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('new-plan.plan.json')
  const file = JSON.parse(readFileSync(await saved.path(), 'utf8')) as typeof PLAN
  expect(file.acrPlaygroundPlan).toBe(1)
  expect(file.steps[0]?.request).toEqual({ acr_values: 'gold' })
  expect(JSON.stringify(file)).not.toContain('api')
})

test("Back from the provider's page: the step is recorded as stopped and the plan goes on", async ({
  page,
}) => {
  await openWith(page)
  await loadPlan(page, {
    ...PLAN,
    steps: [
      {
        name: 'the person gives up',
        user: 'alice',
        request: { acr_values: 'bronze' },
        expect: { stops: true },
      },
      PLAN.steps[0],
    ],
  })
  await page.getByTestId('plan-run').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  await page.goBack()
  // The playground records step 1 and leaves at once for step 2.
  await page.waitForURL(`${IDP}/interaction/**`)
  await demo.password(page, 'alice')
  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('plan-summary')).toHaveAttribute('data-done', 'true')
  await expect(steps(page).nth(0)).toHaveAttribute('data-status', 'passed')
  await expect(page.getByTestId('plan-step-got').nth(0)).toContainText(
    "stopped on the provider's page",
  )
  await expect(steps(page).nth(1)).toHaveAttribute('data-status', 'passed')
})
