// Explanations that are true for more than one realm. For three realm shapes (ours, names that are
// URLs with the maps only on clients, no map at all) each scenario asserts what a real Keycloak
// (26.5.6, and 26.7.5 for the tests tagged @facts) did, what the playground predicted from the
// imported realm export, and the hints it shows.
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import {
  APP,
  authTimeOf,
  authTimeShown,
  backInPlayground,
  essential,
  expect,
  importRealm,
  kc,
  KEYCLOAK,
  openWith,
  received,
  requireKeycloak,
  test,
  untilSecond,
} from '../support'

requireKeycloak()
// Each test starts in a browser context of its own and depends on no other: the tests of this long
// file spread over the free workers instead of ending the tier in one.
test.describe.configure({ mode: 'parallel' })

const LOW = 'https://example.com/loa/low'
const SUBSTANTIAL = 'https://example.com/loa/substantial'

function exportOf(realm: string): string {
  return readFileSync(new URL(`../../../keycloak/realm-${realm}.json`, import.meta.url), 'utf8')
}

/** Open a link to one realm and client, and import that realm's export into the playground. */
async function openRealm(
  page: Page,
  realm: 'acr-playground' | 'acr-urls' | 'acr-numeric',
  clientId: string,
  params: Record<string, string> = {},
  exportText = exportOf(realm),
) {
  await openWith(page, { url: KEYCLOAK, realm, client_id: clientId, ...params })
  await importRealm(page, exportText)
}

async function toKeycloak(page: Page) {
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
}

/** To Keycloak, the password (and the OTP), and back in the playground. */
async function signIn(page: Page, user: string, { otp = false } = {}) {
  await toKeycloak(page)
  await kc.password(page, user)
  if (otp) await kc.otp(page, user)
  await backInPlayground(page)
}

const prediction = (page: Page) => page.getByTestId('prediction')
const hint = (page: Page, code: string) => page.locator(`[data-testid="hint"][data-hint="${code}"]`)

