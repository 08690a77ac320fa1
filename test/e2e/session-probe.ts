// The session probe's panel, as both e2e tiers drive it.
import type { Page } from '@playwright/test'

import { expect } from './support'

export type Held = 'held' | 'not-held' | 'unknown'

export async function openProbe(page: Page) {
  const panel = page.getByTestId('session-probe-panel')
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click()
  await expect(page.getByTestId('session-probe-run')).toBeVisible()
}

export async function startProbe(page: Page, mode: 'frame' | 'redirect') {
  await openProbe(page)
  await page.getByTestId('session-probe-mode').selectOption(mode)
  await page.getByTestId('session-probe-run').click()
}

/** Run the probe and wait until every level has its answer (by redirects: back on this page). */
export async function probe(page: Page, mode: 'frame' | 'redirect') {
  await startProbe(page, mode)
  await expect(page.getByTestId('session-probe-summary')).toBeVisible({ timeout: 30_000 })
}

export const level = (page: Page, acr: string) =>
  page.locator(`[data-testid="session-probe-level"][data-level="${acr}"]`)
