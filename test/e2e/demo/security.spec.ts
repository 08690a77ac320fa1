import { APP, expect, signInAtDemo, test } from '../support'

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
