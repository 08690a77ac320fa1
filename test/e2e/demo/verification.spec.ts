import type { Page } from '@playwright/test'

import { expect, IDP, received, signInAtDemo, test } from '../support'

async function loginAsBob(page: Page) {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
}

/** Rewrite the ID token in the provider's token response, the way an attacker in the middle would. */
async function tamperIdToken(page: Page, change: (token: string) => string) {
  await page.route(`${IDP}/token`, async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { id_token: string }
    await route.fulfill({ response, json: { ...body, id_token: change(body.id_token) } })
  })
}

function withPayload(token: string, edit: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
  edit(claims)
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
}

test('a genuine ID token verifies: signature, iss, aud, exp, iat, nonce', async ({ page }) => {
  await loginAsBob(page)
  const verification = page.getByTestId('token-verification')
  await expect(verification).toHaveAttribute('data-status', 'valid')
  for (const check of ['signature', 'iss', 'aud', 'exp', 'iat', 'nonce']) {
    await expect(verification.locator(`[data-check="${check}"]`)).toHaveAttribute('data-ok', 'true')
  }
  await expect(page.getByTestId('access-token-verification')).toHaveAttribute(
    'data-status',
    'valid',
  )
})

test('an ID token with a changed acr is shown as received, and marked invalid', async ({
  page,
}) => {
  await tamperIdToken(page, (token) => withPayload(token, (claims) => (claims.acr = 'gold')))
  await loginAsBob(page)
  // keycloak-js accepted it: it checks no signature.
  expect((await received(page)).acr).toBe('gold')
  const verification = page.getByTestId('token-verification')
  await expect(verification).toHaveAttribute('data-status', 'invalid')
  await expect(verification.locator('[data-check="signature"]')).toHaveAttribute('data-ok', 'false')
  await expect(verification).toContainText('altered')
})

test('a broken signature is marked invalid', async ({ page }) => {
  await tamperIdToken(
    page,
    (token) => `${token.slice(0, -6)}${token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`,
  )
  await loginAsBob(page)
  await expect(page.getByTestId('token-verification')).toHaveAttribute('data-status', 'invalid')
})

test('when the JWKS cannot be read the tokens are unverified, and it says why', async ({
  page,
}) => {
  await page.route(`${IDP}/jwks`, (route) => route.abort())
  await loginAsBob(page)
  const verification = page.getByTestId('token-verification')
  await expect(verification).toHaveAttribute('data-status', 'unverified')
  await expect(verification).toContainText('could not be read')
})

test('where is acr: both tokens carry it; UserInfo answers the access token without acr', async ({
  page,
}) => {
  await loginAsBob(page)
  const where = page.getByTestId('where-is-acr')
  await expect(where.locator('[data-claim="acr"] [data-source="id_token"]')).toHaveText('bronze')
  await expect(where.locator('[data-claim="acr"] [data-source="access_token"]')).toHaveText(
    'bronze',
  )
  await page.getByTestId('userinfo-call').click()
  await expect(where.locator('[data-claim="acr"] [data-source="userinfo"]')).toHaveText('(absent)')
  await expect(page.getByTestId('userinfo-error')).toHaveCount(0)
})
