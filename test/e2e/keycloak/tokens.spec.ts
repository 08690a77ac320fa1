import type { Page } from '@playwright/test'

import {
  APP,
  backInPlayground,
  expect,
  kc,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requireKeycloak,
  signInAtKeycloak,
  test,
} from '../support'

requireKeycloak()

/**
 * Click a button of Keycloak's WebAuthn pages once the page can act on it: a module script adds
 * its click listener, and a click on the button as soon as it shows did nothing (the page stayed).
 */
async function webAuthnButton(page: Page, selector: string) {
  await expect(page.locator(selector)).toBeVisible()
  await page.waitForLoadState('load')
  await page.locator(selector).click()
}

test('token refresh (keycloak-js updateToken): the level survives in both tokens @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
  expect((await received(page)).acr).toBe('silver')

  await page.getByTestId('refresh-tokens').click()
  await expect(page.getByTestId('refresh-result')).toBeVisible()
  // Recorded fact for Keycloak 26.5.6 and 26.7.5: a refresh keeps acr in the ID token and the access token.
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
  await webAuthnButton(page, '#registerWebAuthn')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })

  // gold's max age is 0: every gold login asks for the passkey again, and only for it.
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('#password')).toHaveCount(0)
  await webAuthnButton(page, '#authenticateWebAuthnButton')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })
})

test('logout at Keycloak comes straight back, and the next login asks the password again', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })

  await page.getByTestId('logout').click()
  await page.waitForURL(`${APP}**`)
  await expect(page.getByTestId('logout-notice')).toBeVisible()
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('#password')).toBeVisible()
})

test('the ID token from Keycloak verifies against the realm JWKS', async ({ page }) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
  await expect(page.getByTestId('token-verification')).toHaveAttribute('data-status', 'valid')
  await expect(page.getByTestId('access-token-verification')).toHaveAttribute(
    'data-status',
    'valid',
  )
})

test('where is acr at Keycloak: in both tokens; UserInfo answers without it @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
  const where = page.getByTestId('where-is-acr')
  await expect(where.locator('[data-claim="acr"] [data-source="id_token"]')).toHaveText('bronze')
  await expect(where.locator('[data-claim="acr"] [data-source="access_token"]')).toHaveText(
    'bronze',
  )
  await page.getByTestId('userinfo-call').click()
  // Recorded fact for Keycloak 26.5.6 and 26.7.5 with the acr client scope: UserInfo answers, without acr.
  await expect(where.locator('[data-claim="acr"] [data-source="userinfo"]')).toHaveText('(absent)')
  await expect(page.getByTestId('userinfo-error')).toHaveCount(0)
})

test('a client without the acr client scope: the ID token has no acr, and the playground says why @facts', async ({
  page,
}) => {
  await signInAtKeycloak(
    page,
    'bob',
    { client_id: 'acr-playground-no-acr', acr_values: 'silver' },
    { otp: true },
  )
  // Keycloak still ran the silver level (it asked the OTP), but nothing reports it.
  expect(await received(page)).toEqual({ acr: '', loa: '', verdict: 'no-acr' })
  await expect(page.locator('[data-testid="hint"][data-hint="no-acr-claim"]')).toContainText(
    '"acr" client scope',
  )
})