test.describe('realm acr-playground: a realm map', () => {
  test('the ladder shows each level with its names; a link map that disagrees is flagged, not used @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', {
      acr_values: 'silver',
      loa_map: '{"silver":1,"bronze":2}',
    })
    const levels = page.getByTestId('realm-level')
    await expect(levels).toHaveCount(3)
    await expect(levels.nth(0)).toHaveAttribute('data-acr', 'bronze')
    await expect(levels.nth(1)).toHaveAttribute('data-loa', '2')
    await expect(levels.nth(2)).toHaveAttribute('data-acr', 'gold')
    // The link's swapped map is flagged, not trusted.
    await expect(page.getByTestId('loa-source')).toHaveAttribute('data-source', 'realm')
    await expect(page.getByTestId('loa-map-conflict')).toBeVisible()
    await signIn(page, 'bob', { otp: true })
    // silver is LoA 2 as the realm says, not 1 as the link claimed.
    expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
    await expect(hint(page, 'map-overridden')).toContainText('from the link')
  })

  test('an ACR no map knows, voluntary: predicted and served at level 1 (password only), named bronze @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: 'platinum' })
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'tokens')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await signIn(page, 'bob') // no OTP page: Keycloak ran level 1 only
    expect((await received(page)).acr).toBe('bronze')
    await expect(hint(page, 'unknown-acr')).toContainText('not a number and it is not mapped')
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })

  test('an ACR no map knows, essential: predicted and shown as "Invalid parameter: claims" @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', {
      claims: essential(['platinum']),
    })
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'error-page')
    await expect(prediction(page)).toContainText('Invalid parameter: claims')
    await toKeycloak(page)
    await expect(page.getByText('Invalid parameter: claims')).toBeVisible()
    await page.goto(APP) // the user comes back by hand: Keycloak never redirects
    const error = page.getByTestId('login-error')
    await expect(error).toHaveAttribute('data-error', 'never_returned')
    await expect(error).toContainText('as the realm predicted')
    await expect(error).toContainText('Invalid parameter: claims')
  })

  test('over an SSO session acr follows the level asked now: silver, then bronze with the same auth_time @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: 'silver' })
    await signIn(page, 'bob', { otp: true })
    const silverAuthTime = await authTimeShown(page)
    await untilSecond((await authTimeOf(page)) + 2) // auth_time visibly older than the next login
    await page.getByTestId('acr-remove').click()
    await page.getByTestId('acr-input').fill('bronze')
    await page.getByTestId('acr-input').press('Enter')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await page.getByTestId('login').click()
    await backInPlayground(page) // no page at Keycloak: SSO
    expect((await received(page)).acr).toBe('bronze')
    expect(await authTimeShown(page)).toBe(silverAuthTime)
    await expect(hint(page, 'sso-reused')).toContainText('names the level this request asks for')
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })

  test('an essential claims request stays in the session: after essential silver, bronze asked is answered silver, as predicted @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: 'bronze' })
    await signIn(page, 'bob')
    const link = { url: KEYCLOAK, realm: 'acr-playground', client_id: 'acr-playground' }
    await openWith(page, { ...link, claims: essential(['silver']) })
    await toKeycloak(page)
    await kc.otp(page, 'bob')
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('silver')
    // The same tab, a plain bronze request: the realm (kept in this tab) and the history predict it.
    await openWith(page, { ...link, acr_values: 'bronze' })
    await expect(prediction(page)).toHaveAttribute('data-acr', 'silver')
    await expect(prediction(page)).toContainText('kept in the client session')
    await page.getByTestId('login').click()
    await backInPlayground(page) // SSO: no page at Keycloak
    expect((await received(page)).acr).toBe('silver')
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })

  test('acr_values and a voluntary claims request are read together: the lower one runs @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', {
      acr_values: 'bronze',
      claims: JSON.stringify({ id_token: { acr: { values: ['silver'] } } }),
    })
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await signIn(page, 'bob') // no OTP
    expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
    await expect(hint(page, 'acr-values-and-claims')).toContainText('reads them together')
  })

  test('a level asked by number comes back as the number; level 0 as "0" @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: '2' })
    await expect(prediction(page)).toHaveAttribute('data-acr', '2')
    await signIn(page, 'bob', { otp: true })
    expect(await received(page)).toEqual({ acr: '2', loa: '2', verdict: 'satisfied' })
    await expect(hint(page, 'numeric-acr')).toBeVisible()

    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: '0', prompt: 'login' })
    await signIn(page, 'bob')
    expect((await received(page)).acr).toBe('0')
    await expect(hint(page, 'acr-zero')).toContainText('echoes your request for level 0')
  })

  test('max_age=0 inside a silver session re-asks every factor of the level: password and OTP @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground', { acr_values: 'silver' })
    await signIn(page, 'bob', { otp: true })
    // Keycloak re-authenticates when auth_time + max_age < now, in whole seconds: within the
    // second of the last login even max_age=0 is still met.
    await untilSecond((await authTimeOf(page)) + 1)
    await page.getByTestId('max-age').fill('0')
    await expect(prediction(page)).toContainText('password, then otp')
    await toKeycloak(page)
    await expect(page.locator('#password')).toBeVisible()
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob')
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('silver')
  })

  test('the client without the acr scope: predicted without acr, and the hint says the export shows it @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-playground', 'acr-playground-no-acr', { acr_values: 'silver' })
    await expect(prediction(page)).toHaveAttribute('data-acr', '')
    await signIn(page, 'bob', { otp: true })
    await expect(hint(page, 'no-acr-claim')).toContainText('the realm export shows the client')
  })

  test('an export that no longer matches the server: the disagreement is the finding @facts', async ({
    page,
  }) => {
    // The pasted export gives the client a map of its own that the running realm does not have.
    const stale = JSON.parse(exportOf('acr-playground')) as {
      clients: { clientId: string; attributes: Record<string, string> }[]
    }
    const client = stale.clients.find((c) => c.clientId === 'acr-playground')!
    client.attributes['acr.loa.map'] = '{"copper":1,"steel":2}'
    await openRealm(
      page,
      'acr-playground',
      'acr-playground',
      { acr_values: 'silver' },
      JSON.stringify(stale),
    )
    await expect(prediction(page)).toHaveAttribute('data-acr', 'copper')
    await toKeycloak(page)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob') // the server still knows silver: the OTP is asked
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('silver')
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'false')
    await expect(hint(page, 'prediction-mismatch')).toContainText('does not explain this')
  })
})

