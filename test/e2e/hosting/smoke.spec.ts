// The site as nginx serves it (hosting/nginx.conf), used: a login, the session probe in its hidden
// frame (the silent page under its own header policy), and a plan. The demo tier itself runs once,
// against the e2e server; these show the headers nginx adds break none of the round trips.
import { APP, expect, received, signInAtDemo, test } from '../support'
import { runPlan } from '../plan-runner'
import { level, probe } from '../session-probe'
import { requireNginx } from './nginx'

requireNginx()

test('behind nginx: a silver login at the demo provider comes back satisfied, its ID token verified', async ({
  page,
}) => {
  expect(new URL(APP).port, 'the nginx project').toBe('4183')
  await signInAtDemo(page, 'bob', { acr_values: 'silver' }, { otp: true })
  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  // The JWKS fetch is allowed by the header policy's connect-src, not only the meta tag's.
  await expect(page.getByTestId('token-verification')).toHaveAttribute('data-status', 'valid')
})

test('behind nginx: the session probe runs in the hidden frame on the silent page', async ({
  page,
}) => {
  await signInAtDemo(page, 'alice', { acr_values: 'bronze' })
  await probe(page, 'frame')
  await expect(level(page, 'bronze')).toHaveAttribute('data-held', 'held')
  await expect(level(page, 'silver')).toHaveAttribute('data-held', 'not-held')
  await expect(level(page, 'silver').getByTestId('session-probe-error-code')).toHaveText(
    'login_required',
  )
})

test('behind nginx: npm run plan passes the demo plan, exit 0', async () => {
  test.setTimeout(180_000)
  const run = await runPlan('plans/demo.plan.json', { app: APP, users: 'plans/demo.users.json' })
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
  expect(run.report?.passed).toBe(4)
  expect(run.report?.failed).toBe(0)
})
