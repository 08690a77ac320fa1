// The session probe against a real Keycloak 26.5.6, and 26.7.5 for the tests tagged @facts (realm
// acr-playground: bronze = password, silver = + OTP for 20 s, gold = + WebAuthn, which no user
// has), and the prompt=none facts it rests on. Each fact was measured first (over HTTP, then here
// through the playground).
import { readFileSync } from 'node:fs'

import type { Page } from '@playwright/test'

import {
  APP,
  authTimeShown,
  backInPlayground,
  essential,
  expect,
  importRealm,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requireKeycloak,
  signInAtKeycloak,
  test,
  untilSilverExpired,
} from '../support'
import { level, probe, startProbe, type Held } from '../session-probe'

requireKeycloak()
// Each test starts in a browser context of its own and depends on no other: the tests of this long
// file spread over the free workers instead of ending the tier in one.
test.describe.configure({ mode: 'parallel' })

async function expectLadder(page: Page, ladder: Record<string, [Held, string?]>) {
  for (const [acr, [held, error]] of Object.entries(ladder)) {
    await expect(level(page, acr), acr).toHaveAttribute('data-held', held)
    if (error)
      await expect(level(page, acr).getByTestId('session-probe-error-code')).toHaveText(error)
  }
}

/** A login of the playground with prompt=none and nothing else asked of the session. */
async function silentLogin(page: Page, params: Record<string, string>) {
  await openWith(page, keycloakLink({ prompt: 'none', ...params }))
  await page.getByTestId('login').click()
  await backInPlayground(page)
}

for (const mode of ['frame', 'redirect'] as const) {
  test.describe(`the session probe at Keycloak, ${mode === 'frame' ? 'in the hidden frame' : 'by redirects'}`, () => {
    test('no session: every level is not held, login_required', async ({ page }) => {
      await openWith(page, keycloakLink())
      await probe(page, mode)
      await expectLadder(page, {
        bronze: ['not-held', 'login_required'],
        silver: ['not-held', 'login_required'],
        gold: ['not-held', 'login_required'],
      })
      await expect(page.getByTestId('login-error')).toHaveCount(0)
    })

    test('bob at bronze: bronze held with his auth_time; silver and gold login_required', async ({
      page,
    }) => {
      await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
      const authTime = await authTimeShown(page)
      await probe(page, mode)

      await expectLadder(page, {
        bronze: ['held'],
        silver: ['not-held', 'login_required'],
        gold: ['not-held', 'login_required'],
      })
      await expect(level(page, 'bronze').getByTestId('session-probe-auth-time')).toHaveText(
        authTime,
      )
      await expect(page.getByTestId('history-item')).toHaveCount(1)
      if (mode === 'frame')
        expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
    })

    test('bob at silver (OTP): bronze and silver held; gold, whose WebAuthn he lacks, interaction_required @facts', async ({
      page,
    }) => {
      await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
      const authTime = await authTimeShown(page)
      await probe(page, mode) // within silver's 20 s

      await expectLadder(page, {
        bronze: ['held'],
        silver: ['held'],
        gold: ['not-held', 'interaction_required'],
      })
      for (const acr of ['bronze', 'silver'])
        await expect(level(page, acr).getByTestId('session-probe-auth-time')).toHaveText(authTime)
      await expect(page.getByTestId('session-probe-summary')).toContainText('silver (LoA 2)')
    })
  })
}

test('fact: above the session, prompt=none answers login_required whether the level is voluntary or essential (never a lower acr) @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
  await silentLogin(page, { acr_values: 'silver' })
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-error', 'login_required')
  await silentLogin(page, { claims: essential(['silver']) })
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-error', 'login_required')
  await silentLogin(page, { claims: essential(['silver', 'gold']) })
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-error', 'login_required')
})

test('fact: in a silver session an essential ["bronze"] alone is answered bronze; the probe’s ["bronze","silver","gold"] is answered silver, the session’s level @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
  // All of this within silver's 20 s.
  await silentLogin(page, { claims: essential(['bronze']) })
  expect((await received(page)).acr).toBe('bronze')
  await probe(page, 'frame')
  await expect(level(page, 'bronze')).toHaveAttribute('data-held', 'held')
  await expect(level(page, 'bronze').getByTestId('session-probe-received-acr')).toHaveText('silver')
})

