// Starts the real Keycloaks of the e2e tier (each on its own port and a fresh copy of its database
// template: keycloak/run.mjs) before any test runs: one per Keycloak target the selected projects
// name (test/e2e/keycloak-target.ts), all at once, each with the demo API trusting its tokens. When `npm test` starts them (in the background, while
// the checks and the other projects run: KEYCLOAK_E2E_STARTING), it starts only the demo APIs, and
// the workers of a Keycloak project wait until theirs answers (test/e2e/keycloak-state.mjs).
// If one cannot start outside CI, the other tiers still run and every test on that Keycloak fails
// with the reason (KEYCLOAK_UNAVAILABLE_<port>); in CI a Keycloak that cannot start fails the run.
import type { FullConfig } from '@playwright/test'

import { createResourceServer } from '../../demo-idp/resource-server.js'
import { E2E_COPY, KeycloakSetupError, REALM, startKeycloak } from '../../keycloak/run.mjs'
import { startedByNpmTest } from './keycloak-state.mjs'
import { type KeycloakTarget, portOf, unavailableVariable } from './keycloak-target'

/** The projects this run selected: `--project a --project=b` (globs as Playwright reads them). */
function selectedProjects(config: FullConfig): string[] {
  const names: string[] = []
  const argv = process.argv
  argv.forEach((arg, i) => {
    if (arg === '--project' && argv[i + 1]) names.push(argv[i + 1]!)
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length))
  })
  if (!names.length) return config.projects.map((p) => p.name)
  const matches = (name: string, pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(
      name,
    )
  return config.projects
    .map((p) => p.name)
    .filter((name) => names.some((pattern) => matches(name, pattern)))
}

/** Each Keycloak the selected projects use, once. */
export function wantedTargets(config: FullConfig): KeycloakTarget[] {
  const selected = new Set(selectedProjects(config))
  const targets = new Map<string, KeycloakTarget>()
  for (const project of config.projects) {
    const target = (project.use as { keycloak?: KeycloakTarget }).keycloak
    if (target && selected.has(project.name)) targets.set(target.url, target)
  }
  return [...targets.values()]
}

/** Keycloak up, or the reason it is not; the demo API for it either way. */
async function bringUp(target: KeycloakTarget) {
  let stop = async () => {}
  if (startedByNpmTest(target.url)) {
    // npm test is starting it in the background; the project's workers wait for it (support.ts).
    console.log(`Keycloak ${target.version} on ${target.url}: npm test starts it`)
  } else {
    console.log(`Starting Keycloak ${target.version} on ${target.url} (a fresh database)…`)
    const keycloak = await startKeycloak({
      version: target.version,
      copy: E2E_COPY,
      port: portOf(target.url),
      fresh: true,
      output: 'ignore',
      log: (line: string) => console.log(`[Keycloak ${target.version}] ${line}`),
    })
    console.log(`Keycloak ${target.version} ready in ${keycloak.seconds.toFixed(1)} s`)
    stop = keycloak.stop
  }
  const issuer = `${target.url}/realms/${REALM}`
  const api = createResourceServer({
    issuer,
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    authorizedParty: 'acr-playground',
  }).listen(portOf(target.api), 'localhost')
  return async () => {
    api.close()
    await stop()
  }
}

export default async function globalSetup(config: FullConfig) {
  const targets = wantedTargets(config)
  const results = await Promise.allSettled(targets.map(bringUp))
  const stops = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
  const teardown = async () => {
    await Promise.all(stops.map((stop) => stop()))
  }
  for (const [i, result] of results.entries()) {
    if (result.status === 'fulfilled') continue
    const target = targets[i]!
    const error: unknown = result.reason
    if (process.env.CI) {
      await teardown()
      throw error
    }
    const message = error instanceof KeycloakSetupError ? error.message : String(error)
    process.env[unavailableVariable(target)] = message
    console.error(`\nThe e2e tier on Keycloak ${target.version} cannot run: ${message}\n`)
  }
  return teardown
}
