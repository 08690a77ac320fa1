// Every dialect of step-up, end to end: the demo provider's mode per dialect (demo-idp/dialects.js)
// asks and answers as that provider documents; the playground builds its request, reads its answer
// where it is, and judges it by its rule.
import type { Page } from '@playwright/test'

import {
  backInPlayground,
  demo,
  expect,
  IDP,
  openCompose,
  openTool,
  openWith,
  received,
  requestUrl,
  startLogin,
  test,
} from '../support'

const link = (dialect: string, params: Record<string, string> = {}) => ({
  issuer: `${IDP}/${dialect}`,
  client_id: 'acr-playground',
  dialect,
  ...params,
})

async function loginAs(page: Page, user: string, factors: ('otp' | 'key')[] = []) {
  await startLogin(page)
  await demo.password(page, user)
  if (factors.includes('otp')) await demo.otp(page)
  if (factors.includes('key')) await demo.securityKey(page)
  await backInPlayground(page)
}

const claimsOf = async (page: Page) =>
  JSON.parse((await requestUrl(page)).searchParams.get('claims') ?? 'null') as unknown

const accessTokenPayload = async (page: Page) => {
  const raw = (await page.getByTestId('access-token').locator('.raw').textContent()) ?? ''
  const payload = raw.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

test.describe('Microsoft Entra mode', () => {
  test('one click on c1 asks access_token.acrs with cp1; the verdict reads the access token', async ({
    page,
  }) => {
    await openWith(page, link('entra', { loa_map: '{"c1":1,"c2":2}' }))
    await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'entra')
    await expect(page.getByTestId('login')).toBeEnabled()

    await page.locator('[data-testid="level-choice"][data-acr="c1"]').click()
    await expect
      .poll(() => claimsOf(page))
      .toEqual({
        access_token: { acrs: { essential: true, value: 'c1' }, xms_cc: { values: ['cp1'] } },
      })
    expect((await requestUrl(page)).searchParams.has('acr_values')).toBe(false)

    await loginAs(page, 'bob', ['otp'])
    expect(await received(page)).toMatchObject({ acr: '', verdict: 'satisfied' })
    const answer = page.getByTestId('dialect-answer')
    await expect(answer).toHaveAttribute('data-where', 'access_token.acrs')
    await expect(answer).toContainText('c1')
    await expect(page.getByTestId('acr-verdict')).toContainText('Microsoft Entra')
    expect(await accessTokenPayload(page)).toMatchObject({ acrs: ['c1'], xms_cc: ['cp1'] })
  })

  test("an insufficient_claims challenge's claims replay in one click, with cp1 merged", async ({
    page,
  }) => {
    await openWith(page, link('entra', { loa_map: '{"c1":1,"c2":2}' }))
    await expect(page.getByTestId('login')).toBeEnabled()
    await openTool(page, 'challenges-panel')
    const claims = Buffer.from('{"access_token":{"acrs":{"essential":true,"value":"c2"}}}')
    await page
      .getByTestId('challenge-input')
      .fill(
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
          `error="insufficient_claims", claims="${claims.toString('base64')}"`,
      )
    await page.getByTestId('challenge-apply-claims').click()
    await expect
      .poll(() => claimsOf(page))
      .toEqual({
        access_token: { acrs: { essential: true, value: 'c2' }, xms_cc: { values: ['cp1'] } },
      })

    await loginAs(page, 'bob', ['otp', 'key'])
    await expect(page.getByTestId('acr-verdict')).toHaveAttribute('data-verdict', 'satisfied')
    await expect(page.getByTestId('dialect-answer')).toContainText('c2')
  })

  test('a context alice cannot reach ends in unmet_authentication_requirements', async ({
    page,
  }) => {
    await openWith(page, link('entra', { loa_map: '{"c1":1,"c2":2}' }))
    await expect(page.getByTestId('login')).toBeEnabled()
    await page.locator('[data-testid="level-choice"][data-acr="c1"]').click()
    await expect
      .poll(() => claimsOf(page))
      .toMatchObject({ access_token: { acrs: { value: 'c1' } } })
    await loginAs(page, 'alice')
    await expect(page.getByTestId('login-error')).toContainText('unmet_authentication_requirements')
  })
})

