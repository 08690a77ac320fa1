// Reads the realm live through Keycloak's admin REST API with the signed-in user's access token
// (it needs realm-management's view-realm and view-clients), and assembles an export-shaped realm.
// Bounded: at most MAX_CALLS requests, CONCURRENCY at a time, each timed out; every URL is built
// under the configured server and redirects are refused. Keycloak answers CORS on these endpoints
// for the token's allowed-origins (the client's Web origins): verified on 26.5.6.
import {
  assembleRealm,
  flowsToExpand,
  missingRoles,
  readExecutions,
  type AdminCall,
} from '@/lib/keycloak/admin-realm'
import { decodeJwt } from '@/lib/tokens/jwt'
import { versionOfServerInfo, withServer } from '@/lib/keycloak/keycloak-version'
import type { ProviderTarget } from '@/lib/session/history'
import { err, ok, type Result } from '@/lib/core/result'

const ADMIN_LIMITS = { maxCalls: 60, concurrency: 4, timeoutMs: 10_000 } as const

type Answer =
  { ok: true; value: unknown } | { ok: false; status: number; call: AdminCall; message: string }

/** Run `tasks` with at most `limit` at once; results in the tasks' order. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

function failure(answers: Answer[], realmUrl: string): string | null {
  const failed = answers.filter((a): a is Extract<Answer, { ok: false }> => !a.ok)
  if (!failed.length) return null
  if (failed.some((a) => a.status === 401))
    return (
      'Keycloak refused the access token (HTTP 401): it has expired or was revoked. ' +
      'Refresh the tokens or log in again, then read again.'
    )
  const refused = failed.filter((a) => a.status === 403)
  if (refused.length) {
    const roles = missingRoles(refused.map((a) => a.call))
    return (
      `Keycloak answered 403 to ${refused.length} of the admin calls: your user lacks ` +
      `${roles.join(' / ')} of realm-management (client roles of the realm ${realmUrl}; ` +
      'Users → your user → Role mapping → Assign role → Filter by clients).'
    )
  }
  return failed[0]!.message
}

/** A GET of the admin API with the token: JSON asked, no cookie, no cache, no redirect, timed out. */
function adminFetch(url: string, accessToken: string, fetchImpl: typeof fetch): Promise<Response> {
  return fetchImpl(url, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    cache: 'no-store',
    credentials: 'omit',
    redirect: 'error',
    signal: AbortSignal.timeout(ADMIN_LIMITS.timeoutMs),
  })
}

/**
 * The admin API's URLs for the realm and for the server info, or why the server URL, the realm or
 * the client is not usable.
 */
