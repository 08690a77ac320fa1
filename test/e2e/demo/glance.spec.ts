// The answer at a glance: after every return the answer is in view, focused and announced, on a
// desktop and on a phone; the layout holds at 390 px; light and dark pass axe-core with no
// violation; bad input never leaves a stale URL on show.
/// <reference lib="dom" />

import type { Page } from '@playwright/test'

import {
  APP,
  backInPlayground,
  demo,
  expect,
  openWith,
  requestUrl,
  signInAtDemo,
  startLogin,
  test,
} from '../support'
import { axeViolations } from '../axe'

async function expectAnswerInViewAndFocused(page: Page) {
  const answer = page.getByTestId('answer')
  await expect(answer).toBeFocused()
  await expect(page.getByTestId('acr-verdict').or(page.getByTestId('login-error'))).toBeInViewport()
}

for (const [name, viewport] of [
  ['desktop 1280×900', { width: 1280, height: 900 }],
  ['phone 390×844', { width: 390, height: 844 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport })

    test('after a login the verdict is in view, focused and announced', async ({ page }) => {
      await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
      await expectAnswerInViewAndFocused(page)
      await expect(page.getByTestId('received-acr')).toBeInViewport()
      await expect(page.getByTestId('received-loa')).toBeInViewport()
      await expect(page.getByTestId('announcement')).toContainText('acr silver, LoA 2, satisfied')
    })

    test('after an error callback the error is in view and focused', async ({ page }) => {
      await openWith(page, { acr_values: 'silver', prompt: 'none' })
      await page.getByTestId('login').click()
      await backInPlayground(page)
      await expectAnswerInViewAndFocused(page)
      await expect(page.getByTestId('announcement')).toContainText('The login failed')
    })

    test('nothing is wider than the screen', async ({ page }) => {
      await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
      await page.getByTestId('where-is-acr').scrollIntoViewIfNeeded()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow).toBeLessThanOrEqual(0)
    })
  })
}

test('axe-core finds no violation on the first page, a result, an error and a link notice, light and dark', async ({
  page,
}) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.context().clearCookies() // a fresh provider session: the login shows its pages
    await page.emulateMedia({ colorScheme: scheme })
    await openWith(page, { acr_values: 'silver', prompt: '', max_age: '', bogus: '1' })
    await expect(page.getByTestId('link-notice')).toBeVisible()
    expect(await axeViolations(page), `first page with a link notice, ${scheme}`).toEqual([])

    await startLogin(page)
    await demo.password(page, 'bob')
    await demo.otp(page)
    await backInPlayground(page)
    expect(await axeViolations(page), `result, ${scheme}`).toEqual([])

    await openWith(page, { acr_values: 'gold', prompt: 'none', max_age: '0' })
    await page.getByTestId('login').click()
    await backInPlayground(page)
    await expect(page.getByTestId('login-error')).toBeVisible()
    expect(await axeViolations(page), `error, ${scheme}`).toEqual([])
  }
})

test('the theme switch overrides the system and is kept', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openWith(page)
  await page.getByTestId('theme-switch').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const background = await page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  )
  expect(background).toBe('rgb(20, 23, 29)')
})

test('a skip link is the first Tab stop and leads to the level and its Log in button', async ({
  page,
}) => {
  await page.goto(APP)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.locator('.skip-link')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#ask-heading$/)
})

test('malformed claims JSON: no stale URL, and the error says where in plain words', async ({
  page,
}) => {
  await openWith(page, { acr_values: 'silver' })
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  await page.getByTestId('claims-editor').fill('{"id_token": {"acr": {"essential": true,}}}')
  await expect(page.getByTestId('auth-request-url')).toHaveCount(0)
  await expect(page.getByTestId('login')).toBeDisabled()
  await expect(page.getByTestId('claims-problems')).toContainText('line 1, column 41')
  await expect(page.getByTestId('claims-problems')).not.toContainText('position')
})

test('a Keycloak server that does not answer is never "Ready": the login is disabled with the reason', async ({
  page,
}) => {
  await page.goto(`${APP}?url=http%3A%2F%2Flocalhost%3A9&realm=nowhere&client_id=x`)
  await page.getByTestId('link-connect').click()
  await expect(page.getByTestId('provider-status')).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('provider-status')).toContainText('The realm does not answer')
  await expect(page.getByTestId('login')).toBeDisabled()
  expect(page.url()).toContain(new URL(APP).pathname)
})

test('a preset describes the whole request: a max_age left by a challenge is cleared', async ({
  page,
}) => {
  await openWith(page, { acr_values: 'gold', max_age: '60' })
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('max_age')).toBe('60')
  await page.getByTestId('preset-demo').click()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('silver')
  expect((await requestUrl(page)).searchParams.has('max_age')).toBe(false)
})

// 200 % zoom of a 1280×900 window is a 640×450 CSS viewport; 360 px is the narrowest phone.
for (const [name, viewport] of [
  ['200 % zoom (640×450)', { width: 640, height: 450 }],
  ['360×740', { width: 360, height: 740 }],
] as const) {
  test.describe(name, () => {
    test.use({ viewport })

    test('nothing is wider than the screen, and the verdict is in view after a login', async ({
      page,
    }) => {
      await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
      await expectAnswerInViewAndFocused(page)
      await page.getByTestId('where-is-acr').scrollIntoViewIfNeeded()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow).toBeLessThanOrEqual(0)
    })
  })
}