test.describe('Okta mode', () => {
  test('an unsupported value is ignored; Okta reflects the value it chose', async ({ page }) => {
    await openWith(page, link('okta', { acr_values: 'urn:example:unknown urn:okta:loa:2fa:any' }))
    await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'okta')
    await loginAs(page, 'bob', ['otp'])
    expect(await received(page)).toMatchObject({
      acr: 'urn:okta:loa:2fa:any',
      verdict: 'satisfied',
    })
    await expect(page.getByTestId('acr-verdict')).toContainText('Okta')
  })

  test('…:ifpossible gives alice one factor: the acr is reflected, amr says downgraded', async ({
    page,
  }) => {
    await openWith(page, link('okta', { acr_values: 'urn:okta:loa:2fa:any:ifpossible' }))
    await loginAs(page, 'alice')
    expect(await received(page)).toMatchObject({
      acr: 'urn:okta:loa:2fa:any:ifpossible',
      verdict: 'downgraded',
    })
    await expect(page.getByTestId('dialect-answer')).toHaveAttribute('data-where', 'id_token.amr')
    await expect(page.getByTestId('dialect-answer')).toContainText('pwd')
  })

  test('…:ifpossible asks bob, enrolled in a second factor, for both', async ({ page }) => {
    await openWith(page, link('okta', { acr_values: 'urn:okta:loa:2fa:any:ifpossible' }))
    await loginAs(page, 'bob', ['otp'])
    expect(await received(page)).toMatchObject({ verdict: 'satisfied' })
  })
})

test.describe('Auth0 mode', () => {
  const PAPE = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor'

  test('the multi-factor policy: amr contains mfa; no auth_time in the access token', async ({
    page,
  }) => {
    await openWith(page, link('auth0', { acr_values: PAPE }))
    await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'auth0')
    await loginAs(page, 'bob', ['otp'])
    expect(await received(page)).toMatchObject({ acr: PAPE, verdict: 'satisfied' })
    await expect(page.getByTestId('dialect-answer')).toHaveAttribute('data-where', 'id_token.amr')
    await expect(page.getByTestId('dialect-answer')).toContainText('mfa')
    await expect(page.getByTestId('acr-verdict')).toContainText('Auth0')
    expect(await accessTokenPayload(page)).not.toHaveProperty('auth_time')
  })

  test('without a second factor the tokens have no amr: no-acr, saying so', async ({ page }) => {
    await openWith(page, link('auth0', { acr_values: PAPE }))
    await loginAs(page, 'alice')
    await expect(page.getByTestId('acr-verdict')).toHaveAttribute('data-verdict', 'no-acr')
    await expect(page.getByTestId('acr-verdict')).toContainText('id_token.amr')
  })
})

test.describe('Amazon Cognito mode', () => {
  test('urn:cognito:loa:2 is read as level 2 without a map', async ({ page }) => {
    await openWith(page, link('cognito', { acr_values: 'urn:cognito:loa:2' }))
    await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'cognito')
    await loginAs(page, 'bob', ['otp'])
    expect(await received(page)).toMatchObject({ acr: 'urn:cognito:loa:2', verdict: 'satisfied' })
    await expect(page.getByTestId('amr')).toHaveText('pwd, otp, mfa')
    await expect(page.getByTestId('acr-verdict')).toContainText('Cognito')
  })

  test('alice reaches level 1 only: downgraded', async ({ page }) => {
    await openWith(page, link('cognito', { acr_values: 'urn:cognito:loa:2' }))
    await loginAs(page, 'alice')
    expect(await received(page)).toMatchObject({
      acr: 'urn:cognito:loa:1',
      verdict: 'downgraded',
    })
  })
})

test('a preset chooses the dialect by hand; the share link carries it', async ({ page }) => {
  await openWith(page)
  await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'generic')
  await openCompose(page)
  await page.getByTestId('preset-demo-cognito').click()
  await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'cognito')
  await expect(page.getByTestId('share-link')).toHaveValue(/[?&]dialect=cognito(&|$)/)
  await page.getByTestId('dialect-select').selectOption('okta')
  await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'okta')
  await page.getByTestId('dialect-select').selectOption('auto')
  await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'generic')
})

test('a link without dialect, to a host of no known provider, is generic and stays so', async ({
  page,
}) => {
  await openWith(page, { issuer: `${IDP}/cognito`, client_id: 'acr-playground' })
  await expect(page.getByTestId('provider-dialect')).toHaveAttribute('data-dialect', 'generic')
  await expect(page.getByTestId('share-link')).not.toHaveValue(/dialect=/)
})
