import { APP, expect, openWith, requestUrl, test } from '../support'

test('the claims editor round-trips with the form and warns about value instead of values', async ({
  page,
}) => {
  await openWith(page, { acr_values: 'silver' })
  await page.getByTestId('acr-mode-essential').check()
  await expect(page.getByTestId('claims-editor')).toHaveValue(/"essential": true/)
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('claims'))
    .toBe('{"id_token":{"acr":{"essential":true,"values":["silver"]}}}')
  // Essential is read alone: acr_values is no longer sent, so no warning is the first thing shown.
  expect((await requestUrl(page)).searchParams.has('acr_values')).toBe(false)
  await expect(page.getByTestId('both-warning')).toHaveCount(0)
  await page.getByTestId('send-acr-values').check()
  await expect(page.getByTestId('both-warning')).toBeVisible()

  await page
    .getByTestId('claims-editor')
    .fill('{"id_token":{"acr":{"essential":true,"values":["gold","silver"]}}}')
  await expect(page.getByTestId('acr-item')).toHaveText([/gold/, /silver/])

  await page
    .getByTestId('claims-editor')
    .fill('{"id_token":{"acr":{"essential":true,"value":"gold"}}}')
  await expect(
    page.getByTestId('claims-problems').locator('[data-severity="warning"]'),
  ).toContainText('read only "values"')
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('claims'))
    .toBe('{"id_token":{"acr":{"essential":true,"value":"gold"}}}')

  await page.getByTestId('claims-editor').fill('{"id_token":{"acr":{"values":"gold"}}}')
  await expect(
    page.getByTestId('claims-problems').locator('[data-severity="error"]'),
  ).toContainText('must be an array')
  await expect(page.getByTestId('login')).toBeDisabled()

  await page.getByTestId('claims-editor').fill('{"id_token": ')
  await expect(page.getByTestId('claims-problems')).toContainText('Not JSON')
  await page.reload()
  await expect(page.getByTestId('claims-editor')).toHaveValue('{"id_token": ')
})

test('the ACR list keeps its order in acr_values and can be reordered', async ({ page }) => {
  await openWith(page, { acr_values: 'silver' })
  await page.getByTestId('acr-input').fill('gold')
  await page.getByTestId('acr-add').click()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('silver gold')
  await page.getByRole('button', { name: 'Move gold up' }).click()
  await expect
    .poll(async () => (await requestUrl(page)).searchParams.get('acr_values'))
    .toBe('gold silver')
})

test('an unreachable issuer gets a specific message and no login', async ({ page }) => {
  await openWith(page)
  await page.getByTestId('issuer').fill('http://localhost:9')
  await expect(page.getByTestId('provider-status')).toContainText(
    'Could not reach http://localhost:9/.well-known/openid-configuration',
  )
  await expect(page.getByTestId('login')).toBeDisabled()
  await page.getByTestId('issuer').fill('not a url')
  await expect(page.getByTestId('issuer-error')).toContainText('is not a URL')
})

test('the LoA map imports from a Keycloak client export', async ({ page }) => {
  await openWith(page)
  await page.getByText('Import from a Keycloak export').click()
  await page.getByTestId('loa-import').fill(
    JSON.stringify({
      clientId: 'acr-playground',
      attributes: { 'acr.loa.map': '{"low":1,"high":2}' },
    }),
  )
  await page.getByTestId('loa-import-run').click()
  await expect(page.getByTestId('loa-import-message')).toContainText('client attribute')
  await expect(page.getByTestId('loa-map')).toHaveValue('{"low":1,"high":2}')
  await page.getByTestId('loa-import').fill('{"clientId":"x","attributes":{}}')
  await page.getByTestId('loa-import-run').click()
  await expect(page.getByTestId('loa-import-message')).toContainText('no acr.loa.map')
})

test('the redirect URI on show is the bare page URL', async ({ page }) => {
  await openWith(page, { client_id: 'acr-playground' })
  await page.getByText('Register this page with the client').click()
  await expect(page.getByTestId('redirect-uri')).toHaveText(APP)
  await expect(page.getByTestId('web-origin')).toHaveText(new URL(APP).origin)
})

test('the lint lists likely problems before the redirect, and never blocks the login', async ({
  page,
}) => {
  await openWith(page, { acr_values: 'platinum silver', prompt: 'none', max_age: '0' })
  const lint = page.getByTestId('request-lint')
  await expect(lint.locator('[data-lint="acr-not-supported"]')).toContainText('platinum')
  await expect(lint.locator('[data-lint="several-acr-values"]')).toBeVisible()
  await expect(lint.locator('[data-lint="max-age-with-prompt-none"]')).toBeVisible()
  await expect(lint.locator('[data-lint="acr-not-in-loa-map"]')).toContainText('platinum')
  await expect(page.getByTestId('login')).toBeEnabled()
})

test('discovery: what the provider advertises is shown, and its ACR values are offered', async ({
  page,
}) => {
  await openWith(page)
  await page.getByText('What the provider advertises').click()
  const metadata = page.getByTestId('provider-metadata')
  await expect(metadata.locator('[data-field="acr_values_supported"]')).toContainText(
    'bronze silver gold',
  )
  await expect(metadata.locator('[data-field="claims_parameter_supported"]')).toContainText('true')
  await expect(page.locator('#acr-suggestions option[value="gold"]')).toHaveCount(1)
})
