import type { Page } from '@playwright/test'

import { expect, openTool, openWith, signInAtDemo, test } from '../support'

// The token inspector is mounted by App.vue inside <details data-testid="token-inspector">.
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
