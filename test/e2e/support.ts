import { readFileSync } from 'node:fs'

import {
  type APIRequestContext,
  expect,
  type Locator,
  test as base,
  type Page,
} from '@playwright/test'

import { totp } from '../../demo-idp/totp.js'
import { readKeycloakState, startedByNpmTest } from './keycloak-state.mjs'
import { planVariant } from './plan-runner'
import { KEYCLOAK_TARGETS, type KeycloakTarget, unavailableVariable } from './keycloak-target'

export { FACTS_TAG, type KeycloakTarget } from './keycloak-target'

/** The playground under test: the project's baseURL (the nginx project serves it on another port). */
export let APP = 'http://localhost:4180/acr-playground/'
export const IDP = 'http://localhost:9400'

/** Longer than startKeycloak's own deadline (600 s), after which npm test records why it failed. */
const KEYCLOAK_START_WAIT = 630_000

/** The Keycloak under test: the project's `use.keycloak` (26.5.6 on 8180 unless it names another). */
export let KEYCLOAK = KEYCLOAK_TARGETS[0].url
/** The demo API that trusts that Keycloak's tokens. */
export let KEYCLOAK_API = KEYCLOAK_TARGETS[0].api

/**
 * Every e2e test fails on an uncaught exception or a Content-Security-Policy violation in the
 * playground, whatever else it checks. A spec that needs the Keycloak version asks for `keycloak`.
 */
