import { generateKeyPairSync } from 'node:crypto'

import type { Page } from '@playwright/test'

import { expect, IDP, openTool, openWith, signInAtDemo, test } from '../support'

// The token inspector is a tool: a disclosure data-testid="token-inspector", its chunk loaded when opened.
async function openInspector(page: Page) {
  await openTool(page, 'token-inspector')
  await expect(page.getByTestId('token-paste')).toBeVisible()
}

/** The ID token of a demo login, as the id-token section shows it. */
async function idTokenOfLogin(page: Page): Promise<string> {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  const token = (await page.getByTestId('id-token-raw').textContent()) ?? ''
  expect(token.split('.')).toHaveLength(3)
  return token
}

function withAcr(token: string, acr: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
  claims.acr = acr
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
}

test("a pasted ID token, with Bearer and a line break, verifies against the provider's keys", async ({
  page,
}) => {
  const token = await idTokenOfLogin(page)
  await openInspector(page)
  await page.getByTestId('token-paste').fill(`Bearer ${token}\n`)
  const pasted = page.getByTestId('pasted-token')
  await expect(pasted).toHaveAttribute('data-status', 'valid')
  await expect(pasted.locator('[data-check="signature"]')).toHaveAttribute('data-ok', 'true')
  await expect(pasted.locator('[data-claim="acr"]')).toContainText('"bronze"')
  await expect(pasted.getByTestId('pasted-token-raw')).toHaveText(token)

  const stored = await page.evaluate(() =>
    [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n'),
  )
  expect(stored).not.toContain(token.split('.')[2])
  expect(page.url()).not.toContain(token.split('.')[1])
})

test('a pasted token whose acr was changed is invalid: the signature does not verify', async ({
  page,
}) => {
  const token = await idTokenOfLogin(page)
  await openInspector(page)
  await page.getByTestId('token-paste').fill(withAcr(token, 'gold'))
  const pasted = page.getByTestId('pasted-token')
  await expect(pasted).toHaveAttribute('data-status', 'invalid')
  await expect(pasted.locator('[data-check="signature"]')).toHaveAttribute('data-ok', 'false')
  await expect(pasted.locator('[data-claim="acr"]')).toContainText('"gold"')
})

test('the token view: parts in three colours, acr explained on hover and on keyboard focus, Escape hides it', async ({
  page,
}) => {
  const token = await idTokenOfLogin(page)
  await openInspector(page)
  await page.getByTestId('token-paste').fill(token)
  const pasted = page.getByTestId('pasted-token')
  const colours = await pasted
    .locator('[data-part]')
    .evaluateAll((parts) => parts.map((part) => getComputedStyle(part).color))
  expect(new Set(colours).size).toBe(3)

  const term = pasted.locator('[data-claim="acr"] [data-testid="claim-term"]')
  const tip = pasted.locator('[data-claim="acr"] [data-testid="claim-tip"]')
  await expect(tip).toBeHidden()
  await term.hover()
  await expect(tip).toBeVisible()
  await page.mouse.move(0, 0)
  await expect(tip).toBeHidden()
  await term.focus()
  await expect(tip).toBeVisible()
  await expect(tip).toContainText('Authentication Context Class Reference')
  await page.keyboard.press('Escape')
  await expect(tip).toBeHidden()
})

test('malformed input is explained, naming the part, and nothing is shown as a token', async ({
  page,
}) => {
  await openWith(page)
  await openInspector(page)
  await page.getByTestId('token-paste').fill('eyJhbGciOiJSUzI1NiJ9.not+base64url.sig')
  await expect(page.getByTestId('token-paste-error')).toContainText('The payload (part 2')
  await expect(page.getByTestId('pasted-token')).toHaveCount(0)
})

/** The demo provider's public keys, from the jwks_uri its discovery names. */
async function providerJwks(page: Page): Promise<{ keys: Record<string, unknown>[] }> {
  const discovery = await page.request.get(`${IDP}/.well-known/openid-configuration`)
  const { jwks_uri } = (await discovery.json()) as { jwks_uri: string }
  return (await (await page.request.get(jwks_uri)).json()) as { keys: Record<string, unknown>[] }
}

test("a pasted token verifies with the provider's JWK pasted beside it, and not with another key", async ({
  page,
}) => {
  const token = await idTokenOfLogin(page)
  const { keys } = await providerJwks(page)
  const kid = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).kid
  const jwk = keys.find((key) => key.kid === kid)
  expect(jwk).toBeDefined()
  await openInspector(page)
  await page.getByTestId('token-paste').fill(token)
  const pasted = page.getByTestId('pasted-token')
  const key = page.getByTestId('token-key')
  const keyStatus = page.getByTestId('token-key-status')

  await key.fill(JSON.stringify(jwk, null, 2))
  await expect(keyStatus).toContainText(`Signature checked with the pasted key`)
  await expect(keyStatus).toContainText(`kid "${kid}"`)
  await expect(pasted).toHaveAttribute('data-status', 'valid')
  await expect(pasted.locator('[data-check="signature"]')).toContainText('with the pasted key')

  // Another RSA key under the same kid: the signature does not verify.
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    format: 'jwk',
  })
  await key.fill(JSON.stringify({ ...other, kid, alg: jwk?.alg }))
  await expect(pasted).toHaveAttribute('data-status', 'invalid')
  await expect(pasted.locator('[data-check="signature"]')).toHaveAttribute('data-ok', 'false')
  await expect(pasted.locator('[data-check="signature"]')).toContainText(
    'does not verify with the pasted key',
  )
  await expect(key).not.toHaveAttribute('aria-invalid', 'true')

  // The whole JWKS, but the token's kid is not in it: invalid, and the kids present are named.
  await key.fill(JSON.stringify({ keys: [{ ...other, kid: 'not-the-one' }] }))
  await expect(pasted).toHaveAttribute('data-status', 'invalid')
  await expect(keyStatus).toContainText(`kid "${kid}"; its kids: "not-the-one"`)
  await expect(key).toHaveAttribute('aria-invalid', 'true')

  // Cleared: the provider's keys again.
  await page.getByTestId('token-key-clear').click()
  await expect(keyStatus).toHaveCount(0)
  await expect(pasted).toHaveAttribute('data-status', 'valid')
  await expect(pasted.locator('[data-check="signature"]')).not.toContainText('pasted key')

  const stored = await page.evaluate(() =>
    [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join('\n'),
  )
  expect(stored).not.toContain(String(other.n))
  expect(page.url()).not.toContain(String(other.n).slice(0, 40))
})

test('the whole JWKS of the provider, pasted: the key is picked by the token kid', async ({
  page,
}) => {
  const token = await idTokenOfLogin(page)
  const jwks = await providerJwks(page)
  await openInspector(page)
  await page.getByTestId('token-paste').fill(token)
  await page.getByTestId('token-key').fill(JSON.stringify(jwks))
  await expect(page.getByTestId('token-key-status')).toContainText(
    `JWKS with ${jwks.keys.length} key`,
  )
  await expect(page.getByTestId('pasted-token')).toHaveAttribute('data-status', 'valid')
})
