// The session probe against the demo provider (oidc-provider): which levels the SSO session holds,
// asked with prompt=none once per level, in the hidden frame and by redirects.
import type { Page } from '@playwright/test'

import {
  authTimeShown,
  backInPlayground,
  expect,
  openWith,
  received,
  requestUrl,
  signInAtDemo,
  startLogin,
  test,
} from '../support'
import { axeViolations } from '../axe'
import { level, probe, type Held } from '../session-probe'

async function expectLadder(page: Page, ladder: Record<string, Held>) {
  for (const [acr, held] of Object.entries(ladder))
    await expect(level(page, acr), acr).toHaveAttribute('data-held', held)
  await expect(page.getByTestId('session-probe-level')).toHaveCount(Object.keys(ladder).length)
}

for (const mode of ['frame', 'redirect'] as const) {
  test.describe(`the session probe, ${mode === 'frame' ? 'in the hidden frame' : 'by redirects'}`, () => {
    test('no session: every level is not held, login_required', async ({ page }) => {
      await openWith(page)
      await probe(page, mode)

      await expectLadder(page, { bronze: 'not-held', silver: 'not-held', gold: 'not-held' })
      for (const acr of ['bronze', 'silver', 'gold'])
        await expect(level(page, acr).getByTestId('session-probe-error-code')).toHaveText(
          'login_required',
        )
      await expect(page.getByTestId('session-probe-summary')).toContainText('none of these levels')
      await expect(page.getByTestId('session-probe-auth-time')).toHaveCount(0)
      await expect(page.getByTestId('login-error')).toHaveCount(0)
    })

    test('alice at bronze (password): bronze held with her auth_time, silver and gold not held', async ({
      page,
    }) => {
      await signInAtDemo(page, 'alice', { acr_values: 'bronze' })
      const authTime = await authTimeShown(page)
      await probe(page, mode)

      await expectLadder(page, { bronze: 'held', silver: 'not-held', gold: 'not-held' })
      await expect(level(page, 'bronze').getByTestId('session-probe-auth-time')).toHaveText(
        authTime,
      )
      await expect(level(page, 'bronze').getByTestId('session-probe-received-acr')).toHaveText(
        'bronze',
      )
      await expect(level(page, 'silver').getByTestId('session-probe-error-code')).toHaveText(
        'login_required',
      )
      await expect(page.getByTestId('session-probe-summary')).toContainText('bronze (LoA 1)')
      // The probe is no login: the history has alice's login only, and no error was raised.
      await expect(page.getByTestId('history-item')).toHaveCount(1)
      await expect(page.getByTestId('login-error')).toHaveCount(0)
      if (mode === 'frame') {
        // In the frame the page is never left: the login result on show is still alice's.
        expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
      }
    })

    test('bob at silver (password and one-time code): bronze and silver held, gold not held', async ({
      page,
    }) => {
      await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
      const authTime = await authTimeShown(page)
      await probe(page, mode)

      await expectLadder(page, { bronze: 'held', silver: 'held', gold: 'not-held' })
      for (const acr of ['bronze', 'silver'])
        await expect(level(page, acr).getByTestId('session-probe-auth-time')).toHaveText(authTime)
      // Asked for bronze and every level above, the provider names the session's own level.
      await expect(level(page, 'bronze').getByTestId('session-probe-received-acr')).toHaveText(
        'silver',
      )
      await expect(page.getByTestId('session-probe-summary')).toContainText('silver (LoA 2)')
      await expect(
        page.getByTestId('session-probe-level').getByTestId('session-probe-answer'),
      ).toContainText([mode, mode, mode])
    })
  })
}

test('the probe and its rows pass axe-core, light and dark', async ({ page }) => {
  await signInAtDemo(page, 'alice', { acr_values: 'bronze' })
  await probe(page, 'frame')
  await expectLadder(page, { bronze: 'held', silver: 'not-held', gold: 'not-held' })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    expect(await axeViolations(page), `session probe, ${scheme}`).toEqual([])
  }
})

test('why each level is asked with every level above it: oidc-provider refuses an essential list without the session’s acr', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
  // A silver session asked, under prompt=none, for bronze alone as essential: not a code.
  await openWith(page, {
    prompt: 'none',
    claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['bronze'] } } }),
  })
  expect((await requestUrl(page)).searchParams.get('acr_values')).toBeNull()
  await page.getByTestId('login').click()
  await backInPlayground(page)
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-error', 'login_required')

  // The probe asks ["bronze","silver","gold"]: the same session holds bronze.
  await probe(page, 'frame')
  await expect(level(page, 'bronze')).toHaveAttribute('data-held', 'held')
})

test('the silent page, framed by the playground, hands it its URL', async ({ page }) => {
  await openWith(page)
  const silent = new URL('silent-probe.html', page.url()).href
  const posted = await page.evaluate(
    (src) =>
      new Promise<string>((resolve) => {
        const frame = document.createElement('iframe')
        frame.hidden = true
        addEventListener('message', (event) => {
          if (event.source === frame.contentWindow) resolve(String(event.data))
        })
        frame.src = `${src}#state=s&code=c`
        document.body.append(frame)
        setTimeout(() => resolve('(nothing within 5 s)'), 5000)
      }),
    silent,
  )
  expect(posted).toBe(`${silent}#state=s&code=c`)
})

test('the silent page opened by itself goes back to the playground and keeps nothing', async ({
  page,
}) => {
  await openWith(page)
  await page.goto(new URL('silent-probe.html#state=s&code=c', page.url()).href)
  await expect(page.getByTestId('login')).toBeVisible()
  expect(new URL(page.url()).hash).toBe('')
  // No probe was under way: the answer is not kept (PROBE_CALLBACK_KEY).
  expect(
    await page.evaluate(() => sessionStorage.getItem('acr-playground:session-probe:callback')),
  ).toBeNull()
  await startLogin(page) // the page works as ever
})
