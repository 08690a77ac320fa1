import {
  APP,
  authTimeOf,
  backInPlayground,
  demo,
  essential,
  expect,
  IDP,
  openWith,
  received,
  requestUrl,
  signInAtDemo,
  startLogin,
  test,
  untilSecond,
} from '../support'

test('baseline: acr_values=silver gives silver, LoA 2, satisfied, with auth_time and amr', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })

  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  await expect(page.getByTestId('amr')).toHaveText('pwd, otp')
  await expect(page.getByTestId('auth-time')).toContainText(/UTC \(\d+ s ago|now\)/)
  await expect(page.getByTestId('access-token-acr')).toContainText('silver')
  await expect(page.getByTestId('id-token').locator('[data-claim="acr"]')).toContainText('silver')
})

test('the login goes to exactly the URL on show', async ({ page }) => {
  await openWith(page, { acr_values: 'gold silver', max_age: '0', ui_locales: 'de en' })
  const shown = (await page.getByTestId('auth-request-url').textContent()) ?? ''
  const navigation = page.waitForRequest((request) =>
    request.url().startsWith('http://localhost:9400/auth'),
  )
  await page.getByTestId('login').click()
  expect((await navigation).url()).toBe(shown)
})

test('voluntary downgrade: alice has only a password, asks for gold, gets bronze', async ({
  page,
}) => {
  await signInAtDemo(page, 'alice', { acr_values: 'gold' })

  expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'downgraded' })
  await expect(page.locator('[data-testid="hint"][data-hint="voluntary-downgrade"]')).toBeVisible()
})

test('essential satisfied: bob gives every factor for gold', async ({ page }) => {
  await openWith(page, { claims: essential(['gold']) })
  expect((await requestUrl(page)).searchParams.get('claims')).toBe(essential(['gold']))
  await startLogin(page)
  await expect(page.getByTestId('idp-request')).toContainText('essential')
  await demo.password(page, 'bob')
  await demo.otp(page)
  await demo.securityKey(page)
  await backInPlayground(page)

  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })
  await expect(page.getByTestId('amr')).toHaveText('pwd, otp, hwk')
})

test('essential unmet: the error callback is explained', async ({ page }) => {
  await openWith(page, { claims: essential(['gold']) })
  await startLogin(page)
  await demo.password(page, 'alice')
  await backInPlayground(page)

  const error = page.getByTestId('login-error')
  await expect(error).toContainText('unmet_authentication_requirements')
  await expect(error).toContainText('essential')
  await expect(page.getByTestId('received-acr')).toHaveCount(0)
  await expect(page.getByTestId('history-outcome').first()).toContainText(
    'error unmet_authentication_requirements',
  )
})

test('essential unmet: one click asks the same levels voluntarily, logs in, and the provider gives less', async ({
  page,
}) => {
  await openWith(page, { claims: essential(['gold']) })
  await startLogin(page)
  await demo.password(page, 'alice')
  await backInPlayground(page)
  await expect(page.getByTestId('login-error')).toContainText('unmet_authentication_requirements')

  // The one click sends the request it rewrote: acr_values=gold, no claims.
  const sent = page.waitForRequest((r) => r.url().startsWith(`${IDP}/auth?`))
  await page.getByTestId('login-error-ask-voluntary').click()
  const auth = new URL((await sent).url())
  expect(auth.searchParams.get('acr_values')).toBe('gold')
  expect(auth.searchParams.get('claims')).toBeNull()
  // The unmet login left no session at the provider: alice gives her password again.
  await demo.password(page, 'alice')
  await backInPlayground(page)

  expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'downgraded' })
  await expect(page.getByTestId('login-error')).toHaveCount(0)
  await expect(page.getByTestId('acr-essential')).not.toBeChecked()
})

test('prompt=none without a session: keycloak-js drops the error, the playground shows it', async ({
  page,
}) => {
  await openWith(page, { prompt: 'none', acr_values: 'silver' })
  await page.getByTestId('login').click()
  await backInPlayground(page)

  const error = page.getByTestId('login-error')
  await expect(error).toContainText('login_required')
  await expect(error).toContainText('keycloak-js reported nothing')
})

test('SSO reuse without a level request gives acr "0", with the hint', async ({ page }) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')

  await untilSecond((await authTimeOf(page)) + 2) // auth_time visibly older than the next login
  await page.getByTestId('acr-remove').click()
  await page.getByTestId('login').click()
  await backInPlayground(page)

  expect(await received(page)).toEqual({ acr: '0', loa: '0', verdict: 'not-requested' })
  await expect(page.locator('[data-testid="hint"][data-hint="sso-reused"]')).toBeVisible()
  await expect(page.locator('[data-testid="hint"][data-hint="acr-zero"]')).toContainText(
    'prompt=login or max_age=0',
  )
})

test('max_age=0 forces a new authentication even inside the SSO session', async ({ page }) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })

  await page.getByTestId('max-age').fill('0')
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('max_age')).toBe('0')
  await startLogin(page)
  await expect(page.locator('#password')).toBeVisible()
  await demo.password(page, 'bob')
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('bronze')
})

test('a cancelled login comes back as access_denied, explained', async ({ page }) => {
  await openWith(page)
  await startLogin(page)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await backInPlayground(page)
  await expect(page.getByTestId('login-error')).toContainText('access_denied')
  await expect(page.getByTestId('login-error')).toContainText('cancelled')
})

test('a login that never comes back is explained on return', async ({ page }) => {
  await openWith(page, { claims: essential(['gold']) })
  await startLogin(page)
  await page.goto(APP)
  await expect(page.getByTestId('login-error')).toContainText('never came back')
  await expect(page.getByTestId('login-error')).toContainText('gold (essential)')
  // No realm is known here: the playground lists what it cannot tell apart, and asserts none.
  await expect(page.getByTestId('login-error')).toContainText('the playground cannot see which')
})

test('a token request the browser cannot make (CORS, network) is explained, not a blank page', async ({
  page,
}) => {
  await page.route('http://localhost:9400/token', (route) => route.abort())
  await openWith(page, { acr_values: 'bronze' })
  await startLogin(page)
  await demo.password(page, 'bob')
  await backInPlayground(page)
  const error = page.getByTestId('login-error')
  await expect(error).toHaveAttribute('data-error', 'token_request_failed')
  await expect(error).toContainText('CORS')
  await expect(page.getByTestId('history-outcome').first()).toContainText('token_request_failed')
})
