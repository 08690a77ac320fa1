// The provider this tab talks to: its discovery document, keycloak-js set up for it, and the exact
// login URL on show. The only store that calls src/services/auth-client.ts to connect.
import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'

import { safeStorage, useStoredRef } from '@/composables/useStoredRef'
import type { AuthRequest } from '@/lib/request/auth-request'
import type { ProviderTarget } from '@/lib/session/history'
import { issuerOf } from '@/lib/session/login-flow'
import { STORAGE_KEY_DISCOVERY, STORAGE_KEY_KNOWN_PROVIDERS } from '@/lib/storage/storage-keys'
import * as authClient from '@/services/auth-client'
import { cacheIsFresh, readCachedDiscovery, type DiscoveryMetadata } from '@/lib/provider/discovery'
import { fetchDiscovery } from '@/services/discovery'

export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'failed'

interface Connected {
  ok: boolean
  /** keycloak-js found tokens (it exchanged a code in the page URL). */
  authenticated: boolean
  error?: string
}

function missingFields(target: ProviderTarget): string | null {
  if (target.mode === 'oidc' && (!target.issuer || !target.clientId))
    return 'Enter an issuer URL and a client ID.'
  if (target.mode === 'keycloak' && (!target.url || !target.realm || !target.clientId))
    return 'Enter the server URL, realm and client ID.'
  return null
}

export const useProviderStore = defineStore('provider', () => {
  const status = ref<ConnectionStatus>('idle')
  const connectionError = ref<string | null>(null)
  const metadata = shallowRef<DiscoveryMetadata | null>(null)
  /** The login URL on show, and the request it was made for. */
  const prepared = ref<{ url: string; state: string; requestKey: string } | null>(null)
  const prepareError = ref<string | null>(null)
  /** This tab's last discovery document: a return from the provider reuses it. */
  const cache = useStoredRef<{ issuer: string; at: number; metadata: DiscoveryMetadata } | null>(
    STORAGE_KEY_DISCOVERY,
    {
      read: (raw) => readCachedDiscovery(raw),
      write: (value) => (value ? JSON.stringify(value) : null),
    },
    { storage: safeStorage('session'), deep: false },
  ).value
  /** Issuers this browser connected to: a link that names one may connect without asking. */
  const known = useStoredRef<string[]>(
    STORAGE_KEY_KNOWN_PROVIDERS,
    {
      read: (raw) => {
        try {
          const list: unknown = raw === null ? [] : JSON.parse(raw)
          return Array.isArray(list)
            ? list.filter((i): i is string => typeof i === 'string').slice(0, 20)
            : []
        } catch {
          return []
        }
      },
      write: (list) => (list.length ? JSON.stringify(list) : null),
    },
    { deep: false },
  ).value
  function isKnown(target: ProviderTarget): boolean {
    return known.value.includes(issuerOf(target))
  }
  let connectRun = 0
  let prepareRun = 0

  async function discover(issuer: string) {
    if (cache.value?.issuer === issuer && cacheIsFresh(cache.value.at))
      return { ok: true as const, value: cache.value.metadata }
    const discovered = await fetchDiscovery(issuer)
    if (discovered.ok) cache.value = { issuer, at: Date.now(), metadata: discovered.value }
    return discovered
  }

  /**
   * Read the provider's metadata and set up keycloak-js for it; if the page URL holds a callback
   * for it, keycloak-js exchanges the code now. Later calls win over earlier ones.
   */
  async function connect(target: ProviderTarget, redirectUri: string): Promise<Connected> {
    // Already set up (for example by the login that just came back): keep its tokens.
    if (status.value === 'ready' && authClient.isConnectedTo(target))
      return { ok: true, authenticated: false }
    const run = ++connectRun
    status.value = 'connecting'
    connectionError.value = null
    prepared.value = null
    const missing = missingFields(target)
    if (missing) {
      status.value = 'failed'
      connectionError.value = missing
      return { ok: false, authenticated: false, error: missing }
    }
    const discovered = await discover(issuerOf(target))
    if (run !== connectRun) return { ok: false, authenticated: false, error: 'superseded' }
    if (!discovered.ok) {
      // Keycloak mode could build its URLs without discovery, but a realm that does not answer its
      // well-known document will not answer a login either: never "Ready" for it.
      status.value = 'failed'
      connectionError.value =
        target.mode === 'keycloak'
          ? `The realm does not answer: ${discovered.error} Check the server URL and the realm name (is Keycloak running? npm run keycloak starts one).`
          : discovered.error
      metadata.value = null
      return { ok: false, authenticated: false, error: discovered.error }
    }
    metadata.value = markRaw(discovered.value)
    const connected = await authClient.connect(target, metadata.value ?? undefined, redirectUri)
    if (run !== connectRun) return { ok: false, authenticated: false, error: 'superseded' }
    if (!connected.ok) {
      status.value = 'failed'
      connectionError.value = `keycloak-js could not start: ${connected.error}`
      return { ok: false, authenticated: false, error: connected.error }
    }
    status.value = 'ready'
    const issuer = issuerOf(target)
    if (!known.value.includes(issuer)) known.value = [issuer, ...known.value].slice(0, 20)
    return { ok: true, authenticated: connected.value.authenticated }
  }

  /** A clean start (a profile switch): a new keycloak-js instance even for the same provider. */
  function restart(target: ProviderTarget, redirectUri: string) {
    status.value = 'idle'
    return connect(target, redirectUri)
  }

  /** Make the exact login URL for a request, so the user sees it before sending it. */
  async function prepare(request: AuthRequest, redirectUri: string) {
    if (status.value !== 'ready') return
    const run = ++prepareRun
    const made = await authClient.createLoginUrl(request, redirectUri)
    if (run !== prepareRun) return
    if (made.ok) {
      prepared.value = { ...made.value, requestKey: JSON.stringify(request) }
      prepareError.value = null
    } else {
      prepared.value = null
      prepareError.value = made.error
    }
  }

  /** Take the URL for `request`, making it first if the one on show is for another request. */
  async function takeLoginUrl(request: AuthRequest, redirectUri: string) {
    if (prepared.value?.requestKey !== JSON.stringify(request)) await prepare(request, redirectUri)
    const taken = prepared.value
    if (taken) authClient.releaseLoginUrl()
    return taken
  }

  /** The provider's logout URL for this session (keycloak-js adds id_token_hint). */
  function logoutUrl(redirectUri: string) {
    return authClient.logoutUrl(redirectUri)
  }

  /** Forget the cached discovery document (Forget everything). */
  function forget() {
    cache.value = null
    known.value = []
    authClient.forgetCallbackEntries({ keepCurrent: false })
    prepared.value = null
  }

  return {
    status,
    connectionError,
    metadata,
    prepared,
    prepareError,
    connect,
    restart,
    isKnown,
    prepare,
    takeLoginUrl,
    logoutUrl,
    forget,
  }
})
