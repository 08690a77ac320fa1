import {
  APP,
  backInPlayground,
  demo,
  expect,
  openTool,
  openWith,
  received,
  requestUrl,
  signInAtDemo,
  test,
} from '../support'

test('RFC 9470 loop: the API answers 401 with a challenge, one click steps up, the call then succeeds', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')

  await expect(page.getByTestId('api-url')).toHaveValue('http://localhost:9401/api/transfer')
  await page.getByTestId('api-call').click()
  await expect(page.getByTestId('api-status')).toHaveText('401')
  await expect(page.getByTestId('api-challenge')).toContainText(
    'error="insufficient_user_authentication"',
  )
  await expect(page.getByTestId('api-challenge')).toContainText('acr_values="silver"')

  await page.getByTestId('api-step-up').click()
  await page.waitForURL('http://localhost:9400/**')
  await expect(page.getByRole('heading', { name: 'One-time code' })).toBeVisible()
  await demo.otp(page)
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })

  await page.getByTestId('api-call').click()
  await expect(page.getByTestId('api-status')).toHaveText('200')
  await expect(page.getByTestId('api-answer')).toContainText('"acr":"silver"')
})

test('a pasted challenge prefills the request and logs in only on a click', async ({ page }) => {
  await openWith(page, { acr_values: 'bronze' })
  await openTool(page, 'challenges-panel')
  await page
    .getByTestId('challenge-input')
    .fill(
      'WWW-Authenticate: Bearer error="insufficient_user_authentication", acr_values="gold", max_age=300',
    )
  await expect(page.getByTestId('challenge-explanation')).toContainText('gold')
  await page.getByTestId('challenge-apply').click()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('gold')
  expect((await requestUrl(page)).searchParams.get('max_age')).toBe('300')
  expect(page.url()).toBe(APP)

  await page
    .getByTestId('challenge-input')
    .fill('Bearer error="insufficient_user_authentication", max_age=5')
  await page.getByTestId('challenge-apply').click()
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('max_age')).toBe('5')
  expect((await requestUrl(page)).searchParams.get('acr_values')).toBe('gold')
})

test('an Entra claims challenge is decoded into readable JSON; a bad one is explained', async ({
  page,
}) => {
  await openWith(page)
  await openTool(page, 'challenges-panel')
  const claims = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}').toString(
    'base64',
  )
  await page
    .getByTestId('challenge-input')
    .fill(`Bearer realm="", error="insufficient_claims", claims="${claims}"`)
  await expect(page.getByTestId('challenge-claims')).toContainText('"acrs"')
  await expect(page.getByTestId('challenge-apply')).toHaveCount(0)
  await page.getByTestId('challenge-input').fill('Bearer error="insufficient_user_authentication"')
  await expect(page.getByTestId('challenge-error')).toContainText('at least one')
})

test('a link cannot choose where the access token goes', async ({ page }) => {
  await page.goto(
    `${APP}?api_url=${encodeURIComponent('https://evil.example/collect')}&client_id=acr-playground`,
  )
  await expect(page.getByTestId('link-notice').locator('[data-param="api_url"]')).toContainText(
    'not a playground parameter',
  )
  await openTool(page, 'challenges-panel')
  await expect(page.getByTestId('api-url')).toHaveValue('http://localhost:9401/api/transfer')
})