function adminRoot(
  keycloakUrl: string,
  realm: string,
  clientId: string,
): Result<{ realm: URL; serverInfo: URL }> {
  let base: URL
  try {
    base = new URL(keycloakUrl)
  } catch {
    return err(`The Keycloak server URL "${keycloakUrl}" is not a URL.`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    return err('The Keycloak server URL must be http(s).')
  if (!realm || !clientId) return err('Enter the realm and the client ID first.')
  const admin = `${base.origin}${base.pathname.replace(/\/+$/, '')}/admin`
  return ok({
    realm: new URL(`${admin}/realms/${encodeURIComponent(realm)}`),
    serverInfo: new URL(`${admin}/serverinfo`),
  })
}

/**
 * The reader's one way to call Keycloak: a GET of a path under the realm's admin URL, refused for
 * any other URL (the token goes nowhere else) and past MAX_CALLS. Never throws.
 */
function adminGetter(root: URL, accessToken: string, fetchImpl: typeof fetch) {
  let calls = 0
  async function get(call: AdminCall, path: string): Promise<Answer> {
    const url = `${root.href}${path}`
    // Built from the server URL and encoded segments; checked anyway.
    const parsed = new URL(url)
    if (parsed.origin !== root.origin || !parsed.pathname.startsWith(root.pathname))
      return {
        ok: false,
        status: 0,
        call,
        message: `Refused to call ${url}: not under ${root.href}.`,
      }
    if (++calls > ADMIN_LIMITS.maxCalls)
      return {
        ok: false,
        status: 0,
        call,
        message: `Stopped after ${ADMIN_LIMITS.maxCalls} admin calls: the realm has more flows than this reader follows.`,
      }
    let response: Response
    try {
      response = await adminFetch(url, accessToken, fetchImpl)
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
      return {
        ok: false,
        status: 0,
        call,
        message: timedOut
          ? `${url} did not answer within ${ADMIN_LIMITS.timeoutMs / 1000} s.`
          : `The browser got no readable answer from ${url}: CORS blocked it (Keycloak allows the admin API ` +
            "only from the token's allowed origins: add this page's origin to the client's Web origins), " +
            'or Keycloak is unreachable. An expired token also looks like this: Keycloak sends its 401 ' +
            'without CORS headers.',
      }
    }
    if (!response.ok)
      return {
        ok: false,
        status: response.status,
        call,
        message: `${url} answered HTTP ${response.status}.`,
      }
    try {
      return { ok: true, value: (await response.json()) as unknown }
    } catch {
      return { ok: false, status: response.status, call, message: `${url} did not answer JSON.` }
    }
  }
  return { get, calls: () => calls }
}

/** The sub-flows (those not already read as top-level flows) and configs the listings name. */
function referencedIds(listings: Answer[], topLevel: unknown[]) {
  const known = new Set(
    topLevel.map((f) =>
      typeof f === 'object' && f !== null ? (f as Record<string, unknown>).id : undefined,
    ),
  )
  const flowIds = new Set<string>()
  const configIds = new Set<string>()
  for (const listing of listings) {
    const found = readExecutions(listing.ok ? listing.value : [])
    for (const id of found.flowIds) if (!known.has(id)) flowIds.add(id)
    for (const id of found.configIds) configIds.add(id)
  }
  return { flowIds: [...flowIds], configIds: [...configIds] }
}

/**
 * GET the realm through the admin API and assemble what decides step-up into the shape of an
 * export: the realm and its client first, then the executions of the flows that serve it, then
 * the sub-flows and configs those name. Never throws.
 */
async function readRealmLive(
  keycloakUrl: string,
  realm: string,
  clientId: string,
  accessToken: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<{ representation: unknown; notes: string[]; version: Result<string> }>> {
  const root = adminRoot(keycloakUrl, realm, clientId)
  if (!root.ok) return root
  const { get, calls } = adminGetter(root.value.realm, accessToken, fetchImpl)
  const realmUrl = `${root.value.realm.origin}/realms/${realm}`
  const q = encodeURIComponent
  const notes: string[] = []
  // Keycloak's version, beside the realm: its own call, whose failure is only a note.
  const version = readServerVersion(root.value.serverInfo, accessToken, fetchImpl)
  const first = await pool(
    [
      () => get('realm', ''),
      () => get('client', `/clients?clientId=${q(clientId)}`),
      () => get('flows', '/authentication/flows'),
      () => get('clientScopes', '/client-scopes'),
      () => get('requiredActions', '/authentication/required-actions'),
      () => get('policies', '/client-policies/policies'),
      () => get('profiles', '/client-policies/profiles?include-global-profiles=true'),
    ],
    ADMIN_LIMITS.concurrency,
  )
  const failed = failure(first, realmUrl)
  if (failed) return err(failed)
  const [realmRep, clients, flows, clientScopes, requiredActions, policies, profiles] = first.map(
    (a) => (a.ok ? a.value : undefined),
  )
  // Only its alias and enabled flag are read: a 403 (it needs view-identity-providers) is a note.
  const providers = await get('identityProviders', '/identity-provider/instances')
  if (!providers.ok)
    notes.push(
      providers.status === 403
        ? 'Identity providers were not read: that needs view-identity-providers of realm-management.'
        : `Identity providers were not read: ${providers.message}`,
    )
  const client = Array.isArray(clients) ? (clients as unknown[])[0] : undefined
  if (!client) notes.push(`Keycloak has no client "${clientId}" in the realm ${realm}.`)

  const topLevel = Array.isArray(flows) ? (flows as unknown[]) : []
  const expand = flowsToExpand(realmRep, client, profiles, topLevel)
  const listings = await pool(
    expand.map((alias) => () => get('executions', `/authentication/flows/${q(alias)}/executions`)),
    ADMIN_LIMITS.concurrency,
  )
  const listingFailed = failure(listings, realmUrl)
  if (listingFailed) return err(listingFailed)
  const { flowIds, configIds } = referencedIds(listings, topLevel)
  const details = await pool(
    [
      ...flowIds.map((id) => () => get('flow', `/authentication/flows/${q(id)}`)),
      ...configIds.map((id) => () => get('config', `/authentication/config/${q(id)}`)),
    ],
    ADMIN_LIMITS.concurrency,
  )
  const detailsFailed = failure(details, realmUrl)
  if (detailsFailed) return err(detailsFailed)
  const subFlows = details.slice(0, flowIds.length).map((a) => (a.ok ? a.value : undefined))
  const configs = details.slice(flowIds.length).map((a) => (a.ok ? a.value : undefined))

  const representation = assembleRealm({
    realm: realmRep,
    clients: client ? [client] : [],
    flows: [...topLevel, ...subFlows],
    configs,
    clientScopes,
    requiredActions,
    policies,
    profiles,
    ...(providers.ok ? { identityProviders: providers.value } : {}),
  })
  notes.push(
    `Read live with ${calls()} admin calls: the client ${clientId} only (not the realm's other clients), ` +
      'the flows that serve it, and their Level of Authentication settings.',
  )
  return ok({ representation, notes, version: await version })
}

/**
 * GET the admin API's server info (`/admin/serverinfo`) with the signed-in user's token and read
 * Keycloak's version from it. Keycloak answers any realm admin (one realm-management role), but
 * includes `systemInfo.version` only for a token that may manage the realm (manage-realm): an
 * error then says so. Never throws.
 */
async function readServerVersion(
  url: URL,
  accessToken: string,
  fetchImpl: typeof fetch,
): Promise<Result<string>> {
  let response: Response
  try {
    response = await adminFetch(url.href, accessToken, fetchImpl)
  } catch {
    return err(
      `The browser got no readable answer from ${url.href} (CORS, or Keycloak unreachable).`,
    )
  }
  if (response.status === 403)
    return err(
      'Keycloak refused the server info (HTTP 403): the token holds no realm-management role.',
    )
  if (!response.ok) return err(`${url.href} answered HTTP ${response.status}.`)
  try {
    const version = versionOfServerInfo(await response.json())
    return version
      ? ok(version.text)
      : err(
          'Keycloak did not tell its version: that needs manage-realm of realm-management. Pick it below.',
        )
  } catch {
    return err(`${url.href} did not answer JSON.`)
  }
}

/**
 * The realm panel's live read: refuses an expired token before any call, reads the realm and
 * Keycloak's version, and returns the export-shaped text, the version state to store (see
 * keycloak-version.ts) and what to show of the read. Never throws.
 */
export async function readLive(
  target: ProviderTarget,
  accessToken: string,
  versionText: string,
  fetchImpl?: typeof fetch,
): Promise<
  Result<{
    exportText: string
    versionText: string
    live: { username: string; notes: string[]; versionNote: string | null }
  }>
> {
  if (target.mode !== 'keycloak')
    return err('Reading the realm live needs the Keycloak mode (server URL and realm).')
  const decoded = decodeJwt(accessToken)
  const claims = decoded.ok ? decoded.value.payload : {}
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now())
    return err(
      'The access token has expired: refresh the tokens or log in again, then read the realm again.',
    )
  const read = await readRealmLive(
    target.url,
    target.realm,
    target.clientId,
    accessToken,
    fetchImpl,
  )
  if (!read.ok) return read
  const { version, notes, representation } = read.value
  const username = claims.preferred_username
  return ok({
    exportText: JSON.stringify(representation),
    versionText: version.ok ? withServer(versionText, target.url, version.value) : versionText,
    live: {
      username: typeof username === 'string' ? username : '(a user without preferred_username)',
      notes,
      versionNote: version.ok ? null : version.error,
    },
  })
}
