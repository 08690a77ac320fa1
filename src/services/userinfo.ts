// The UserInfo endpoint (OIDC Core 5.3), called with the access token as an app would.
import type { JsonObject } from '@/lib/request/claims-request'
import { err, ok, type Result } from '@/lib/core/result'
import { getWithBearer } from './bearer'

export async function fetchUserinfo(
  endpoint: string,
  accessToken: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<JsonObject>> {
  const sent = await getWithBearer(
    endpoint,
    accessToken,
    `Could not call ${endpoint}: the provider does not allow this page's origin on UserInfo (CORS), or it is down.`,
    fetchImpl,
  )
  if (!sent.ok) return sent
  const response = sent.value
  if (response.status === 401 || response.status === 403) {
    const challenge = response.headers.get('WWW-Authenticate')
    return err(
      `UserInfo refused the access token (HTTP ${response.status}${challenge ? `: ${challenge}` : ''}). ` +
        'Often the token was issued for another audience (an API resource) rather than for UserInfo, or it expired.',
    )
  }
  if (!response.ok) return err(`UserInfo answered HTTP ${response.status}.`)
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('jwt'))
    return err('UserInfo answered with a signed JWT; this view reads JSON answers only.')
  try {
    const body: unknown = await response.json()
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return ok(body as JsonObject)
    return err('UserInfo did not answer with a JSON object.')
  } catch {
    return err('UserInfo did not answer with JSON.')
  }
}
