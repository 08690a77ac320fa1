// Everything that reads a realm export, in one chunk: loaded only once a realm is known, so the
// first page does not carry it.
export { parseRealmExport } from './realm-model'
export { predictLogin } from './predict'
export { lintRealm } from './realm-lint'
export { isBrokered } from './broker-login'
