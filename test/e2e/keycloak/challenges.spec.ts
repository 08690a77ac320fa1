import {
  backInPlayground,
  expect,
  kc,
  KEYCLOAK,
  KEYCLOAK_API,
  received,
  requireKeycloak,
  signInAtKeycloak,
  test,
} from '../support'

requireKeycloak()

test('RFC 9470 loop with Keycloak: 401 and its challenge, one-click step-up asking only the OTP, then 200', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')

  // The demo API, run by the e2e setup against this Keycloak's JWKS.
  await page.getByTestId('api-url').fill(`${KEYCLOAK_API}/api/transfer`)
  await page.getByTestId('api-call').click()
  await expect(page.getByTestId('api-status')).toHaveText('401')
  await expect(page.getByTestId('api-challenge')).toContainText('acr_values="silver"')

  await page.getByTestId('api-step-up').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('#password')).toHaveCount(0)
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('silver')

  await page.getByTestId('api-call').click()
  await expect(page.getByTestId('api-status')).toHaveText('200')
})
