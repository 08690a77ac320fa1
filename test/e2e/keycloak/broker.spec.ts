// Brokered logins: the realm broker-downstream signs its users in through the realm
// broker-upstream of the same Keycloak (an OpenID Connect identity provider, reached with
// kc_idp_hint and the identity provider redirector). Both realms map bronze=1 (password) and
// silver=2 (+ OTP). Each test asserts what Keycloak asked the upstream (the authorization requests
// the browser sent it), what the downstream answered, and what the playground predicted from the
// downstream's export (docs/keycloak-research.md, section "Brokered logins").
import { readFileSync } from 'node:fs'

import type { Page, Request } from '@playwright/test'

import { totp } from '../../../demo-idp/totp.js'
import {
  backInPlayground,
  essential,
  expect,
  importRealm,
  KEYCLOAK,
  openWith,
  received,
  requireKeycloak,
  test,
} from '../support'

requireKeycloak()

const DOWNSTREAM = 'broker-downstream'
const DOWNSTREAM_EXPORT = readFileSync(
  new URL('../../../keycloak/realm-broker-downstream.json', import.meta.url),
  'utf8',
)

const prediction = (page: Page) => page.getByTestId('prediction')
const broker = (page: Page) => page.getByTestId('prediction-broker')

/** The authorization requests the browser sends the upstream realm, in order. */
function upstreamRequests(page: Page): URL[] {
  const seen: URL[] = []
  page.on('request', (request: Request) => {
    const url = new URL(request.url())
    if (url.href.startsWith(`${KEYCLOAK}/realms/broker-upstream/protocol/openid-connect/auth`))
      seen.push(url)
  })
  return seen
}

/** A link to the downstream realm through the identity provider, with its export imported. */
async function openDownstream(page: Page, params: Record<string, string>, idp = 'upstream') {
  await openWith(page, {
    url: KEYCLOAK,
    realm: DOWNSTREAM,
    client_id: 'acr-playground',
    kc_idp_hint: idp,
    ...params,
  })
  await importRealm(page, DOWNSTREAM_EXPORT)
}

/** Ask for another level (or none) in the same tab, over the session the last login left. */
async function askNow(page: Page, acr: string | null) {
  const chip = page.getByTestId('acr-remove')
  if (await chip.count()) await chip.click()
  if (acr === null) return
  await page.getByTestId('acr-input').fill(acr)
  await page.getByTestId('acr-input').press('Enter')
}

/** The upstream's own pages (the users' OTP secrets are in realm-broker-upstream.json). */
const upstream = {
  async password(page: Page, user: string) {
    await page.waitForURL(`${KEYCLOAK}/realms/broker-upstream/**`)
    await page.locator('#username').fill(user)
    await page.locator('#password').fill(user)
    await page.locator('#kc-login').click()
  },
  async otp(page: Page, user: string) {
    await expect(page.locator('#otp')).toBeVisible()
    await page.locator('#otp').fill(totp(Buffer.from(`acr-playground-${user}-totp`, 'utf8')))
    await page.locator('#kc-login').click()
  },
}

async function expectAgreed(page: Page) {
  await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
}

test.describe('realm broker-downstream: logins brokered to the realm broker-upstream @facts', () => {
  test('first broker login and a returning user: acr_values silver is forwarded and the upstream asks its OTP, yet the downstream answers bronze (level 1), predicted', async ({
    page,
    browser,
  }) => {
    for (const [round, tab] of [
      ['first broker login', page],
      ['returning user, another browser', await (await browser.newContext()).newPage()],
    ] as const) {
      const asked = upstreamRequests(tab)
      await openDownstream(tab, { acr_values: 'silver' })
      await expect(prediction(tab), round).toHaveAttribute('data-acr', 'bronze')
      await expect(broker(tab), round).toHaveAttribute('data-forwarded-acr', 'silver')
      await tab.getByTestId('login').click()
      await upstream.password(tab, 'frank')
      await upstream.otp(tab, 'frank') // the upstream runs its silver level
      await backInPlayground(tab)
      expect(asked.at(-1)?.searchParams.get('acr_values'), round).toBe('silver')
      expect(await received(tab), round).toEqual({ acr: 'bronze', loa: '1', verdict: 'downgraded' })
      await expectAgreed(tab)
    }
  })

  test('over the SSO session a brokered login left: no level asked gives acr "0", silver goes to the upstream again and gives bronze, both predicted', async ({
    page,
  }) => {
    const asked = upstreamRequests(page)
    await openDownstream(page, { acr_values: 'bronze' })
    await page.getByTestId('login').click()
    await upstream.password(page, 'iris')
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('bronze')

    await askNow(page, null)
    await expect(prediction(page)).toHaveAttribute('data-acr', '0')
    await expect(broker(page)).toHaveCount(0) // the cookie alone: no provider
    await page.getByTestId('login').click()
    await backInPlayground(page)
    expect((await received(page)).acr).toBe('0')
    expect(asked).toHaveLength(1)
    await expectAgreed(page)

    await askNow(page, 'silver')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await expect(broker(page)).toHaveAttribute('data-forwarded-acr', 'silver')
    await page.getByTestId('login').click()
    await upstream.otp(page, 'iris') // the upstream's session holds bronze: it steps up to silver
    await backInPlayground(page)
    expect(asked).toHaveLength(2)
    expect(asked[1]?.searchParams.get('acr_values')).toBe('silver')
    expect((await received(page)).acr).toBe('bronze')
    await expectAgreed(page)
  })

  test('an essential claims request for silver is not forwarded: the upstream asks the password only, the downstream answers bronze without an error, predicted', async ({
    page,
  }) => {
    const asked = upstreamRequests(page)
    await openDownstream(page, { claims: essential(['silver']) })
    await expect(prediction(page)).toHaveAttribute('data-outcome', 'tokens')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await expect(broker(page)).toHaveAttribute('data-forwarded-acr', '')
    await page.getByTestId('login').click()
    await upstream.password(page, 'gina') // no OTP page: the upstream was asked no level
    await backInPlayground(page)
    expect(asked).toHaveLength(1)
    expect(asked[0]?.searchParams.get('acr_values')).toBeNull()
    expect(asked[0]?.searchParams.get('claims')).toBeNull()
    expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'essential-unmet' })
    await expectAgreed(page)
  })

  test('an identity provider whose Forwarded query parameters leave out acr_values is asked no level, predicted', async ({
    page,
  }) => {
    const asked = upstreamRequests(page)
    await openDownstream(page, { acr_values: 'silver' }, 'upstream-quiet')
    await expect(prediction(page)).toHaveAttribute('data-acr', 'bronze')
    await expect(broker(page)).toHaveAttribute('data-forwarded-acr', '')
    await expect(prediction(page)).toContainText('Forwarded query parameters without acr_values')
    await page.getByTestId('login').click()
    await upstream.password(page, 'hank') // no OTP page
    await backInPlayground(page)
    expect(asked).toHaveLength(1)
    expect(asked[0]?.searchParams.get('acr_values')).toBeNull()
    expect((await received(page)).acr).toBe('bronze')
    await expectAgreed(page)
  })
})
