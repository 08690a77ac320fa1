// A provider's OpenID configuration (OpenID Connect Discovery 1.0, section 3), checked before use:
// every endpoint the playground may navigate to or send a token to must be an http(s) URL.

import { err, ok, type Result } from '../core/result'

export interface DiscoveryMetadata {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  end_session_endpoint?: string
  userinfo_endpoint?: string
  jwks_uri?: string
  acr_values_supported?: string[]
  claims_parameter_supported?: boolean
  claims_supported?: string[]
  [key: string]: unknown
}

/** The endpoints the playground navigates to or sends tokens to. */
const ENDPOINT_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'end_session_endpoint',
] as const

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
}

function isHttpUrl(value: string): boolean {
  const url = URL.parse(value)
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:')
}

/** Check a discovery document. Never throws; names every endpoint it rejects. */
export function parseDiscovery(body: unknown, where: string): Result<DiscoveryMetadata> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return err(`${where} is not a JSON object: is it an OpenID Provider?`)
  const metadata = body as Partial<DiscoveryMetadata>
  if (
    typeof metadata.authorization_endpoint !== 'string' ||
    typeof metadata.token_endpoint !== 'string'
  ) {
    return err(`${where} has no authorization_endpoint or token_endpoint.`)
  }
  const rejected = ENDPOINT_FIELDS.filter((field) => {
    const value = metadata[field]
    return value !== undefined && (typeof value !== 'string' || !isHttpUrl(value))
  })
  if (rejected.length > 0) {
    return err(
      `${where} names ${rejected.join(', ')} that ${rejected.length > 1 ? 'are not http(s) URLs' : 'is not an http(s) URL'}; ` +
        'the playground does not go there. Check the provider.',
    )
  }
  return ok(metadata as DiscoveryMetadata)
}

/** How long this tab reuses a provider's discovery document. */
const DISCOVERY_CACHE_MS = 10 * 60_000

/** Is a document cached at `at` still to be reused at `now`? (Not from the future, not too old.) */
export function cacheIsFresh(at: number, now = Date.now()): boolean {
  return at <= now && now - at <= DISCOVERY_CACHE_MS
}

/** A discovery document cached in this tab; null when absent, damaged, or no longer fresh. */
export function readCachedDiscovery(
  raw: string | null,
  now = Date.now(),
): { issuer: string; at: number; metadata: DiscoveryMetadata } | null {
  if (raw === null) return null
  try {
    const value = JSON.parse(raw) as { issuer?: unknown; at?: unknown; metadata?: unknown }
    if (typeof value.issuer !== 'string' || typeof value.at !== 'number') return null
    if (!cacheIsFresh(value.at, now)) return null
    const metadata = parseDiscovery(value.metadata, 'the cached discovery document')
    return metadata.ok ? { issuer: value.issuer, at: value.at, metadata: metadata.value } : null
  } catch {
    return null
  }
}
