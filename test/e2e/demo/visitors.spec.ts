// Links and plans are visitors: they open in a workspace of their own, beside the saved profiles,
// which stay byte for byte as they were until the user keeps the visitor. Two tabs each edit the
// profile they show; a storage that refuses writes is said once and loses nothing.
/// <reference lib="dom" />
import type { BrowserContext, Page } from '@playwright/test'

import {
  APP,
  backInPlayground,
  demo,
  expect,
  IDP,
  openCompose,
  openWith,
  received,
  requestUrl,
  startLogin,
  test,
} from '../support'

const PROFILES_KEY = 'acr-playground:profiles'
/** A provider nothing in the e2e tier runs: a request to it would only show that one was sent. */
const ELSEWHERE = 'http://127.0.0.1:9499'

/** The saved profiles as stored, read from the browser whichever page is open (even the provider's). */
async function storedProfiles(page: Page): Promise<string | null> {
  const state = await page.context().storageState()
  const origin = state.origins.find((o) => o.origin === new URL(APP).origin)
  return origin?.localStorage.find((item) => item.name === PROFILES_KEY)?.value ?? null
}

const acrValues = async (page: Page) => (await requestUrl(page)).searchParams.get('acr_values')
const maxAge = async (page: Page) => (await requestUrl(page)).searchParams.get('max_age')
const shownProfile = (page: Page) => page.getByTestId('profile-select').locator('option:checked')

/** The user's own setup: gold, max_age=30, typed into the editors, kept in the profile "Default". */
async function setUpOwn(page: Page) {
  await openWith(page)
  await page.getByTestId('acr-input').fill('gold')
  await page.getByTestId('acr-add').click()
  const others = page.getByTestId('acr-item').filter({ hasNotText: 'gold' })
  while ((await others.count()) > 0) await others.first().getByTestId('acr-remove').click()
  await page.getByTestId('max-age').fill('30')
  await expect.poll(() => maxAge(page)).toBe('30')
  await expect.poll(() => acrValues(page)).toBe('gold')
  await expect.poll(() => storedProfiles(page)).toContain('"maxAge":30')
  return (await storedProfiles(page)) ?? ''
}

/** Every request the context sends to `origin`. */
function requestsTo(context: BrowserContext, origin: string) {
  const sent: string[] = []
  context.on('request', (request) => {
    if (request.url().startsWith(origin)) sent.push(request.url())
  })
  return sent
}

/** A plain visit in a new tab of the same browser. */
async function plainVisit(context: BrowserContext) {
  const page = await context.newPage()
  await page.goto(APP)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  return page
}

test('a link to another provider, not connected: beside the profiles, which a plain visit finds untouched', async ({
  page,
  context,
}) => {
  const saved = await setUpOwn(page)
  const sent = requestsTo(context, ELSEWHERE)
  await page.goto(
    `${APP}?issuer=${encodeURIComponent(ELSEWHERE)}&client_id=web&acr_values=bronze&max_age=5`,
  )
  const workspace = page.getByTestId('link-workspace')
  await expect(workspace).toBeVisible()
  await expect(workspace).toHaveAttribute('data-saved', 'false')
  await expect(page.getByTestId('link-connect')).toBeVisible()
  await expect(shownProfile(page)).toHaveText('From a link: 127.0.0.1:9499 · web (unsaved)')
  await expect(page.getByTestId('profile-select').locator('option')).toHaveText([
    'Default',
    'From a link: 127.0.0.1:9499 · web (unsaved)',
  ])
  expect(await storedProfiles(page)).toBe(saved)

  // A reload of this tab keeps the link on show, and still sends nothing to its provider.
  await page.reload()
  await expect(page.getByTestId('link-connect')).toBeVisible()
  expect(await storedProfiles(page)).toBe(saved)

  const later = await plainVisit(context)
  await expect(shownProfile(later)).toHaveText('Default')
  await expect(later.getByTestId('link-workspace')).toHaveCount(0)
  await expect(later.getByTestId('link-consent')).toHaveCount(0)
  await expect.poll(() => acrValues(later)).toBe('gold')
  expect(await maxAge(later)).toBe('30')
  expect((await requestUrl(later)).origin).toBe(IDP)
  expect(await storedProfiles(later)).toBe(saved)
  expect(sent).toEqual([])
})

test('a link connected and logged in with: the answer is the link’s, the saved profile never changed', async ({
  page,
  context,
}) => {
  const saved = await setUpOwn(page)
  await page.goto(
    `${APP}?issuer=${encodeURIComponent(IDP)}&client_id=acr-playground&acr_values=silver&loa_map=${encodeURIComponent('{"silver":2}')}`,
  )
  await expect(page.getByTestId('link-workspace')).toBeVisible()
  await expect.poll(() => acrValues(page)).toBe('silver')
  await startLogin(page)
  await demo.password(page, 'bob')
  await demo.otp(page)
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  // Back from the provider, the link's workspace is still the one on show.
  await expect(page.getByTestId('link-workspace')).toBeVisible()
  expect(await maxAge(page)).toBeNull()
  expect(await storedProfiles(page)).toBe(saved)

  // Choosing the saved profile brings it back exactly as it was.
  await page.getByTestId('profile-select').selectOption({ label: 'Default' })
  await expect.poll(() => acrValues(page)).toBe('gold')
  expect(await maxAge(page)).toBe('30')
  await expect(page.getByTestId('link-workspace')).toHaveCount(0)

  const later = await plainVisit(context)
  await expect.poll(() => acrValues(later)).toBe('gold')
  expect(await storedProfiles(later)).toBe(saved)
})

