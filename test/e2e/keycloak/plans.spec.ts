// The headless plan runner against a real Keycloak: one plan per realm shape, each step a real
// login; the runner exits 0 only when every expectation held. Tagged @facts: on every version.
import { APP, expect, keycloakPlan, requireKeycloak, test } from '../support'
import { runPlan } from '../plan-runner'

requireKeycloak()

for (const realm of ['acr-playground', 'acr-urls', 'acr-numeric']) {
  test(`npm run plan: the ${realm} plan passes against Keycloak, every step, exit 0 @facts`, async () => {
    test.setTimeout(240_000)
    const run = await runPlan(keycloakPlan(`plans/keycloak-${realm}.plan.json`), {
      app: APP,
      users: 'plans/keycloak.users.json',
    })
    expect(run.stderr, run.stdout).not.toContain('threw')
    expect(run.report, `${run.stdout}\n${run.stderr}`).not.toBeNull()
    expect(run.report?.failed, run.stdout).toBe(0)
    expect(run.report?.pending).toBe(0)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^\| 1 \| .* \| passed \|$/m)
  })
}
