// The advisory scenario (CVE-2026-97176): a session at a lower level, then an ESSENTIAL claims
// request for a higher one without prompt=login. Does Keycloak step up, or answer from the
// session? It steps up: it asks only the missing factor (the OTP, not the password), issues silver
// and a new auth_time. Tagged @facts: on both versions of the e2e tier.
import {
  backInPlayground,
  expect,
  kc,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requestUrl,
  requireKeycloak,
  signInAtKeycloak,
  test,
  untilSecond,
} from '../support'

requireKeycloak()

/** auth_time as the result shows it ("2026-11-25 22:13:31 UTC (…)"), in epoch seconds. */
async function shownAuthTime(page: import('@playwright/test').Page) {
  const text = (await page.getByTestId('auth-time').textContent()) ?? ''
  const match = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC/.exec(text)
  return match ? Date.parse(`${match[1]}T${match[2]}Z`) / 1000 : NaN
}

test('bob at bronze, then an essential silver claims request without prompt=login: Keycloak asks the OTP and raises the level @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')
  const bronzeAuthTime = await shownAuthTime(page)
  expect(bronzeAuthTime).not.toBeNaN()

  await untilSecond(bronzeAuthTime + 1) // so that a new auth_time is visibly later
  await openWith(
    page,
    keycloakLink({
      claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['silver'] } } }),
    }),
  )
  const sent = await requestUrl(page)
  expect(sent.searchParams.get('prompt')).toBeNull()
  expect(sent.searchParams.get('acr_values')).toBeNull()
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)

  // The SSO session is reused for the password; only the factor silver adds is asked.
  await expect(page.locator('#otp')).toBeVisible()
  expect(await page.locator('#password').count()).toBe(0)
  await kc.otp(page, 'bob')
  await backInPlayground(page)

  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  await expect(page.getByTestId('access-token-acr')).toContainText('silver')
  expect(await shownAuthTime(page)).toBeGreaterThan(bronzeAuthTime)
})