test('fact: a probe is recorded in the client’s session like a login: its essential claims stay, and a later acr_values=bronze there is answered silver (before the probe: bronze) @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
  // All of this within silver's 20 s.
  await silentLogin(page, { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')
  await probe(page, 'frame')
  await expectLadder(page, { bronze: ['held'], silver: ['held'] })
  await silentLogin(page, { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('silver')
})

test('after a probe the realm prediction knows its claims stay in the client session: acr_values=bronze is predicted silver, and answered silver', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
  // The realm export, read once: kept in this tab like the history.
  await importRealm(
    page,
    readFileSync(new URL('../../../keycloak/realm-acr-playground.json', import.meta.url), 'utf8'),
  )
  // All of this within silver's 20 s.
  await probe(page, 'frame')
  await expectLadder(page, { bronze: ['held'], silver: ['held'] })
  await openWith(page, keycloakLink({ acr_values: 'bronze' }))
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-acr', 'silver')
  await page.getByTestId('login').click()
  await backInPlayground(page) // SSO: no page at Keycloak
  expect((await received(page)).acr).toBe('silver')
  await expect(page.getByTestId('prediction-check')).toHaveAttribute('data-agrees', 'true')
})

test('fact: silver counts for 20 s; after that silver is login_required and bronze still held, with the same auth_time @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })
  const authTime = await authTimeShown(page)
  await untilSilverExpired(page)
  await probe(page, 'frame')

  await expectLadder(page, {
    bronze: ['held'],
    silver: ['not-held', 'login_required'],
    gold: ['not-held', 'login_required'],
  })
  await expect(level(page, 'bronze').getByTestId('session-probe-auth-time')).toHaveText(authTime)
})

test('fact: alice lacks the OTP: for silver Keycloak shows its own page even under prompt=none; by redirects the browser stays there, and the probe says so when it comes back @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
  await startProbe(page, 'redirect')
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('body')).toContainText('credential setup required')

  await page.goto(APP)
  await expect(page.getByTestId('session-probe-summary')).toBeVisible()
  await expectLadder(page, { bronze: ['held'], silver: ['unknown'], gold: ['unknown'] })
  await expect(level(page, 'silver').getByTestId('session-probe-reason')).toContainText(
    "without the provider's answer for silver",
  )
  await expect(level(page, 'gold').getByTestId('session-probe-reason')).toHaveText(
    'Not probed: the run stopped at the level before.',
  )
})

/**
 * The support guard, but Keycloak's own refusal to be framed is expected here (it is the
 * evidence) rather than a failure; any other violation or uncaught error still fails the test.
 */
const framedKeycloakPage = test.extend<{ guard: void }>({
  // An override keeps the fixture automatic, as support.ts declares it.
  guard: async ({ page }, use) => {
    const problems: string[] = []
    const refusals: string[] = []
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    page.on('console', (message) => {
      const text = message.text()
      if (
        text.startsWith(
          `Framing '${KEYCLOAK}/' violates the following Content Security Policy directive: "frame-ancestors 'self'"`,
        )
      )
        refusals.push(text)
      else if (/Content.Security.Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`)
    })
    await use()
    expect(problems, 'no uncaught exception, no other CSP violation').toEqual([])
    expect(refusals.length, "Keycloak's page refused the playground's frame").toBeGreaterThan(0)
  },
})

framedKeycloakPage(
  'fact: the same in the hidden frame: Keycloak’s page refuses to be framed, and silver and gold are unknown, the page never left @facts',
  async ({ page }) => {
    await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
    await probe(page, 'frame')

    await expectLadder(page, { bronze: ['held'], silver: ['unknown'], gold: ['unknown'] })
    await expect(level(page, 'silver').getByTestId('session-probe-reason')).toContainText(
      'showed a page of its own',
    )
    expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
  },
)

framedKeycloakPage(
  'fact: one name Keycloak does not know in the list asked spoils that level and every level below it: “Invalid parameter: claims”, a page, unknown',
  async ({ page }) => {
    await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
    // A typed (or linked) map with a name the realm has not: every list asked holds it.
    await openWith(page, keycloakLink({ loa_map: '{"bronze":1,"silver":2,"platinum":3}' }))
    await probe(page, 'frame')

    await expectLadder(page, { bronze: ['unknown'], silver: ['unknown'], platinum: ['unknown'] })
    await expect(level(page, 'bronze').getByTestId('session-probe-reason')).toContainText(
      'Invalid parameter: claims',
    )
    await expect(page.getByTestId('session-probe-summary')).toContainText(
      'some answers are unknown',
    )
  },
)
