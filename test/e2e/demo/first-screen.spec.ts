// The first screen does one job: "which level do I get?". The provider on one line, one choice per
// level, voluntary or essential, and Log in, inside the first viewport on a desktop and a phone,
// few controls before it. Every tool opens on demand, its chunk loaded only then, and stays open
// over a reload; each passes axe-core, light and dark.
/// <reference lib="dom" />
import type { Page } from '@playwright/test'

import { axeViolations } from '../axe'
import {
  APP,
  backInPlayground,
  demo,
  expect,
  IDP,
  received,
  requestUrl,
  signInAtDemo,
  startLogin,
  test,
} from '../support'

/** The focusable controls before Log in, in document order (the skip link not counted). */
async function controlsBeforeLogin(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const focusable = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, summary, [tabindex]',
      ),
    ].filter(
      (e) =>
        !(e as HTMLButtonElement).disabled &&
        e.tabIndex >= 0 &&
        e.getClientRects().length > 0 &&
        !e.classList.contains('skip-link'),
    )
    const login = focusable.findIndex((e) => e.dataset.testid === 'login')
    return focusable.slice(0, login).map((e) => e.dataset.testid ?? e.tagName.toLowerCase())
  })
}

/** The file names of every script the page requests from now on. */
function jsRequested(page: Page): string[] {
  const chunks: string[] = []
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.split('/').pop() ?? ''
    if (file.endsWith('.js')) chunks.push(file)
  })
  return chunks
}

async function firstScreen(page: Page) {
  await page.goto(APP)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
}

for (const [name, viewport] of [
  ['desktop 1280×900', { width: 1280, height: 900 }],
  ['phone 390×844', { width: 390, height: 844 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport })

    test('Log in is in the first viewport, with at most 8 controls before it', async ({ page }) => {
      await firstScreen(page)
      const login = await page.getByTestId('login').boundingBox()
      expect(login).not.toBeNull()
      expect(login!.y + login!.height).toBeLessThanOrEqual(viewport.height)
      expect(await page.evaluate(() => window.scrollY)).toBe(0)
      const before = await controlsBeforeLogin(page)
      expect(before.length, before.join(', ')).toBeLessThanOrEqual(8)
      // One choice per level of the demo provider's LoA map, lowest first.
      await expect(page.getByTestId('level-choice')).toHaveCount(3)
      expect(
        await page.getByTestId('level-choice').evaluateAll((els) => els.map((e) => e.dataset.acr)),
      ).toEqual(['bronze', 'silver', 'gold'])
    })

    test('the first screen passes axe-core, light and dark', async ({ page }) => {
      await firstScreen(page)
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        expect(await axeViolations(page), scheme).toEqual([])
      }
    })
  })
}

test('one click on a level asks for it alone; essential asks it as an essential claim', async ({
  page,
}) => {
  await firstScreen(page)
  await page.getByTestId('level-choice').and(page.locator('[data-acr="gold"]')).check()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('gold')
  expect((await requestUrl(page)).searchParams.get('claims')).toBeNull()

  await page.getByTestId('acr-essential').check()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('claims'))
    .toBe(JSON.stringify({ id_token: { acr: { essential: true, values: ['gold'] } } }))
  expect((await requestUrl(page)).searchParams.get('acr_values')).toBeNull()

  // Another level keeps the switch: the essential claim follows the choice.
  await page.getByTestId('level-choice').and(page.locator('[data-acr="silver"]')).check()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('claims'))
    .toBe(JSON.stringify({ id_token: { acr: { essential: true, values: ['silver'] } } }))

  await startLogin(page)
  await demo.password(page, 'bob')
  await demo.otp(page)
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })

  // Voluntary again: acr_values, no claims request.
  await page.getByTestId('acr-essential').uncheck()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('silver')
  expect((await requestUrl(page)).searchParams.get('claims')).toBeNull()
})

test('composing more is one disclosure away, and nothing is lost when it closes', async ({
  page,
}) => {
  await firstScreen(page)
  await expect(page.getByTestId('acr-input')).toHaveCount(0)
  await page.getByTestId('compose-more').locator(':scope > summary').click()
  await page.getByTestId('max-age').fill('120')
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('max_age')).toBe('120')
  await page.getByTestId('compose-more').locator(':scope > summary').click()
  await expect(page.getByTestId('max-age')).toHaveCount(0)
  expect((await requestUrl(page)).searchParams.get('max_age')).toBe('120')
  expect((await requestUrl(page)).origin).toBe(IDP)
})

