// How `npm test` tells the e2e tier about the Keycloaks it is starting in the background: one file
// per port in test-results/, written once the Keycloak answers ({"ready": true}) or could not start
// ({"reason": "…"}). The e2e workers of a project on that Keycloak wait for its file, so the other
// projects run meanwhile.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

const RESULTS = resolve(import.meta.dirname, '../../test-results')

/** The variable that lists the Keycloak URLs `npm test` is starting (comma-separated). */
export const STARTING_VARIABLE = 'KEYCLOAK_E2E_STARTING'

const stateFile = (url) => resolve(RESULTS, `keycloak-${new URL(url).port}.state.json`)

/** @param {string} url @param {{ ready: true } | { reason: string }} state */
export function writeKeycloakState(url, state) {
  writeFileSync(stateFile(url), JSON.stringify(state))
}

/** @param {string} url @returns {{ ready?: true, reason?: string } | undefined} */
export function readKeycloakState(url) {
  const file = stateFile(url)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
}

/** Whether `npm test` is starting the Keycloak at this URL (the global setup leaves it alone). */
export function startedByNpmTest(url, env = process.env) {
  return (env[STARTING_VARIABLE] ?? '').split(',').includes(url)
}
