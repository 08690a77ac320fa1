// Profiles against the demo provider: named configurations, a clean start at each switch, kept over
// a reload, carried by an export file into another browser, and never lost to a damaged entry.
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises'

import type { Page } from '@playwright/test'

import {
  backInPlayground,
  demo,
  expect,
  IDP,
  openWith,
  received,
  requestUrl,
  seedStorage,
  startLogin,
  test,
} from '../support'
import { axeViolations } from '../axe'

const PROFILES_KEY = 'acr-playground:profiles'
const CONFIG_KEY = 'acr-playground:config'

async function acrValues(page: Page) {
  return (await requestUrl(page)).searchParams.get('acr_values')
}

async function openTools(page: Page) {
  if (!(await page.getByTestId('profile-save-as').isVisible()))
    await page.getByTestId('profile-tools').click()
  await expect(page.getByTestId('profile-save-as')).toBeVisible()
}

async function saveAsNew(page: Page, name: string) {
  await openTools(page)
  await page.getByTestId('profile-save-as').click()
  await page.getByTestId('profile-name').fill(name)
  await page.getByTestId('profile-name-save').click()
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText(name)
}

/** The ACR list becomes exactly `value`. */
async function askFor(page: Page, value: string) {
  await page.getByTestId('acr-input').fill(value)
  await page.getByTestId('acr-add').click()
  const others = page.getByTestId('acr-item').filter({ hasNotText: value })
  while ((await others.count()) > 0) await others.first().getByTestId('acr-remove').click()
  await expect.poll(() => acrValues(page)).toBe(value)
}

async function switchTo(page: Page, name: string) {
  await page.getByTestId('profile-select').selectOption({ label: name })
  await expect(page.getByTestId('profile-message')).toContainText(`Now on "${name}"`)
}

const optionNames = (page: Page) => page.getByTestId('profile-select').locator('option')

test('two profiles: a switch brings each one’s request, a login gets the active one’s acr, a reload keeps them', async ({
  page,
}) => {
  await openWith(page)
  await expect(optionNames(page)).toHaveText(['Default'])
  await saveAsNew(page, 'Gold')
  await askFor(page, 'gold')

  await switchTo(page, 'Default')
  await expect.poll(() => acrValues(page)).toBe('silver')
  await switchTo(page, 'Gold')
  await expect.poll(() => acrValues(page)).toBe('gold')

  await startLogin(page)
  await demo.password(page, 'bob')
  await demo.otp(page)
  await demo.securityKey(page)
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'gold', loa: '3', verdict: 'satisfied' })
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText('Gold')

  // Back to the first profile: its request, and nothing of the login that was (a clean start).
  await switchTo(page, 'Default')
  await expect(page.getByTestId('answer')).toHaveCount(0)
  await expect.poll(() => acrValues(page)).toBe('silver')
  expect((await requestUrl(page)).origin).toBe(IDP)

  await page.reload()
  await expect(optionNames(page)).toHaveText(['Default', 'Gold'])
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText('Default')
  await expect.poll(() => acrValues(page)).toBe('silver')
  await switchTo(page, 'Gold')
  await expect.poll(() => acrValues(page)).toBe('gold')
})

