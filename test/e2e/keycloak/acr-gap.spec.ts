// A flow with levels 1 and 3 only (realm acr-gap: low=1, mid=2, high=3, top=4 in the realm map).
// A level no sub-flow serves is quietly lowered on a fresh login, but over an SSO session that does
// not hold it Keycloak stops on its own "Invalid username or password." page: the cookie does not
// cover the level, every level sub-flow is skipped, and a flow that did nothing has failed
// (docs/keycloak-research.md, section "A level no sub-flow serves"). Each test asserts what the real
// Keycloak did and what the playground predicted from the imported export.
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import {
  APP,
  backInPlayground,
  expect,
  importRealm,
  kc,
  KEYCLOAK,
  openWith,
  received,
  requireKeycloak,
  test,
} from '../support'

requireKeycloak()

const REALM = 'acr-gap'
const GAP_EXPORT = readFileSync(
  new URL('../../../keycloak/realm-acr-gap.json', import.meta.url),
  'utf8',
)
const INVALID_USER = 'Invalid username or password.'

const prediction = (page: Page) => page.getByTestId('prediction')
const hint = (page: Page, code: string) => page.locator(`[data-testid="hint"][data-hint="${code}"]`)

/** A link to the gap realm with the realm export imported (kept in this tab). */
async function openGap(page: Page, params: Record<string, string>, clientId = 'acr-playground') {
  await openWith(page, { url: KEYCLOAK, realm: REALM, client_id: clientId, ...params })
  await importRealm(page, GAP_EXPORT)
}

/** Ask for another level in the same tab, over the session the last login left. */
async function askNow(page: Page, acr: string) {
  await page.getByTestId('acr-remove').click()
  await page.getByTestId('acr-input').fill(acr)
  await page.getByTestId('acr-input').press('Enter')
}

async function toKeycloak(page: Page) {
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
}

/** Keycloak's own error page, then back in the playground by hand: the login never came back. */
async function stoppedAtKeycloak(page: Page, text: string) {
  await expect(page.getByText(text)).toBeVisible()
  await page.goto(APP)
  const error = page.getByTestId('login-error')
  await expect(error).toHaveAttribute('data-error', 'never_returned')
  return error
}

test.describe('realm acr-gap: levels 1 and 3, nothing for 2 or 4 @facts', () => {
  test('mid (2) on a fresh login quietly gives low (1); the same request over that session stops on "Invalid username or password.", both predicted', async ({
    page,
  }) => {
    await openGap(page, { acr_values: 'mid' })
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'tokens')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'low')
    await toKeycloak(page)
    await kc.password(page, 'bob') // no OTP page: level 3 is above the request
    await backInPlayground(page)
    expect(await received(page)).toEqual({ acr: 'low', loa: '1', verdict: 'downgraded' })
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')

    // The same tab, the same request: the session holds level 1, mid needs 2.
    await askNow(page, 'mid')
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'error-page')
    await expect(prediction(page)).toContainText(INVALID_USER)
    await toKeycloak(page)
    const error = await stoppedAtKeycloak(page, INVALID_USER)
    await expect(error).toContainText('as the realm predicted')
  })

  test('top (4) over a session that holds high (3) stops on "Invalid username or password.", predicted; mid over it is answered mid', async ({
    page,
  }) => {
    await openGap(page, { acr_values: 'high' })
    await toKeycloak(page)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob')
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('high')

    await askNow(page, 'mid')
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'tokens')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'mid')
    await page.getByTestId('login').click()
    await backInPlayground(page) // SSO: the session's level 3 covers 2
    expect((await received(page)).acr).toBe('mid')

    await askNow(page, 'top')
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'error-page')
    await expect(prediction(page)).toContainText(INVALID_USER)
    await toKeycloak(page)
    await stoppedAtKeycloak(page, INVALID_USER)
  })

  test('prompt=none for a level the session lacks: login_required comes back, and the prediction lists no page the user would see', async ({
    page,
  }) => {
    await openGap(page, { acr_values: 'low' })
    await toKeycloak(page)
    await kc.password(page, 'bob')
    await backInPlayground(page)

    await askNow(page, 'high')
    await page.getByTestId('prompt').selectOption('none')
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'error-callback')
    await expect(prediction(page)).not.toContainText('It asks')
    await expect(prediction(page)).toContainText('login_required')
    await page.getByTestId('login').click()
    await backInPlayground(page)
    await expect(page.getByTestId('login-error')).toHaveAttribute('data-error', 'login_required')
  })

  test("a name the realm map has, sent to a client with its own map: the hint says the client's map decided", async ({
    page,
  }) => {
    await openGap(page, { acr_values: 'mid' }, 'gap-own-map')
    await expect(page.getByTestId('loa-source')).toHaveAttribute('data-source', 'client')
    await toKeycloak(page)
    await kc.password(page, 'bob') // counted as level 0: only level 1 runs
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('basic')
    const unknown = hint(page, 'unknown-acr')
    await expect(unknown).toContainText("not in the client's acr.loa.map")
    await expect(unknown).toContainText("The realm's map has it (mid=2)")
    await expect(unknown).not.toContainText("neither the realm's nor the client's")
  })
})

test("without a realm export, a login that never came back names the client's Default or Minimum ACR among the causes @facts", async ({
  page,
}) => {
  // urls-default asks level 2 (OTP) when nothing is requested; alice has no OTP.
  await openWith(page, { url: KEYCLOAK, realm: 'acr-urls', client_id: 'urls-default' })
  await toKeycloak(page)
  await kc.password(page, 'alice')
  const error = await stoppedAtKeycloak(page, 'Cannot login, credential setup required.')
  await expect(error).toContainText('Default ACR values or Minimum ACR value')
})
