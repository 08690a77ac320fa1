import { APP, expect, IDP, openWith, requestUrl, signInAtDemo, startLogin, test } from '../support'

test('copy as: the keycloak-js snippet, the exact URL and the token-exchange curl', async ({
  page,
}) => {
  await openWith(page, {
    acr_values: 'silver',
    claims: '{"id_token":{"acr":{"essential":true,"values":["silver"]}}}',
    max_age: '0',
  })
  await page.getByText('Copy as keycloak-js').click()
  const text = page.getByTestId('copy-text')
  await expect(text).toContainText('"acrValues": "silver"')
  await expect(text).toContainText('"maxAge": 0')
  await expect(text).toContainText('"essential": true')
  await expect(text).toContainText(`"oidcProvider": "${IDP}"`)

  await page.getByTestId('copy-kind-url').check()
  await expect(text).toHaveText((await requestUrl(page)).href)
  await page.getByTestId('copy-kind-curl').check()
  await expect(text).toContainText(`curl -X POST '${IDP}/token'`)
  await expect(text).toContainText(`redirect_uri=${APP}`)
})

test('RP-initiated logout ends the provider session and comes back, and clears the history', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  await expect(page.getByTestId('history-item')).toHaveCount(1)

  await page.getByTestId('logout').click()
  await page.waitForURL(`${IDP}/**`)
  await page.getByTestId('idp-logout-yes').click()
  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('logout-notice')).toBeVisible()
  await expect(page.getByTestId('received-acr')).toHaveCount(0)
  await expect(page.getByTestId('history-item')).toHaveCount(0)
  expect(await page.evaluate(() => sessionStorage.getItem('acr-playground:history'))).toBeNull()

  await startLogin(page)
  await expect(page.locator('#password')).toBeVisible() // the SSO session is gone
})

test('forget everything wipes the stored configuration, the history and the tokens', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze', login_hint: 'bob' })
  await expect(page.getByTestId('history-item')).toHaveCount(1)

  await page.getByTestId('forget-everything').click()
  await page.getByTestId('forget-confirm').click()
  await expect(page.getByTestId('forget-notice')).toBeVisible()
  await expect(page.getByTestId('received-acr')).toHaveCount(0)
  await expect(page.getByTestId('history-item')).toHaveCount(0)
  await expect.poll(async () => (await requestUrl(page)).searchParams.has('login_hint')).toBe(false)
  const keys = await page.evaluate(() => [
    ...Object.keys(localStorage),
    ...Object.keys(sessionStorage),
  ])
  expect(keys.filter((k) => k.startsWith('acr-playground:'))).toEqual([])
})