test('export, then import in a fresh browser: the profiles are back, each with its request', async ({
  page,
  browser,
}) => {
  await openWith(page)
  await saveAsNew(page, 'Gold')
  await askFor(page, 'gold')
  const download = page.waitForEvent('download')
  await page.getByTestId('profile-export').click()
  const file = await download
  expect(file.suggestedFilename()).toBe('acr-playground-profiles.json')
  const text = await readFile((await file.path()) ?? '', 'utf8')
  expect(JSON.parse(text)).toMatchObject({ acrPlaygroundProfiles: 1 })
  expect(text).not.toContain('apiUrl')

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await openWith(other)
    await expect(optionNames(other)).toHaveText(['Default'])
    await openTools(other)
    await other.getByTestId('profile-import').setInputFiles({
      name: 'acr-playground-profiles.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    })
    const result = other.getByTestId('profile-import-result')
    await expect(result.locator('[data-outcome="unchanged"]')).toContainText('"Default"')
    await expect(result.locator('[data-outcome="imported"]')).toContainText(
      `"Gold" (provider ${IDP})`,
    )
    await expect(optionNames(other)).toHaveText(['Default', 'Gold'])
    await switchTo(other, 'Gold')
    await expect.poll(() => acrValues(other)).toBe('gold')
  } finally {
    await fresh.close()
  }
})

test('a share link opened while Gold is on show opens beside it; Gold is as it was', async ({
  page,
}) => {
  await openWith(page)
  await saveAsNew(page, 'Gold')
  await askFor(page, 'gold')

  await openWith(page, { acr_values: 'bronze', max_age: '60' })
  await expect(page.getByTestId('link-notice')).toBeVisible()
  await expect(page.getByTestId('link-workspace')).toHaveAttribute('data-saved', 'false')
  await expect(page.getByTestId('profile-select').locator('option:checked')).toHaveText(
    'From a link: localhost:9400 · acr-playground (unsaved)',
  )
  await expect.poll(() => acrValues(page)).toBe('bronze')

  await switchTo(page, 'Gold')
  await expect.poll(() => acrValues(page)).toBe('gold')
  expect((await requestUrl(page)).searchParams.get('max_age')).toBeNull()
  await switchTo(page, 'Default')
  await expect.poll(() => acrValues(page)).toBe('silver')
})

test('a configuration stored before profiles becomes the profile "Default", unchanged', async ({
  page,
}) => {
  await seedStorage(page, {
    // The oldest format: the fields at the top level, no version.
    [CONFIG_KEY]: JSON.stringify({ acrValues: ['gold'], loginHint: 'old-bob' }),
  })
  await openWith(page)
  await expect(optionNames(page)).toHaveText(['Default'])
  await expect.poll(() => acrValues(page)).toBe('gold')
  expect((await requestUrl(page)).searchParams.get('login_hint')).toBe('old-bob')
  await expect(page.getByTestId('profile-problems')).toHaveCount(0)
})

test.describe('a damaged profiles entry in localStorage', () => {
  async function openWithStored(page: Page, profiles: string) {
    await seedStorage(page, {
      [CONFIG_KEY]: JSON.stringify({
        version: 1,
        config: { acrValues: ['gold'], clientId: 'acr-playground' },
      }),
      [PROFILES_KEY]: profiles,
    })
    await openWith(page)
  }

  test('unreadable: a clear message, the text kept aside, the configuration on show untouched', async ({
    page,
  }) => {
    const corrupt = '{"version":1,"active":"p2","profiles":[{"id":"p1","name":"Wo'
    await openWithStored(page, corrupt)
    const notice = page.getByTestId('profile-problems')
    await expect(notice).toContainText('The saved profiles are not readable (not JSON)')
    await expect(notice).toContainText(`${PROFILES_KEY}:unreadable`)
    expect(
      await page.evaluate((key) => localStorage.getItem(key), `${PROFILES_KEY}:unreadable`),
    ).toBe(corrupt)
    await expect(optionNames(page)).toHaveText(['Default'])
    await expect.poll(() => acrValues(page)).toBe('gold')
  })

  test('partly damaged: the readable profiles load, the broken one is named', async ({ page }) => {
    const partly = JSON.stringify({
      version: 1,
      active: 'p1',
      profiles: [
        { id: 'p1', name: 'Work', config: { acrValues: ['gold'] } },
        { id: 'p2', name: 'Bronze', config: { acrValues: ['bronze'], issuer: 'javascript:x' } },
        { id: 'p3', name: 42, config: {} },
      ],
    })
    await openWithStored(page, partly)
    const notice = page.getByTestId('profile-problems')
    await expect(notice).toContainText('#3 was left out: its name is not text')
    await expect(notice).toContainText('Profile "Bronze": the saved issuer')
    await expect(optionNames(page)).toHaveText(['Work', 'Bronze'])
    await switchTo(page, 'Bronze')
    await expect.poll(() => acrValues(page)).toBe('bronze')
    expect((await requestUrl(page)).origin).toBe(IDP)
  })
})

test('axe-core finds no violation in the profile tools, an import report and a storage notice, light and dark', async ({
  page,
}) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await seedStorage(page, { [PROFILES_KEY]: '{"version":1,"profiles":[7]}' })
    await openWith(page)
    await expect(page.getByTestId('profile-problems')).toBeVisible()
    await openTools(page)
    await page.getByTestId('profile-save-as').click()
    await page.getByTestId('profile-name').fill('x'.repeat(3))
    await page.getByTestId('profile-import').setInputFiles({
      name: 'p.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          acrPlaygroundProfiles: 1,
          profiles: [
            { name: 'Gold', config: { acrValues: ['gold'], apiUrl: 'https://elsewhere.example' } },
            { name: '', config: {} },
          ],
        }),
      ),
    })
    await expect(page.getByTestId('profile-import-result').locator('li[data-outcome]')).toHaveCount(
      2,
    )
    expect(await axeViolations(page), `profile tools, ${scheme}`).toEqual([])
  }
})
