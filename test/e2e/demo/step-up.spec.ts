import {
  authTimeOf,
  backInPlayground,
  demo,
  expect,
  received,
  signInAtDemo,
  test,
  untilSecond,
} from '../support'

test('step-up from LoA 1 to 2 asks only for the one-time code, and the history shows what changed', async ({
  page,
}) => {
  await signInAtDemo(page, 'bob', { acr_values: 'bronze' })
  expect(await received(page)).toEqual({ acr: 'bronze', loa: '1', verdict: 'satisfied' })
  const firstAuthTime = await page.getByTestId('auth-time').textContent()
  const firstAuthTimeSeconds = await authTimeOf(page)

  await expect(page.getByTestId('step-up')).toHaveText('Step up to silver (LoA 2)')
  await page.getByTestId('step-up').click()
  await page.waitForURL('http://localhost:9400/**')
  await expect(page.getByRole('heading', { name: 'One-time code' })).toBeVisible()
  await expect(page.locator('#password')).toHaveCount(0)
  await untilSecond(firstAuthTimeSeconds + 1) // auth_time has a one-second grain
  await demo.otp(page)
  await backInPlayground(page)

  expect(await received(page)).toEqual({ acr: 'silver', loa: '2', verdict: 'satisfied' })
  expect(await page.getByTestId('auth-time').textContent()).not.toBe(firstAuthTime)

  const items = page.getByTestId('history-select')
  await expect(items).toHaveCount(2)
  await items.nth(0).check()
  await items.nth(1).check()
  const diff = page.getByTestId('history-diff')
  await expect(diff.locator('[data-name="acr"]')).toContainText('bronze')
  await expect(diff.locator('[data-name="acr"]')).toContainText('silver')
  await expect(diff.locator('[data-name="LoA"]')).toContainText('2')
  await expect(diff.locator('[data-name="id_token.auth_time"]')).toBeVisible()
  await expect(diff.locator('[data-name="id_token.amr"]')).toContainText('"otp"')

  await page.getByTestId('history-clear').click()
  await expect(page.getByTestId('history-item')).toHaveCount(0)
})
