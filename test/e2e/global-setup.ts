// Starts a real Keycloak for the e2e tier (in memory, on its own port) before any test runs.
// If it cannot start outside CI, the demo tier still runs and every Keycloak test fails with the
// reason (KEYCLOAK_UNAVAILABLE); in CI a Keycloak that cannot start fails the run at once.
import type { FullConfig } from '@playwright/test'

import { createResourceServer } from '../../demo-idp/resource-server.js'
import { KeycloakSetupError, REALM, startKeycloak } from '../../keycloak/run.mjs'

export const KEYCLOAK_E2E_PORT = 8180
/** The demo API again, this time trusting the e2e Keycloak's tokens. */
export const KEYCLOAK_API_PORT = 8181

export default async function globalSetup(config: FullConfig) {
  const wanted = config.projects.some((p) => p.name === 'keycloak')
  const only = process.argv.find((a) => a.startsWith('--project'))
  if (!wanted || (only && !process.argv.join(' ').includes('keycloak'))) return undefined
  console.log(`Starting Keycloak for the e2e tier on port ${KEYCLOAK_E2E_PORT} (in memory)…`)
  try {
    const keycloak = await startKeycloak({
      port: KEYCLOAK_E2E_PORT,
      inMemory: true,
      output: 'ignore',
    })
    console.log(`Keycloak ready in ${keycloak.seconds.toFixed(1)} s`)
    process.env.KEYCLOAK_START_SECONDS = keycloak.seconds.toFixed(1)
    const issuer = `${keycloak.url}/realms/${REALM}`
    const api = createResourceServer({
      issuer,
      jwksUri: `${issuer}/protocol/openid-connect/certs`,
      authorizedParty: 'acr-playground',
    }).listen(KEYCLOAK_API_PORT, 'localhost')
    return async () => {
      api.close()
      await keycloak.stop()
    }
  } catch (error) {
    const message = error instanceof KeycloakSetupError ? error.message : String(error)
    if (process.env.CI) throw error
    process.env.KEYCLOAK_UNAVAILABLE = message
    console.error(`\nThe Keycloak e2e tier cannot run: ${message}\n`)
    return undefined
  }
}
