import { APP, expect, IDP, openCompose, openWith, requestUrl, seedStorage, test } from '../support'

test('a generated link restores an equal configuration in a fresh browser', async ({
  page,
  browser,
}) => {
  await openWith(page)
  await page.getByTestId('acr-input').fill('gold')
  await page.getByTestId('acr-add').click()
  await page.getByTestId('acr-mode-essential').check()
  await page.getByTestId('max-age').fill('0')
  await page.getByTestId('login-hint').fill('bob')
  await page.getByTestId('prompt').selectOption('login')
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('prompt')).toBe('login')
  const original = await requestUrl(page)
  const link = await page.getByTestId('share-link').inputValue()
  const names = [...new URL(link).searchParams.keys()]
  expect(names.filter((n) => /token|code|state|secret/.test(n))).toEqual([])
  expect(link).not.toMatch(/eyJ[\w-]+\.eyJ/) // nothing shaped like a JWT

  const context = await browser.newContext()
  const other = await context.newPage()
  await other.goto(link)
  await expect(other.getByTestId('link-notice')).toContainText('came from a link')
  await expect(other.getByTestId('link-rejected')).toHaveCount(0)
  await other.getByTestId('link-connect').click() // a fresh browser never used this provider
  await expect(other.getByTestId('auth-request-url')).toBeVisible()
  expect(other.url()).toBe(APP)

  const restored = await requestUrl(other)
  for (const name of [
    'client_id',
    'redirect_uri',
    'scope',
    'acr_values',
    'claims',
    'prompt',
    'max_age',
    'login_hint',
  ]) {
    expect(restored.searchParams.get(name), name).toBe(original.searchParams.get(name))
  }
  expect(await other.getByTestId('share-link').inputValue()).toBe(link)
  await context.close()
})

test('a hostile link is rejected parameter by parameter, and the rest loads', async ({ page }) => {
  let dialogs = 0
  page.on('dialog', (dialog) => {
    dialogs += 1
    return dialog.dismiss()
  })
  await page.goto(
    `${APP}?issuer=${encodeURIComponent('javascript:alert(1)')}&claims=${encodeURIComponent('{"id_token":')}` +
      `&max_age=-5&redirect_uri=${encodeURIComponent('https://evil.example/')}&login_hint=carol`,
  )
  const notice = page.getByTestId('link-notice')
  await expect(notice.locator('[data-param="issuer"]')).toContainText('http: or https:')
  await expect(notice.locator('[data-param="claims"]')).toContainText('Not JSON')
  await expect(notice.locator('[data-param="max_age"]')).toContainText('whole number')
  await expect(notice.locator('[data-param="redirect_uri"]')).toContainText('always this page')
  await expect(notice).toContainText('login_hint')

  const url = await requestUrl(page)
  expect(url.origin).toBe('http://localhost:9400')
  expect(url.searchParams.get('login_hint')).toBe('carol')
  expect(url.searchParams.get('redirect_uri')).toBe(APP)
  expect(url.searchParams.has('max_age')).toBe(false)
  expect(page.url()).toBe(APP)
  expect(dialogs).toBe(0)
})

test('a corrupt localStorage entry loads the defaults and says so', async ({ page }) => {
  await seedStorage(page, {
    'acr-playground:config': '{"version":1,"config":{"issuer":"ftp://x","clientId":"kept"',
  })
  await page.goto(APP)
  await expect(page.getByTestId('storage-notice')).toContainText('not readable')
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  const kept = await page.evaluate(() => localStorage.getItem('acr-playground:config:unreadable'))
  expect(kept).toContain('"clientId":"kept"')
})

test('a damaged field is reset alone, and the configuration persists across reloads', async ({
  page,
}) => {
  await seedStorage(page, {
    'acr-playground:config': JSON.stringify({
      version: 1,
      config: { clientId: 'acr-playground', maxAge: -1, loginHint: 'dora' },
    }),
  })
  await page.goto(APP)
  await expect(page.getByTestId('storage-notice')).toContainText('max_age')
  expect((await requestUrl(page)).searchParams.get('login_hint')).toBe('dora')

  await openCompose(page)
  await page.getByTestId('login-hint').fill('erin')
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('login_hint'))
    .toBe('erin')
  await page.reload()
  expect((await requestUrl(page)).searchParams.get('login_hint')).toBe('erin')
})

test('a link never makes the browser contact a new provider by itself; one click connects', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const contacted: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(APP).origin) contacted.push(request.url())
  })
  const link = `${APP}?issuer=${encodeURIComponent(IDP)}&client_id=acr-playground&acr_values=silver`
  await page.goto(link)
  await expect(page.getByTestId('link-consent')).toContainText(IDP)
  await page.waitForTimeout(1000) // the old build fetched discovery ~400 ms after load
  expect(contacted).toEqual([])
  await expect(page.getByTestId('login')).toBeDisabled()

  await page.getByTestId('link-connect').click()
  await expect(page.getByTestId('auth-request-url')).toContainText('acr_values=silver')
  expect(contacted.some((url) => url.startsWith(`${IDP}/.well-known/`))).toBe(true)

  // A provider this browser connected to connects as before.
  await page.goto(link)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  await expect(page.getByTestId('link-consent')).toHaveCount(0)
  await context.close()
})
