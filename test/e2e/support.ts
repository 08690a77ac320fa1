import { readFileSync } from 'node:fs'

import { expect, test as base, type Page } from '@playwright/test'

import { totp } from '../../demo-idp/totp.js'

/** The playground under test: the project's baseURL (the nginx project serves it on another port). */
export let APP = 'http://localhost:4180/acr-playground/'
export const IDP = 'http://localhost:9400'

/**
 * Every e2e test fails on an uncaught exception or a Content-Security-Policy violation in the
 * playground, whatever else it checks.
 */
export const test = base.extend<{ guard: void }, { app: void }>({
  app: [
    async ({}, use, workerInfo) => {
      APP = workerInfo.project.use.baseURL ?? APP
      await use()
    },
    { scope: 'worker', auto: true },
  ],
  guard: [
    async ({ page }, use) => {
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text()))
          problems.push(`CSP: ${message.text()}`)
      })
      await use()
      expect(problems, 'no uncaught exception, no CSP violation').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Open the playground with a share link (the public contract) and wait until it can log in. */
export async function openWith(page: Page, params: Record<string, string> = {}) {
  const query = new URLSearchParams(params).toString()
  await page.goto(query ? `${APP}?${query}` : APP)
  // A link naming a provider this browser never used waits for the user's click.
  const connect = page.getByTestId('link-connect')
  await expect(page.getByTestId('auth-request-url').or(connect)).toBeVisible()
  if (await connect.isVisible()) await connect.click()
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  await openCompose(page)
}

/** Open a tool (a disclosure below the first screen, by its hook); it stays open over reloads. */
export async function openTool(page: Page, testid: string) {
  const tool = page.getByTestId(testid)
  if (!(await tool.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await tool.locator(':scope > summary').click()
}

/** Open "Compose more" (the editors below the first screen); it stays open over reloads. */
export async function openCompose(page: Page) {
  const compose = page.getByTestId('compose-more')
  if (!(await compose.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await compose.locator(':scope > summary').click()
  await expect(page.getByTestId('acr-input')).toBeVisible()
}

export async function requestUrl(page: Page): Promise<URL> {
  return new URL((await page.getByTestId('auth-request-url').textContent()) ?? '')
}

export async function startLogin(page: Page) {
  await page.getByTestId('login').click()
  await page.waitForURL(`${IDP}/**`)
}

/** The demo provider's pages. */
export const demo = {
  async password(page: Page, user: string, password = user) {
    await page.locator('#username').fill(user)
    await page.locator('#password').fill(password)
    await page.getByTestId('idp-submit').click()
  },
  async otp(page: Page) {
    const code = (await page.getByTestId('idp-current-otp').textContent()) ?? ''
    await page.locator('#otp').fill(code)
    await page.getByTestId('idp-submit').click()
  },
  async securityKey(page: Page) {
    await expect(page.getByRole('heading', { name: 'Security key' })).toBeVisible()
    await page.getByTestId('idp-submit').click()
  },
}

/** Back in the playground with a result or an error. */
export async function backInPlayground(page: Page) {
  await page.waitForURL(`${APP}**`)
  // The verdict is always rendered with a result; received-acr is empty (so, hidden) without acr.
  await expect(page.getByTestId('acr-verdict').or(page.getByTestId('login-error'))).toBeVisible()
}

export async function received(page: Page) {
  return {
    acr: await page.getByTestId('received-acr').textContent(),
    loa: await page.getByTestId('received-loa').textContent(),
    verdict: await page.getByTestId('acr-verdict').getAttribute('data-verdict'),
  }
}

export const KEYCLOAK = 'http://localhost:8180'

/** The OTP secrets the realm file provisions (Keycloak keeps them raw: the key is their UTF-8 bytes). */
const realm = JSON.parse(
  readFileSync(new URL('../../keycloak/realm-acr-playground.json', import.meta.url), 'utf8'),
) as {
  users: { username: string; credentials: { type: string; secretData?: string }[] }[]
}
function otpSecret(user: string): Buffer {
  const credential = realm.users
    .find((u) => u.username === user)
    ?.credentials.find((c) => c.type === 'otp')
  if (!credential?.secretData) throw new Error(`${user} has no OTP in the realm file`)
  return Buffer.from((JSON.parse(credential.secretData) as { value: string }).value, 'utf8')
}

/** The realm's acr.loa.map, as a user would share it in a link. */
export const REALM_LOA_MAP = '{"bronze":1,"silver":2,"gold":3}'

/** A share link's parameters for the e2e Keycloak, plus the scenario's own. */
export function keycloakLink(params: Record<string, string> = {}) {
  return {
    url: KEYCLOAK,
    realm: 'acr-playground',
    client_id: 'acr-playground',
    loa_map: REALM_LOA_MAP,
    ...params,
  }
}

/** Keycloak's own login pages (the keycloak.v2 theme). */
export const kc = {
  async password(page: Page, user: string, password = user) {
    await expect(page.locator('#password')).toBeVisible()
    // On a re-authentication (prompt=login, max_age) Keycloak shows the user name fixed.
    if (await page.locator('#username').count()) await page.locator('#username').fill(user)
    await page.locator('#password').fill(password)
    await page.locator('#kc-login').click()
  },
  async otp(page: Page, user: string) {
    await expect(page.locator('#otp')).toBeVisible()
    await page.locator('#otp').fill(totp(otpSecret(user)))
    await page.locator('#kc-login').click()
  },
}

/** Fail every Keycloak test with the reason when the global setup could not start Keycloak. */
export function requireKeycloak() {
  test.beforeAll(() => {
    const reason = process.env.KEYCLOAK_UNAVAILABLE
    if (reason) throw new Error(`The Keycloak e2e tier needs a running Keycloak: ${reason}`)
  })
}

/** Through the playground to Keycloak and back: open a link, log in, give the password (and the OTP). */
export async function signInAtKeycloak(
  page: Page,
  user: string,
  params: Record<string, string>,
  { otp = false } = {},
) {
  await openWith(page, keycloakLink(params))
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await kc.password(page, user)
  if (otp) await kc.otp(page, user)
  await backInPlayground(page)
}

/** Through the playground to the demo provider and back: open a link, log in, password (and code). */
export async function signInAtDemo(
  page: Page,
  user: string,
  params: Record<string, string>,
  { otp = false } = {},
) {
  await openWith(page, params)
  await startLogin(page)
  await demo.password(page, user)
  if (otp) await demo.otp(page)
  await backInPlayground(page)
}

/** An essential acr claims request for `values`, as the `claims` link parameter carries it. */
export const essential = (values: string[]) =>
  JSON.stringify({ id_token: { acr: { essential: true, values } } })

/** Paste a realm export into the realm panel and read it (the panel opens by itself once known). */
export async function importRealm(page: Page, exportText: string) {
  const panel = page.getByTestId('realm-panel')
  if (!(await panel.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await panel.locator(':scope > summary').click()
  await page.getByTestId('realm-import').fill(exportText)
  await page.getByTestId('realm-import-run').click()
  await expect(page.getByTestId('realm-level').first()).toBeVisible()
}

/** The login's auth_time as the result shows it, without its age. */
export async function authTimeShown(page: Page) {
  return ((await page.getByTestId('auth-time').textContent()) ?? '').split('(')[0]!.trim()
}
