// Reading the realm live through Keycloak's admin REST API with the signed-in user's access token:
// dave holds realm-management's view-realm and view-clients, alice holds nothing. The page's origin
// is in the client's Web origins, so Keycloak answers the browser's CORS requests.
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import { expect, paste, requireKeycloak, signInAtKeycloak, test } from '../support'

requireKeycloak()

const EXPORT = readFileSync(
  new URL('../../../keycloak/realm-acr-playground.json', import.meta.url),
  'utf8',
)

async function openRealmPanel(page: Page) {
  const panel = page.getByTestId('realm-panel')
  if (!(await panel.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await panel.locator(':scope > summary').click()
}

/** What the panel shows of the model: the map's source, the summary, each level's row. */
async function shownModel(page: Page) {
  const levels = page.getByTestId('realm-level')
  const rows = []
  for (let i = 0; i < (await levels.count()); i++) {
    const row = levels.nth(i)
    rows.push({
      loa: await row.getAttribute('data-loa'),
      acr: await row.getAttribute('data-acr'),
      text: (await row.innerText()).replace(/\s+/g, ' ').trim(),
    })
  }
  return {
    loaSource: await page.getByTestId('loa-source').getAttribute('data-source'),
    summary: ((await page.getByTestId('realm-summary').textContent()) ?? '').replace(/\s+/g, ' '),
    rows,
  }
}

test('dave reads the realm live: the ladder and a prediction, as from the export file', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'dave', { acr_values: 'bronze' })
  await openRealmPanel(page)
  await page.getByTestId('realm-live').click()

  await expect(page.getByTestId('realm-live-read')).toContainText('with the token of dave')
  const levels = page.getByTestId('realm-level')
  await expect(levels).toHaveCount(3)
  await expect(levels.nth(0)).toHaveAttribute('data-acr', 'bronze')
  await expect(levels.nth(1)).toHaveAttribute('data-acr', 'silver')
  await expect(levels.nth(2)).toHaveAttribute('data-acr', 'gold')
  await expect(levels.nth(2)).toHaveAttribute('data-loa', '3')
  await expect(page.getByTestId('prediction')).toBeVisible()
  await expect(page.getByTestId('realm-import-error')).toHaveCount(0)
  const live = await shownModel(page)
  expect(live.loaSource).toBe('realm')
  expect(live.summary).toContain('flow browser step-up')

  // The same realm from the export file shows the same model.
  await paste(page.getByTestId('realm-import'), EXPORT)
  await page.getByTestId('realm-import-run').click()
  await expect(page.getByTestId('realm-live-read')).toHaveCount(0)
  await expect(levels).toHaveCount(3)
  expect(await shownModel(page)).toEqual(live)
})

test('alice, without realm-management roles, is told which roles she lacks', async ({ page }) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
  await openRealmPanel(page)
  await page.getByTestId('realm-live').click()

  const error = page.getByTestId('realm-import-error')
  await expect(error).toContainText('403')
  await expect(error).toContainText('lacks view-realm / view-clients of realm-management')
  await expect(page.getByTestId('realm-level')).toHaveCount(0)
})
