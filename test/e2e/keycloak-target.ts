// Which Keycloak an e2e project talks to. The e2e tier runs two versions at once (keycloak/run.mjs,
// KEYCLOAK_VERSIONS): the whole Keycloak tier on the first, and on the second the specs tagged
// @facts (the plans, and the tests the README facts tables mark ✓ for it). A project names its
// target in `use: { keycloak: … }`; the global setup starts one Keycloak per target, and the
// helpers in support.ts read the target of the project they run in (never a fixed port).
import { KEYCLOAK_VERSIONS } from '../../keycloak/run.mjs'

export interface KeycloakTarget {
  /** Keycloak's version, e.g. 26.5.6. */
  version: string
  /** Its base URL: http://localhost:<port>. */
  url: string
  /** The demo API that trusts this Keycloak's tokens (demo-idp/resource-server.js). */
  api: string
}

/** Spec titles with this tag also run on the second Keycloak version. */
export const FACTS_TAG = '@facts'

function target(version: string, port: number, apiPort: number): KeycloakTarget {
  return { version, url: `http://localhost:${port}`, api: `http://localhost:${apiPort}` }
}

/** 26.5.6 on 8180 (its demo API on 8181), the newest 26.x on 8190 (8191). */
export const KEYCLOAK_TARGETS = [
  target(KEYCLOAK_VERSIONS[0]!, 8180, 8181),
  target(KEYCLOAK_VERSIONS[1]!, 8190, 8191),
] as const

export const portOf = (url: string) => Number(new URL(url).port)

/** The reason a target's Keycloak could not start, as the global setup passes it to the workers. */
export const unavailableVariable = (target: KeycloakTarget) =>
  `KEYCLOAK_UNAVAILABLE_${portOf(target.url)}`
