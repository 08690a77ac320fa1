// The headless plan runner (npm run plan) against the demo provider: the exit code and the table
// are what a CI job reads, so both are checked, for a plan that passes and for one that must not.
import { APP, expect, test } from '../support'
import { planVariant, runPlan } from '../plan-runner'

test.setTimeout(180_000)

/** Bob's demo secrets, as a CI job would pass them. */
const BOB = JSON.stringify({ bob: { password: 'bob', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } })

test('npm run plan: the demo plan passes, exit 0, and prints the report table', async () => {
  const run = await runPlan('plans/demo.plan.json', { app: APP, users: 'plans/demo.users.json' })
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
  expect(run.report?.passed).toBe(4)
  expect(run.stdout).toContain('| # | Step | User | Expected | Got | Result |')
  expect(run.stdout).toMatch(
    /^\| 2 \| silver asks the one-time code \| bob \| .* amr pwd otp.* \| passed \|$/m,
  )
})

test('a failed expectation: exit 1, and the table names the check that failed', async () => {
  const plan = planVariant('plans/demo.plan.json', (json) => {
    const steps = json.steps as { expect: Record<string, unknown> }[]
    steps[0]!.expect = { acr: 'silver' }
  })
  const run = await runPlan(plan, { app: APP, users: 'plans/demo.users.json' })
  expect(run.code, run.stderr).toBe(1)
  expect(run.report?.failed).toBe(1)
  expect(run.stdout).toMatch(/^\| 1 \| .*acr: expected silver, got bronze.* \| failed \|$/m)
})

test('credentials come from the environment too, never from the plan', async () => {
  const run = await runPlan('plans/demo.plan.json', {
    app: APP,
    env: {
      ACR_PLAN_PASSWORD_ALICE: 'alice',
      ACR_PLAN_USERS: BOB,
    },
  })
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
})

test('a wrong password: the step stops at the provider, the run goes on, exit 1', async () => {
  const run = await runPlan('plans/demo.plan.json', {
    app: APP,
    env: {
      ACR_PLAN_PASSWORD_ALICE: 'not-alices-password',
      ACR_PLAN_USERS: BOB,
    },
  })
  expect(run.code).toBe(1)
  expect(run.report?.steps.map((s) => s.status)).toEqual(['failed', 'passed', 'passed', 'failed'])
  expect(run.stdout).toMatch(/^\| 1 \| .*stopped on the provider's page.* \| failed \|$/m)
})

test('a plan the playground refuses: exit 2 with its reasons', async () => {
  const plan = planVariant('plans/demo.plan.json', (json) => {
    ;(json.steps as { expect: Record<string, unknown> }[])[0]!.expect = { loa: 'high' }
  })
  const run = await runPlan(plan, { app: APP, users: 'plans/demo.users.json' })
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('steps[1].expect.loa is not a level')
})
