// Each scenario asserts what a real Keycloak does with the project's realm (26.5.6, and 26.7.5
// for the tests tagged @facts), and what the playground shows. Where Keycloak surprised us, the
// test says so: the server is the truth.
import {
  APP,
  authTimeOf,
  backInPlayground,
  essential,
  expect,
  kc,
  KEYCLOAK,
  keycloakLink,
  openWith,
  received,
  requestUrl,
  requireKeycloak,
  signInAtKeycloak,
  test,
  untilSecond,
  untilSilverExpired,
} from '../support'

requireKeycloak()
// Each test starts in a browser context of its own and depends on no other: the tests of this long
// file spread over the free workers instead of ending the tier in one.
test.describe.configure({ mode: 'parallel' })

async function loginAt(page: import('@playwright/test').Page) {
  await page.getByTestId('login').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
}

test('baseline: bob asks acr_values=silver, gives password and OTP, gets silver at LoA 2', async ({
  page,
}) => {
  await openWith(page, keycloakLink({ acr_values: 'silver' }))
  expect((await requestUrl(page)).origin).toBe(KEYCLOAK)
  await loginAt(page)
  await kc.password(page, 'bob')
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  await expect(page.getByTestId('access-token-acr')).toContainText('silver')
})

test('SSO re-login without a level: Keycloak answers bronze (not 0 or 1), and the playground says the session was reused @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })
  expect((await received(page)).acr).toBe('bronze')

  await untilSecond((await authTimeOf(page)) + 2) // auth_time visibly older than the next login
  await page.getByTestId('acr-remove').click()
  await page.getByTestId('login').click()
  await backInPlayground(page)
  // With Level of Authentication conditions in the flow, the SSO session keeps its level and
  // Keycloak maps it through acr.loa.map: "bronze". ("0" is what a flow without them gives.)
  expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'not-requested' })
  await expect(page.locator('[data-testid="hint"][data-hint="sso-reused"]')).toContainText(
    'reused your SSO session',
  )
})

test('voluntary acr_values=gold for password-only alice: Keycloak does not downgrade, it stops on its error page @facts', async ({
  page,
}) => {
  await openWith(page, keycloakLink({ acr_values: 'gold' }))
  await loginAt(page)
  await kc.password(page, 'alice')
  await expect(page.locator('body')).toContainText('credential setup required')
  expect(page.url()).toContain(KEYCLOAK)

  await page.goto(APP)
  const error = page.getByTestId('login-error')
  await expect(error).toContainText('never came back')
  await expect(error).toContainText('the user lacks a factor of the level')
})

test('essential gold alice cannot meet: Keycloak error page, and on return the playground explains why @facts', async ({
  page,
}) => {
  await openWith(page, keycloakLink({ claims: essential(['gold']) }))
  await loginAt(page)
  await kc.password(page, 'alice')
  await expect(page.locator('body')).toContainText('credential setup required')

  await page.goto(APP)
  const error = page.getByTestId('login-error')
  await expect(error).toContainText('never came back')
  await expect(error).toContainText('gold (essential)')
  await expect(page.getByTestId('history-outcome').first()).toHaveText('never came back')
})

test('prompt=none when the level needs the user: Keycloak answers login_required, which keycloak-js drops and the playground explains @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })

  await openWith(page, keycloakLink({ prompt: 'none', acr_values: 'silver' }))
  await page.getByTestId('login').click()
  await backInPlayground(page)
  const error = page.getByTestId('login-error')
  // Recorded fact for Keycloak 26.5.6 and 26.7.5: a step-up under prompt=none is login_required.
  await expect(error).toHaveAttribute('data-error', 'login_required')
  await expect(error).toContainText('The user would have to log in')
  await expect(error).toContainText('keycloak-js reported nothing')
})

test('prompt=none with an essential level alice can never reach: Keycloak shows its error page anyway @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'alice', { acr_values: 'bronze' })

  await openWith(page, keycloakLink({ prompt: 'none', claims: essential(['gold']) }))
  await page.getByTestId('login').click()
  // Recorded fact for Keycloak 26.5.6 and 26.7.5: no redirect back, although prompt=none forbids any page.
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('body')).toContainText('credential setup required')
  await page.goto(APP)
  await expect(page.getByTestId('login-error')).toContainText('never came back')
})

test('step-up bronze to silver: only the OTP is asked, acr and auth_time change, the history diff shows it @facts', async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'bronze' })
  expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })

  await untilSecond((await authTimeOf(page)) + 1) // auth_time has a one-second grain
  await page.getByTestId('step-up').click()
  await page.waitForURL(`${KEYCLOAK}/**`)
  await expect(page.locator('#otp')).toBeVisible()
  await expect(page.locator('#password')).toHaveCount(0)
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })

  await page.getByTestId('history-select').nth(0).check()
  await page.getByTestId('history-select').nth(1).check()
  const diff = page.getByTestId('history-diff')
  await expect(diff.locator('[data-name="acr"]')).toContainText('bronze')
  await expect(diff.locator('[data-name="acr"]')).toContainText('silver')
  await expect(diff.locator('[data-name="id_token.auth_time"]')).toBeVisible()
})

test("LoA expiry: after silver's 20 s max age Keycloak asks the OTP again (not the password) @facts", async ({
  page,
}) => {
  await signInAtKeycloak(page, 'bob', { acr_values: 'silver' }, { otp: true })

  await page.getByTestId('login').click()
  await backInPlayground(page) // within the max age: no page at all
  expect((await received(page)).acr).toBe('silver')

  await untilSilverExpired(page)
  await loginAt(page)
  await expect(page.locator('#otp')).toBeVisible()
  await expect(page.locator('#password')).toHaveCount(0)
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect((await received(page)).acr).toBe('silver')
  // max_age=0 re-asking every factor: realm-shapes.spec.ts "max_age=0 inside a silver session".
})

for (const order of ['gold silver', 'silver gold']) {
  test(`several acr_values (${order}): Keycloak runs the lowest level, silver, in either order @facts`, async ({
    page,
  }) => {
    await openWith(page, keycloakLink({ acr_values: order }))
    await loginAt(page)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob') // no WebAuthn page follows
    await backInPlayground(page)
    expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
    await expect(
      page.locator('[data-testid="hint"][data-hint="several-acr-values"]'),
    ).toContainText('lowest')
  })
}

test('the client with Minimum ACR silver: a bronze request still yields silver @facts', async ({
  page,
}) => {
  await openWith(
    page,
    keycloakLink({ client_id: 'acr-playground-min-silver', acr_values: 'bronze' }),
  )
  await loginAt(page)
  await kc.password(page, 'bob')
  await kc.otp(page, 'bob')
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
})

test('"value" instead of "values": the playground warns before sending; Keycloak honours it @facts', async ({
  page,
}) => {
  await openWith(
    page,
    keycloakLink({ claims: '{"id_token":{"acr":{"essential":true,"value":"silver"}}}' }),
  )
  await expect(
    page.getByTestId('claims-problems').locator('[data-severity="warning"]'),
  ).toContainText('"value"')
  expect((await requestUrl(page)).searchParams.get('claims')).toBe(
    '{"id_token":{"acr":{"essential":true,"value":"silver"}}}',
  )
  await loginAt(page)
  await kc.password(page, 'bob')
  await kc.otp(page, 'bob') // the level was read: Keycloak asks for the OTP
  await backInPlayground(page)
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
})
