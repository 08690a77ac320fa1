import { expect, test as base, type Page } from '@playwright/test'

export const APP = 'http://localhost:4180/acr-playground/'
export const IDP = 'http://localhost:9400'

/**
 * Every e2e test fails on an uncaught exception or a Content-Security-Policy violation in the
 * playground, whatever else it checks.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text()))
          problems.push(`CSP: ${message.text()}`)
      })
      await use()
      expect(problems, 'no uncaught exception, no CSP violation').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Open the playground with a share link (the public contract) and wait until it can log in. */
export async function openWith(page: Page, params: Record<string, string> = {}) {
  const query = new URLSearchParams(params).toString()
  await page.goto(query ? `${APP}?${query}` : APP)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
}

export async function requestUrl(page: Page): Promise<URL> {
  return new URL((await page.getByTestId('auth-request-url').textContent()) ?? '')
}

export async function startLogin(page: Page) {
  await page.getByTestId('login').click()
  await page.waitForURL(`${IDP}/**`)
}

/** The demo provider's pages. */
export const demo = {
  async password(page: Page, user: string, password = user) {
    await page.locator('#username').fill(user)
    await page.locator('#password').fill(password)
    await page.getByTestId('idp-submit').click()
  },
  async otp(page: Page) {
    const code = (await page.getByTestId('idp-current-otp').textContent()) ?? ''
    await page.locator('#otp').fill(code)
    await page.getByTestId('idp-submit').click()
  },
  async securityKey(page: Page) {
    await expect(page.getByRole('heading', { name: 'Security key' })).toBeVisible()
    await page.getByTestId('idp-submit').click()
  },
}

/** Back in the playground with a result or an error. */
export async function backInPlayground(page: Page) {
  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('received-acr').or(page.getByTestId('login-error'))).toBeVisible()
}

export async function received(page: Page) {
  return {
    acr: await page.getByTestId('received-acr').textContent(),
    loa: await page.getByTestId('received-loa').textContent(),
    verdict: await page.getByTestId('acr-verdict').getAttribute('data-verdict'),
  }
}
