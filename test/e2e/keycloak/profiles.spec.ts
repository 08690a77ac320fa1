// A profile switch is a clean keycloak-js start against another provider: one profile for the demo
// provider, one for the real Keycloak realm acr-playground, a login at each in turn.
import type { Page } from '@playwright/test'

import {
  backInPlayground,
  demo,
  expect,
  IDP,
  kc,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requestUrl,
  requireKeycloak,
  startLogin,
  test,
} from '../support'

requireKeycloak()

async function switchTo(page: Page, name: string) {
  await page.getByTestId('profile-select').selectOption({ label: name })
  await expect(page.getByTestId('profile-message')).toContainText(`Now on "${name}"`)
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
}

test('a demo profile and a Keycloak profile: each switch connects afresh, and a login works at each', async ({
  page,
}) => {
  // The first profile: the demo provider, as a fresh browser has it.
  await openWith(page)
  expect((await requestUrl(page)).origin).toBe(IDP)
  // A link names Keycloak: it opens beside the profiles, and is kept as the profile "Keycloak".
  await openWith(page, keycloakLink({ acr_values: 'silver' }))
  expect((await requestUrl(page)).origin).toBe(KEYCLOAK)
  await page.getByTestId('link-keep-name').fill('Keycloak')
  await page.getByTestId('link-keep').click()
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText('Keycloak')

  await switchTo(page, 'Default')
  await expect.poll(async () => (await requestUrl(page)).origin).toBe(IDP)
  await switchTo(page, 'Keycloak')
  await expect.poll(async () => (await requestUrl(page)).origin).toBe(KEYCLOAK)
  const url = await requestUrl(page)
  expect(url.pathname).toBe('/realms/acr-playground/protocol/openid-connect/auth')
  expect(url.searchParams.get('acr_values')).toBe('silver')

  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await kc.password(page, 'bob')
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText('Keycloak')

  // Back to the demo provider: Keycloak's tokens are gone, and the demo's login works.
  await switchTo(page, 'Default')
  await expect(page.getByTestId('answer')).toHaveCount(0)
  await expect.poll(async () => (await requestUrl(page)).origin).toBe(IDP)
  await startLogin(page)
  await demo.password(page, 'alice')
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('bronze')
  await expect(page.getByTestId('id-token').locator('[data-claim="iss"]')).toContainText(IDP)
})
