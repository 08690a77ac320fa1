import {
  backInPlayground,
  expect,
  kc,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requireKeycloak,
  test,
} from '../support'

requireKeycloak()

test('token refresh (keycloak-js updateToken): the level survives in both tokens', async ({
  page,
}) => {
  await openWith(page, keycloakLink({ acr_values: 'silver' }))
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await kc.password(page, 'bob')
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('silver')

  await page.getByTestId('refresh-tokens').click()
  await expect(page.getByTestId('refresh-result')).toBeVisible()
  // Recorded fact for Keycloak 26.5.6: a refresh keeps acr in the ID token and the access token.
  await expect(page.getByTestId('refreshed-id-acr')).toHaveText('silver')
  await expect(page.getByTestId('refreshed-access-acr')).toHaveText('silver')
  expect((await received(page)).acr).toBe('silver')
})

test('gold for carol with a passkey: the first login registers it, the next asks only for it', async ({
  page,
}) => {
  // Chromium's virtual authenticator, through the DevTools protocol: a real WebAuthn ceremony.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })

  await openWith(page, keycloakLink({ acr_values: 'gold' }))
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await kc.password(page, 'carol')
  await kc.otp(page, 'carol')
  await page.locator('#registerWebAuthn').click()
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })

  // gold's max age is 0: every gold login asks for the passkey again, and only for it.
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('#authenticateWebAuthnButton')).toBeVisible()
  await expect(page.locator('#password')).toHaveCount(0)
  await page.locator('#authenticateWebAuthnButton').click()
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })
})
