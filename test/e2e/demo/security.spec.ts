import { APP, expect, openWith, requestUrl, signInAtDemo, test } from '../support'

test('after a login no token is in localStorage or sessionStorage', async ({ page }) => {
  await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })

  const idToken = (await page.getByTestId('id-token').locator('.raw').textContent()) ?? ''
  const accessToken = (await page.getByTestId('access-token').locator('.raw').textContent()) ?? ''
  expect(idToken.split('.')).toHaveLength(3)
  expect(accessToken.split('.')).toHaveLength(3)

  const stored = await page.evaluate(() =>
    [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n'),
  )
  for (const token of [idToken, accessToken]) {
    expect(stored).not.toContain(token)
    expect(stored).not.toContain(token.split('.')[2]) // not even the signature
  }
  expect(await page.getByTestId('share-link').inputValue()).not.toContain(idToken.split('.')[1])
})

test('a claim holding HTML renders as text and runs nothing', async ({ page }) => {
  await signInAtDemo(page, 'eve', { acr_values: 'bronze' })

  const name = page.getByTestId('id-token').locator('[data-claim="name"]')
  await expect(name).toContainText(`<img src=x onerror="document.title='pwned'">`)
  await expect(page.locator('main img')).toHaveCount(0)
  expect(await page.title()).toBe('ACR Playground')
})

test('the built page carries a strict Content-Security-Policy and loads nothing from third parties', async ({
  page,
}) => {
  const origins = new Set<string>()
  page.on('request', (request) => origins.add(new URL(request.url()).origin))
  await page.goto(APP)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("default-src 'none'")
  expect(csp).not.toContain('unsafe')
  expect([...origins].sort()).toEqual([new URL(APP).origin, 'http://localhost:9400'])
})

test('page loads leave one keycloak-js callback entry, for the URL on show, not one per load', async ({
  page,
}) => {
  for (let load = 0; load < 5; load++) await openWith(page)
  const entries = await page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('kc-callback-')),
  )
  expect(entries).toHaveLength(1)
  const state = (await requestUrl(page)).searchParams.get('state')
  expect(entries[0]).toBe(`kc-callback-${state}`)
})

test('a fragment that is no login response leaves the address bar', async ({ page }) => {
  await page.goto(`${APP}#error=access_denied&error_description=log%20in%20at%20evil.example`)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  expect(new URL(page.url()).hash).toBe('')
})
