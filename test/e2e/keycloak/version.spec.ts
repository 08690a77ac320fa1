// The Keycloak version in the realm panel: read from the admin API's server info when the
// signed-in user may manage the realm, else picked by the user; and the known-defect hint on a
// real login. Tagged @facts: every test runs on both Keycloak versions of the e2e tier.
// erin is created here (the realm files stay as they are): realm-management's manage-realm, which
// Keycloak requires before it tells its version, plus view-realm and view-clients for the live read.
import type { APIRequestContext, Page } from '@playwright/test'

import {
  backInPlayground,
  expect,
  kc,
  KEYCLOAK,
  keycloakAdminHeaders,
  keycloakLink,
  openWith,
  received,
  requireKeycloak,
  signInAtKeycloak,
  test,
} from '../support'

requireKeycloak()

const REALM = 'acr-playground'

/** erin, with the realm-management roles that let the server tell its version. */
async function ensureRealmManager(request: APIRequestContext, username = 'erin') {
  const headers = await keycloakAdminHeaders(request)
  const admin = `${KEYCLOAK}/admin/realms/${REALM}`
  const created = await request.post(`${admin}/users`, {
    headers,
    data: {
      username,
      enabled: true,
      email: `${username}@example.com`,
      emailVerified: true,
      firstName: 'Erin',
      lastName: 'Manager',
      credentials: [{ type: 'password', value: username, temporary: false }],
    },
  })
  expect([201, 409]).toContain(created.status()) // 409: made by an earlier test of this run
  const [user] = await (
    await request.get(`${admin}/users?exact=true&username=${username}`, { headers })
  ).json()
  const [client] = await (
    await request.get(`${admin}/clients?clientId=realm-management`, { headers })
  ).json()
  const roles = await Promise.all(
    ['manage-realm', 'view-realm', 'view-clients'].map(async (name) =>
      (await request.get(`${admin}/clients/${client.id}/roles/${name}`, { headers })).json(),
    ),
  )
  const granted = await request.post(
    `${admin}/users/${user.id}/role-mappings/clients/${client.id}`,
    { headers, data: roles },
  )
  expect(granted.status()).toBe(204)
}

async function openRealmPanel(page: Page) {
  const panel = page.getByTestId('realm-panel')
  if (!(await panel.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await panel.locator(':scope > summary').click()
}

test.describe('the Keycloak version @facts', () => {
  test('read live with a manage-realm token, the realm panel shows the version the server tells, and its defects', async ({
    page,
    request,
    keycloak,
  }) => {
    await ensureRealmManager(request)
    await signInAtKeycloak(page, 'erin', { acr_values: 'bronze' })
    await openRealmPanel(page)
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-source', 'unknown')
    await page.getByTestId('realm-live').click()

    await expect(page.getByTestId('realm-live-read')).toContainText('with the token of erin')
    const shown = page.getByTestId('realm-version')
    await expect(shown).toHaveAttribute('data-source', 'server')
    await expect(shown).toHaveAttribute('data-version', keycloak.version)
    await expect(page.getByTestId('realm-version-pick')).toHaveCount(0)
    const defects = page.getByTestId('realm-defect')
    await expect(defects.and(page.locator('[data-defect="#31534"]'))).toHaveAttribute(
      'data-affects',
      'yes',
    )
    // Not reproduced on either version: not listed.
    await expect(defects.and(page.locator('[data-defect="#44002"]'))).toHaveCount(0)
    await expect(defects.and(page.locator('[data-defect="CVE-2026-97176"]'))).toHaveCount(0)

    // The server's version survives the next login's redirect.
    await openWith(page, keycloakLink({ acr_values: 'bronze' }))
    await openRealmPanel(page)
    await expect(page.getByTestId('realm-version')).toHaveAttribute(
      'data-version',
      keycloak.version,
    )
  })

  test('without manage-realm the server does not tell: the panel says so, and the version picked is used', async ({
    page,
  }) => {
    await signInAtKeycloak(page, 'dave', { acr_values: 'bronze' })
    await openRealmPanel(page)
    await page.getByTestId('realm-live').click()
    await expect(page.getByTestId('realm-live-read')).toContainText('with the token of dave')
    await expect(page.getByTestId('realm-version-note')).toContainText('manage-realm')
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-source', 'unknown')
    await expect(page.getByTestId('realm-defects')).toHaveCount(0)

    await page.getByTestId('realm-version-pick').selectOption('26.7.5')
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-source', 'user')
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-version', '26.7.5')
    await expect(page.getByTestId('realm-defect').first()).toBeVisible()

    await page.getByTestId('realm-version-pick').selectOption('other')
    await page.getByTestId('realm-version-typed').fill('26.2.0')
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-version', '26.2.0')
    await page.getByTestId('realm-version-typed').fill('latest')
    await expect(page.getByTestId('realm-version-error')).toContainText('not a Keycloak version')
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-version', '26.2.0')
  })

  test('several acr_values on a Keycloak whose version the server tells: the lowest runs, and the #31534 hint names that version', async ({
    page,
    request,
    keycloak,
  }) => {
    await ensureRealmManager(request)
    await signInAtKeycloak(page, 'erin', { acr_values: 'bronze' })
    await openRealmPanel(page)
    await page.getByTestId('realm-live').click()
    await expect(page.getByTestId('realm-version')).toHaveAttribute('data-source', 'server')

    await openWith(page, keycloakLink({ acr_values: 'silver bronze', prompt: 'login' }))
    await page.getByTestId('login').click()
    await page.waitForURL(`${KEYCLOAK}/**`)
    await kc.password(page, 'erin') // only the password: bronze, the lowest, runs
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('bronze')

    const hint = page.locator(
      '[data-testid="hint"][data-hint="known-defect"][data-defect="#31534"]',
    )
    await expect(hint).toContainText(`Keycloak ${keycloak.version} has #31534`)
    await expect(hint).toContainText('Reproduced on 26.5.6 and 26.7.5')
  })

  test('a version nobody told: the #31534 hint says which versions it would need', async ({
    page,
  }) => {
    await signInAtKeycloak(page, 'alice', { acr_values: 'silver bronze' })
    expect((await received(page)).acr).toBe('bronze')
    const hint = page.locator(
      '[data-testid="hint"][data-hint="known-defect"][data-defect="#31534"]',
    )
    await expect(hint).toContainText('If your Keycloak is among the versions of #31534')
  })
})
