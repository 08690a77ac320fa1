// The demo API's policies one by one, and the freshness verdict (max_age) against the demo provider.
import {
  authTimeOf,
  backInPlayground,
  demo,
  expect,
  openWith,
  received,
  requestUrl,
  signInAtDemo,
  startLogin,
  test,
  untilSecond,
} from '../support'

const API = 'http://localhost:9401'

async function callApi(page: import('@playwright/test').Page, path: string) {
  await page.getByTestId('api-url').fill(`${API}${path}`)
  await page.getByTestId('api-call').click()
}

test('without max_age the freshness verdict says it was not requested', async ({ page }) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  await expect(page.getByTestId('freshness-verdict')).toHaveAttribute(
    'data-verdict',
    'not-requested',
  )
})

test('max_age=1 two seconds after a login: the provider re-authenticates, fresh', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  await untilSecond((await authTimeOf(page)) + 2) // now - auth_time > 1, in whole seconds

  await openWith(page, { acr_values: 'bronze', max_age: '1' })
  await startLogin(page)
  // The SSO session is older than max_age: the demo provider asks the password again.
  await expect(page.locator('#password')).toBeVisible()
  await demo.password(page, 'bob')
  await backInPlayground(page)

  const verdict = page.getByTestId('freshness-verdict')
  await expect(verdict).toHaveAttribute('data-verdict', 'fresh')
  await expect(verdict).toContainText('during this login')
  await expect(verdict).toContainText('max_age=1')
})

test('a large max_age over the SSO session: reused within max_age, fresh', async ({ page }) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  await untilSecond((await authTimeOf(page)) + 2) // auth_time over a second before the next login

  await page.getByTestId('max-age').fill('3600')
  await expect.poll(async () => (await requestUrl(page)).searchParams.get('max_age')).toBe('3600')
  await page.getByTestId('login').click() // no page at the provider: the session is reused
  await backInPlayground(page)

  const verdict = page.getByTestId('freshness-verdict')
  await expect(verdict).toHaveAttribute('data-verdict', 'fresh')
  await expect(verdict).toContainText('an earlier authentication')
  await expect(verdict).toContainText('within max_age=3600')
  await expect(page.getByTestId('hint').and(page.locator('[data-hint="sso-reused"]'))).toBeVisible()
})

test('/api/reports answers 403 insufficient_scope; the page explains it and adds the scope', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
  await callApi(page, '/api/reports')

  await expect(page.getByTestId('api-status')).toHaveText('403')
  await expect(page.getByTestId('api-challenge')).toContainText('error="insufficient_scope"')
  await expect(page.getByTestId('api-challenge')).toContainText('scope="reports"')
  await expect(page.getByTestId('api-challenge-explanation')).toContainText(
    'the token lacks scope reports: log in again asking for that scope',
  )
  await expect(page.getByTestId('api-step-up')).toHaveCount(0)

  await page.getByTestId('api-scope-apply').click()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('scope'))
    .toMatch(/(^| )reports( |$)/)
})

test('/api/otp-required: 401 after a bronze login, asking silver; 200 after the OTP', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  await callApi(page, '/api/otp-required')

  await expect(page.getByTestId('api-status')).toHaveText('401')
  await expect(page.getByTestId('api-challenge')).toContainText(
    'error="insufficient_user_authentication"',
  )
  await expect(page.getByTestId('api-challenge')).toContainText('acr_values="silver"')
  await expect(page.getByTestId('api-challenge')).toContainText('needs otp in amr')

  await page.getByTestId('api-step-up').click()
  await page.waitForURL('http://localhost:9400/**')
  await demo.otp(page)
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('silver')
  await expect(page.getByTestId('amr')).toContainText('otp')

  await callApi(page, '/api/otp-required')
  await expect(page.getByTestId('api-status')).toHaveText('200')
  await expect(page.getByTestId('api-answer')).toContainText('"amr":["pwd","otp"]')
})
