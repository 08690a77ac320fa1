// A shape users build: inside the level 1 sub-flow, a CONDITIONAL sub-flow that asks the OTP only
// of users with the realm role admins (realm acr-conditional: bronze=1, silver=2). Whether the user
// has the role is not in a realm export, so the prediction names the OTP as conditional and says
// it cannot know; the level, and so the acr, are the same either way. Each test asserts what the
// real Keycloak asked and answered, and that the prediction agreed.
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import {
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

const CONDITIONAL_EXPORT = readFileSync(
  new URL('../../../keycloak/realm-acr-conditional.json', import.meta.url),
  'utf8',
)
const ONLY_IF = 'only if the user has role admins'

async function openConditional(page: Page) {
  await openWith(page, {
    url: KEYCLOAK,
    realm: 'acr-conditional',
    client_id: 'acr-playground',
    acr_values: 'bronze',
  })
  await importRealm(page, CONDITIONAL_EXPORT)
  const prediction = page.getByTestId('prediction')
  await expect(prediction).toHaveAttribute('data-acr', 'bronze')
  await expect(prediction).toContainText(`password, then otp (${ONLY_IF})`)
  await expect(page.getByTestId('prediction-unknowns')).toContainText(
    'whether this user does is not known here',
  )
}

test.describe('realm acr-conditional: an OTP for the role admins inside level 1 @facts', () => {
  test('bronze for a user with the role: the password, then the OTP, acr bronze, as predicted', async ({
    page,
  }) => {
    await openConditional(page)
    await page.getByTestId('login').click()
    await page.waitForURL(`${KEYCLOAK}/**`)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob') // the role's sub-flow ran
    await backInPlayground(page)
    expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })

  test('bronze for a user without the role: the password only, acr bronze, as predicted', async ({
    page,
  }) => {
    await openConditional(page)
    await page.getByTestId('login').click()
    await page.waitForURL(`${KEYCLOAK}/**`)
    await kc.password(page, 'alice') // no OTP page: she has no OTP and no role
    await backInPlayground(page)
    expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
    await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
  })
})