test.describe('realm acr-urls: URL names, maps only on clients', () => {
  test('client map: its names are honoured though discovery lists none of them @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-urls', 'urls-app', { acr_values: SUBSTANTIAL })
    await expect(page.getByTestId('loa-source')).toHaveAttribute('data-source', 'client')
    await expect(page.getByTestId('realm-level').nth(1)).toHaveAttribute('data-acr', SUBSTANTIAL)
    await expect(page.locator('[data-lint="acr-not-supported"]')).toHaveCount(0)
    await expect(prediction(page)).toHaveAttribute('data-acr', SUBSTANTIAL)
    await signIn(page, 'bob', { otp: true })
    expect(await received(page)).toEqual({ acr: SUBSTANTIAL, loa: '2', verdict: 'satisfied' })
    await expect(hint(page, 'client-loa-map')).toContainText('replaces the realm')
  })

  test('without the realm export, an unmapped name is said to be unknown, not guessed @facts', async ({
    page,
  }) => {
    await openWith(page, {
      url: KEYCLOAK,
      realm: 'acr-urls',
      client_id: 'urls-app',
      acr_values: LOW,
    })
    await expect(page.getByTestId('loa-source')).toHaveAttribute('data-source', 'typed')
    await signIn(page, 'bob')
    expect((await received(page)).acr).toBe(LOW)
    await expect(hint(page, 'unmapped-acr')).toContainText('Import the realm export')
  })

  test('default ACR values: nothing asked, yet Keycloak runs the OTP level, as predicted @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-urls', 'urls-default')
    await expect(prediction(page)).toContainText('password, then otp')
    await expect(prediction(page)).toHaveAttribute('data-acr', SUBSTANTIAL)
    await signIn(page, 'bob', { otp: true })
    expect((await received(page)).acr).toBe(SUBSTANTIAL)
    await expect(hint(page, 'default-acr')).toContainText('Default ACR values')
  })

  test('default ACR values a user cannot meet: Keycloak stops, and the return says the export cannot show why @facts', async ({
    page,
  }) => {
    await openRealm(page, 'acr-urls', 'urls-default')
    await toKeycloak(page)
    await kc.password(page, 'alice')
    await expect(page.getByText('Cannot login, credential setup required.')).toBeVisible()
    await openWith(page, { url: KEYCLOAK, realm: 'acr-urls', client_id: 'urls-default' })
    const error = page.getByTestId('login-error')
    await expect(error).toHaveAttribute('data-error', 'never_returned')
    await expect(error).toContainText('does not explain this')
    await expect(error).not.toContainText('unregistered redirect URI (for example')
  })

  test('minimum ACR: a lower request is raised to the minimum @facts', async ({ page }) => {
    await openRealm(page, 'acr-urls', 'urls-min', { acr_values: LOW })
    await expect(prediction(page)).toHaveAttribute('data-acr', SUBSTANTIAL)
    await signIn(page, 'bob', { otp: true })
    expect((await received(page)).acr).toBe(SUBSTANTIAL)
    await expect(hint(page, 'minimum-acr')).toContainText('raised')
  })
})

test.describe('realm acr-numeric: no map at all @facts', () => {
  test('levels are numbers: a fresh login without a level is "1", and the hint says why', async ({
    page,
  }) => {
    await openRealm(page, 'acr-numeric', 'numeric-app')
    await expect(page.getByTestId('loa-source')).toHaveAttribute('data-source', 'realm')
    await expect(page.getByTestId('realm-level').nth(1)).toHaveAttribute('data-acr', '')
    await expect(prediction(page)).toHaveAttribute('data-acr', '1')
    await signIn(page, 'bob')
    expect(await received(page)).toEqual({ acr: '1', loa: '1', verdict: 'not-requested' })
    await expect(hint(page, 'fresh-no-level')).toContainText('bare number')
  })

  test('a level above the top quietly gives the highest: "3" asked, "2" received, predicted', async ({
    page,
  }) => {
    await openRealm(page, 'acr-numeric', 'numeric-app', { acr_values: '3' })
    await expect(prediction(page)).toHaveAttribute('data-acr', '2')
    await signIn(page, 'bob', { otp: true })
    expect(await received(page)).toEqual({ acr: '2', loa: '2', verdict: 'downgraded' })
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
    await expect(hint(page, 'voluntary-downgrade')).toBeVisible()
  })

  test('without a map the acr is the session level: at 2, a request for 1 still says "2"', async ({
    page,
  }) => {
    await openRealm(page, 'acr-numeric', 'numeric-app', { acr_values: '2' })
    await signIn(page, 'bob', { otp: true })
    await page.getByTestId('acr-remove').click()
    await page.getByTestId('acr-input').fill('1')
    await page.getByTestId('acr-input').press('Enter')
    await expect(prediction(page)).toHaveAttribute('data-acr', '2')
    await page.getByTestId('login').click()
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('2')
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })
})