test('keep as a profile: the link becomes a saved profile, found again by a plain visit', async ({
  page,
  context,
}) => {
  const saved = await setUpOwn(page)
  await openWith(page, { acr_values: 'bronze', max_age: '60' })
  await expect(page.getByTestId('link-keep-name')).toHaveValue('localhost:9400 · acr-playground')
  await page.getByTestId('link-keep-name').fill('Bronze from Ana')
  await page.getByTestId('link-keep').click()
  await expect(page.getByTestId('link-workspace')).toHaveCount(0)
  await expect(shownProfile(page)).toHaveText('Bronze from Ana')
  const after = JSON.parse((await storedProfiles(page)) ?? '{}') as {
    profiles: { name: string; config: unknown }[]
  }
  const before = JSON.parse(saved) as { profiles: { name: string; config: unknown }[] }
  // The user's profile is as it was; the kept one is new.
  expect(after.profiles[0]).toEqual(before.profiles[0])
  expect(after.profiles.map((p) => p.name)).toEqual(['Default', 'Bronze from Ana'])

  const later = await plainVisit(context)
  await expect(shownProfile(later)).toHaveText('Bronze from Ana')
  await expect.poll(() => acrValues(later)).toBe('bronze')
  expect(await maxAge(later)).toBe('60')
})

test('a name in use is refused with the reason, tied to the field, and nothing is lost', async ({
  page,
}) => {
  await openWith(page, { acr_values: 'bronze' })
  await page.getByTestId('link-keep-name').fill('default')
  await page.getByTestId('link-keep').click()
  const error = page.getByTestId('link-keep-error')
  await expect(error).toContainText('exists already')
  await expect(page.getByTestId('link-keep-name')).toHaveAttribute(
    'aria-describedby',
    (await error.getAttribute('id')) ?? '',
  )
  await expect(page.getByTestId('link-workspace')).toBeVisible()
  await expect.poll(() => acrValues(page)).toBe('bronze')
})

test('two tabs: each edits the profile it shows; the list and the profile on show follow the other tab', async ({
  page,
  context,
}) => {
  await openWith(page)
  await page.getByTestId('profile-tools').click()
  await page.getByTestId('profile-save-as').click()
  await page.getByTestId('profile-name').fill('Gold')
  await page.getByTestId('profile-name-save').click()
  await expect(shownProfile(page)).toHaveText('Gold')

  const other = await plainVisit(context)
  await expect(shownProfile(other)).toHaveText('Gold')
  // The other tab switches to Default; this one edits Gold.
  await other.getByTestId('profile-select').selectOption({ label: 'Default' })
  await expect(shownProfile(other)).toHaveText('Default')
  await page.getByTestId('max-age').fill('45')
  await expect.poll(() => maxAge(page)).toBe('45')
  await expect
    .poll(async () => JSON.parse((await storedProfiles(page)) ?? '{}'))
    .toMatchObject({
      profiles: [
        { name: 'Default', config: { maxAge: null } },
        { name: 'Gold', config: { maxAge: 45 } },
      ],
    })
  expect(await maxAge(other)).toBeNull()

  // A profile saved in one tab appears in the other's list.
  await other.getByTestId('profile-tools').click()
  await other.getByTestId('profile-save-as').click()
  await other.getByTestId('profile-name').fill('Platinum')
  await other.getByTestId('profile-name-save').click()
  await expect(page.getByTestId('profile-select').locator('option')).toHaveText([
    'Default',
    'Gold',
    'Platinum',
  ])

  // Both on Gold: an edit in one shows in the other, which says its view changed.
  await other.getByTestId('profile-select').selectOption({ label: 'Gold' })
  await expect.poll(() => maxAge(other)).toBe('45')
  await openCompose(other)
  await other.getByTestId('max-age').fill('90')
  await expect(page.getByTestId('profile-changed-elsewhere')).toContainText(
    '"Gold" was changed in another tab',
  )
  await expect.poll(() => maxAge(page)).toBe('90')
})