export const test = base.extend<{ guard: void }, { app: void; keycloak: KeycloakTarget }>({
  keycloak: [KEYCLOAK_TARGETS[0], { scope: 'worker', option: true }],
  app: [
    async ({ keycloak }, use, workerInfo) => {
      APP = workerInfo.project.use.baseURL ?? APP
      KEYCLOAK = keycloak.url
      KEYCLOAK_API = keycloak.api
      // A project on a Keycloak that npm test is still starting: wait until it answers (or cannot).
      const named = (workerInfo.project.use as { keycloak?: KeycloakTarget }).keycloak
      if (named && startedByNpmTest(named.url)) {
        await expect
          .poll(() => readKeycloakState(named.url), {
            message: `npm test starts Keycloak ${named.version} on ${named.url}`,
            timeout: KEYCLOAK_START_WAIT,
            intervals: [500],
          })
          .toBeDefined()
        const reason = readKeycloakState(named.url)?.reason
        if (reason) process.env[unavailableVariable(named)] = reason
      }
      await use()
    },
    { scope: 'worker', auto: true, timeout: KEYCLOAK_START_WAIT + 30_000 },
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

let seeds = 0

/**
 * What this browser had stored before the next load of the playground: that load starts with
 * exactly `items` in localStorage, written by an init script before any of the page's own scripts.
 * Written with evaluate() into a running playground instead, the page's own pending writes could
 * land after them, and the next load took those for another tab's ("changed in another tab").
 */
export async function seedStorage(page: Page, items: Record<string, string>) {
  const token = `seed-${++seeds}`
  await page.addInitScript(
    ({ token, items, origin }) => {
      if (window !== window.top || location.origin !== origin) return
      const applied: string[] = JSON.parse(sessionStorage.getItem('e2e:seeds') ?? '[]')
      if (applied.includes(token)) return
      sessionStorage.setItem('e2e:seeds', JSON.stringify([...applied, token]))
      localStorage.clear()
      for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value)
    },
    { token, items, origin: new URL(APP).origin },
  )
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

/** The OTP secrets the realm file provisions (Keycloak keeps them raw: the key is their UTF-8 bytes). */
const realm = JSON.parse(
  readFileSync(new URL('../../keycloak/realm-acr-playground.json', import.meta.url), 'utf8'),
) as {
  users: { username: string; credentials: { type: string; secretData?: string }[] }[]
  authenticatorConfig: { config: Record<string, string> }[]
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

/**
 * A plan file (plans/keycloak-*.plan.json, written for 26.5.6 on port 8180) aimed at the Keycloak
 * under test: the same file, or a copy whose profiles name this Keycloak.
 */
export function keycloakPlan(plan: string): string {
  const written = KEYCLOAK_TARGETS[0].url
  if (KEYCLOAK === written) return plan
  let aimed = 0
  const path = planVariant(plan, (json) => {
    for (const profile of Object.values(json.profiles as Record<string, Record<string, string>>))
      for (const key of ['url', 'issuer'] as const)
        if (profile[key]?.startsWith(written)) {
          profile[key] = KEYCLOAK + profile[key].slice(written.length)
          aimed++
        }
  })
  if (!aimed) throw new Error(`${plan} names no profile at ${written}`)
  return path
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

/** Headers that carry a token of this project's Keycloak admin (admin/admin, master realm). */
export async function keycloakAdminHeaders(request: APIRequestContext) {
  const token = await request.post(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' },
  })
  expect(token.ok()).toBe(true)
  return { Authorization: `Bearer ${(await token.json()).access_token as string}` }
}

/** Fail every Keycloak test with the reason when the global setup could not start its Keycloak. */
export function requireKeycloak() {
  test.beforeAll(({ keycloak }) => {
    const reason = process.env[unavailableVariable(keycloak)]
    if (reason)
      throw new Error(
        `The Keycloak e2e tier needs a running Keycloak ${keycloak.version}: ${reason}`,
      )
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

/**
 * Paste a long text (the realm exports here) into a field as a user's paste reaches the page: one
 * `input` event carrying the whole text. Playwright's fill() types it through Chromium's editor,
 * which takes about a second for a 12 KB export on two cores; the app sees the same event either way.
 */
export async function paste(field: Locator, text: string) {
  await expect(field).toBeEditable()
  await field.evaluate((element, value) => {
    const input = element as HTMLTextAreaElement
    input.focus()
    input.value = value
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }))
  }, text)
  // A textarea keeps its line breaks as \n.
  await expect(field).toHaveValue(text.replace(/\r\n?/g, '\n'))
}

/** Paste a realm export into the realm panel and read it (the panel opens by itself once known). */
export async function importRealm(page: Page, exportText: string) {
  const panel = page.getByTestId('realm-panel')
  if (!(await panel.evaluate((d) => (d as unknown as { open: boolean }).open)))
    await panel.locator(':scope > summary').click()
  await paste(page.getByTestId('realm-import'), exportText)
  await page.getByTestId('realm-import-run').click()
  await expect(page.getByTestId('realm-level').first()).toBeVisible()
}

/** The login's auth_time as the result shows it, without its age. */
export async function authTimeShown(page: Page) {
  return ((await page.getByTestId('auth-time').textContent()) ?? '').split('(')[0]!.trim()
}

/** The login's auth_time in seconds since the epoch, read from the result (`2026-12-07 02:30:00 UTC`). */
export async function authTimeOf(page: Page): Promise<number> {
  const shown = await authTimeShown(page)
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/.exec(shown)
  if (!match) throw new Error(`auth_time is not shown as a time: "${shown}"`)
  return Date.parse(`${match[1]}T${match[2]}Z`) / 1000
}

/**
 * Wait until the clock reads `epochSeconds` or later, in whole seconds, as the providers compare
 * times (`auth_time` has a one-second grain): a condition, not a fixed sleep.
 */
export async function untilSecond(epochSeconds: number) {
  const wait = () => epochSeconds * 1000 - Date.now()
  await expect
    .poll(() => Math.floor(Date.now() / 1000), {
      message: `the clock reaches ${new Date(epochSeconds * 1000).toISOString()}`,
      timeout: Math.max(wait(), 0) + 5_000,
      intervals: [Math.min(Math.max(wait(), 50), 1_000), 50],
    })
    .toBeGreaterThanOrEqual(epochSeconds)
}

/** The silver level's max age in the realm acr-playground (its loa-max-age), in seconds. */
export const SILVER_MAX_AGE = Number(
  realm.authenticatorConfig.find((c) => c.config['loa-condition-level'] === '2')?.config[
    'loa-max-age'
  ],
)

/**
 * Wait until Keycloak no longer counts the silver level of the login on show. Keycloak holds a level
 * while `level time + max age >= now` (whole seconds), and the level's time may be the second after
 * the ID token's auth_time: so the second auth_time + max age + 2.
 */
export async function untilSilverExpired(page: Page) {
  await untilSecond((await authTimeOf(page)) + SILVER_MAX_AGE + 2)
}