/** Each tool, the chunk that holds its view, and what shows once it has loaded. */
const TOOLS = [
  { testid: 'realm-panel', chunk: 'RealmPanel', shows: 'realm-import' },
  { testid: 'copy-as', chunk: 'CopyAs', shows: 'copy-text' },
  { testid: 'challenges-panel', chunk: 'StepUpChallenges', shows: 'challenge-input' },
  { testid: 'session-probe-panel', chunk: 'SessionProbe', shows: 'session-probe-run' },
  { testid: 'plan-panel', chunk: 'PlanPanel', shows: 'plan-text' },
  { testid: 'token-inspector', chunk: 'TokenInspector', shows: 'token-paste' },
] as const

for (const tool of TOOLS) {
  test(`${tool.testid}: its chunk loads only when it is opened, it stays open over a reload, axe light and dark`, async ({
    page,
  }) => {
    const chunks = jsRequested(page)
    await firstScreen(page)
    expect(chunks.filter((c) => c.startsWith(`${tool.chunk}-`))).toEqual([])
    await page.getByTestId(tool.testid).locator(':scope > summary').click()
    await expect(page.getByTestId(tool.shows)).toBeVisible()
    expect(chunks.filter((c) => c.startsWith(`${tool.chunk}-`))).toHaveLength(1)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      expect(await axeViolations(page), `${tool.testid}, ${scheme}`).toEqual([])
    }
    await page.reload()
    await expect(page.getByTestId(tool.shows)).toBeVisible()
  })
}

for (const [name, viewport, beside] of [
  ['desktop 1280×900', { width: 1280, height: 900 }, true],
  ['phone 390×844', { width: 390, height: 844 }, false],
] as const) {
  test.describe(name, () => {
    test.use({ viewport })

    test(`the ID token decoded and raw ${beside ? 'side by side' : 'stacked'}`, async ({
      page,
    }) => {
      await signInAtDemo(page, 'alice', { acr_values: 'bronze' })
      const raw = page.getByTestId('id-token-raw')
      const details = page.getByTestId('id-token').locator('details.jwt-raw')
      // Open on a wide screen by itself; behind its disclosure on a phone.
      if (beside) await expect(details).toHaveAttribute('open', '')
      else {
        await expect(details).not.toHaveAttribute('open')
        await details.locator(':scope > summary').click()
      }
      await expect(raw).toBeVisible()
      const decoded = await page.getByTestId('id-token-payload').boundingBox()
      const rawBox = await raw.boundingBox()
      expect(decoded && rawBox).toBeTruthy()
      if (beside) {
        expect(rawBox!.x).toBeGreaterThan(decoded!.x + decoded!.width - 1)
        expect(rawBox!.y).toBeLessThan(decoded!.y + decoded!.height)
      } else {
        expect(rawBox!.y).toBeGreaterThan(decoded!.y + decoded!.height - 1)
      }
    })
  })
}

test('history: its chunk loads with the first login, which opens it; axe light and dark', async ({
  page,
}) => {
  const chunks = jsRequested(page)
  await firstScreen(page)
  expect(chunks.filter((c) => c.startsWith('AttemptHistory-'))).toEqual([])
  await startLogin(page)
  await demo.password(page, 'alice')
  await backInPlayground(page)
  await expect(page.getByTestId('history-panel')).toHaveAttribute('open', '')
  await expect(page.getByTestId('history-panel').getByTestId('history-outcome')).toHaveCount(1)
  // Loaded once the login is recorded (before leaving, and again on the page it comes back to).
  expect(chunks.filter((c) => c.startsWith('AttemptHistory-')).length).toBeGreaterThan(0)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    expect(await axeViolations(page), `history, ${scheme}`).toEqual([])
  }
})

test('profiles: the tools load when Manage… is opened; axe light and dark', async ({ page }) => {
  const chunks = jsRequested(page)
  await firstScreen(page)
  expect(chunks.filter((c) => c.startsWith('ProfileTools-'))).toEqual([])
  await page.getByTestId('profile-tools').click()
  await expect(page.getByTestId('profile-save-as')).toBeVisible()
  expect(chunks.filter((c) => c.startsWith('ProfileTools-'))).toHaveLength(1)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    expect(await axeViolations(page), `profile tools, ${scheme}`).toEqual([])
  }
})
