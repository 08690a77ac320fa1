// Everything that reads a realm export, in one chunk: loaded only once a realm is known, so the
// first page does not carry it.
import { versionOf } from './keycloak-version'
import { lintRealm } from './realm-lint'
import type { StepUpModel } from './realm-model'

export { parseRealmExport } from './realm-model'
export { predictLogin } from './predict'
export { isBrokered } from './broker-login'
export { lintRealm }

/** The realm lint, quoting the facts of the version the realm store keeps (versionOf). */
export function lintRealmAt(model: StepUpModel, versionText: string, serverUrl: string) {
  return lintRealm(model, versionOf(versionText, serverUrl).recorded)
}

/** What the prediction assumes of the SSO session, from this tab's history alone. */
export function sessionAssumption(seen: boolean): string {
  return seen
    ? 'The SSO session this tab last saw is assumed alive; a logout or expiry elsewhere is not visible here.'
    : 'No SSO session seen in this tab: assumed none (a session from another tab would change this).'
}