test('a full storage is said once, the page keeps working, and what was stored stays', async ({
  page,
}) => {
  const saved = await setUpOwn(page)
  // Fill what is left of the origin's quota, as another app on this origin might.
  await page.evaluate(() => {
    let size = 1024 * 1024
    for (let i = 0; size >= 1; i++) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size))
      } catch {
        size = Math.floor(size / 2)
      }
    }
  })
  await expect(page.getByTestId('storage-unavailable')).toHaveCount(0)
  // Each edit grows the stored profiles by more than keycloak-js's callback entries free.
  await page.getByTestId('login-hint').fill(`${'a'.repeat(1500)}@example.com`)
  await expect(page.getByTestId('storage-unavailable')).toHaveCount(1)
  await expect(page.getByTestId('storage-unavailable')).toContainText('refused to save')
  // keycloak-js cannot keep a login's state in it either: the page says why, plainly.
  await expect(page.getByTestId('request-unavailable')).toContainText(
    'storage for this site is full',
  )
  await page.getByTestId('max-age').fill('3000')
  await expect(page.getByTestId('storage-unavailable')).toHaveCount(1)
  expect(await storedProfiles(page)).toBe(saved)
  // The page kept every edit in memory: once there is room, the request carries them all.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('filler-')) localStorage.removeItem(key)
  })
  await page.getByTestId('max-age').fill('300')
  await expect.poll(() => maxAge(page)).toBe('300')
  expect((await requestUrl(page)).searchParams.get('login_hint')).toMatch(/^a{1500}@example\.com$/)
  await expect.poll(() => storedProfiles(page)).toContain('"maxAge":300')
})

const PLAN = {
  acrPlaygroundPlan: 1,
  name: 'Ladder',
  profiles: { demo: { issuer: IDP, client_id: 'acr-playground' } },
  steps: [
    {
      name: 'alice at bronze',
      user: 'alice',
      request: { acr_values: 'bronze' },
      expect: { acr: 'bronze' },
    },
    {
      name: 'alice again',
      user: 'alice',
      request: { acr_values: 'bronze' },
      expect: { acr: 'bronze' },
    },
  ],
}
const planLink = (plan: unknown) =>
  `${APP}?plan=${Buffer.from(JSON.stringify(plan)).toString('base64url')}`

async function openPlanPanel(page: Page) {
  const panel = page.getByTestId('plan-panel')
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open)))
    await panel.locator(':scope > summary').click()
}

test('a plan run works in its own workspace and gives the profile back, never written', async ({
  page,
}) => {
  const saved = await setUpOwn(page)
  await openPlanPanel(page)
  await page.getByTestId('plan-text').fill(JSON.stringify(PLAN))
  await page.getByTestId('plan-load').click()
  await page.getByTestId('plan-run').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  expect(await storedProfiles(page)).toBe(saved)
  await demo.password(page, 'alice')
  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('plan-summary')).toHaveAttribute('data-done', 'true')
  await expect(page.getByTestId('plan-summary')).toHaveAttribute('data-passed', '2')
  await expect(shownProfile(page)).toHaveText('Default')
  await expect.poll(() => acrValues(page)).toBe('gold')
  expect(await maxAge(page)).toBe('30')
  expect(await storedProfiles(page)).toBe(saved)
})

test('a plan run interrupted by closing its tab: the profiles as they were, the next visit offers resume or drop', async ({
  page,
  context,
}) => {
  const saved = await setUpOwn(page)
  await page.goto(planLink(PLAN))
  await expect(page.getByTestId('plan-name')).toHaveText('Ladder')
  // A plan link shows the plan and changes nothing.
  expect(await storedProfiles(page)).toBe(saved)
  await page.getByTestId('plan-run').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  await page.close()

  const later = await plainVisit(context)
  await expect(shownProfile(later)).toHaveText('Default')
  await expect.poll(() => acrValues(later)).toBe('gold')
  expect(await storedProfiles(later)).toBe(saved)
  const notice = later.getByTestId('plan-interrupted')
  await expect(notice).toContainText('Ladder')
  await expect(notice).toContainText('0 of 2 steps')

  // Resumed here: the step that was under way is recorded as interrupted, the next one runs.
  await later.getByTestId('plan-interrupted-resume').click()
  await later.waitForURL(`${IDP}/interaction/**`)
  await demo.password(later, 'alice')
  await later.waitForURL(`${APP}**`)
  await expect(later.getByTestId('plan-summary')).toHaveAttribute('data-done', 'true')
  await expect(later.getByTestId('plan-step').nth(0)).toHaveAttribute('data-status', 'failed')
  await expect(later.getByTestId('plan-step-got').nth(0)).toContainText('interrupted')
  await expect(later.getByTestId('plan-step').nth(1)).toHaveAttribute('data-status', 'passed')
  await expect(shownProfile(later)).toHaveText('Default')
  expect(await storedProfiles(later)).toBe(saved)

  // Once ended, no later visit is told of it.
  const last = await plainVisit(context)
  await openPlanPanel(last)
  await expect(last.getByTestId('plan-interrupted')).toHaveCount(0)
})

test('a run left by a closed tab can be dropped', async ({ page, context }) => {
  await openWith(page)
  await page.goto(planLink(PLAN))
  await page.getByTestId('plan-run').click()
  await page.waitForURL(`${IDP}/interaction/**`)
  await page.close()
  const later = await plainVisit(context)
  await later.getByTestId('plan-interrupted-drop').click()
  await expect(later.getByTestId('plan-interrupted')).toHaveCount(0)
  await later.reload()
  await openPlanPanel(later)
  await expect(later.getByTestId('plan-interrupted')).toHaveCount(0)
})
