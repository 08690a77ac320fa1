// A request with the access token as a Bearer credential (RFC 6750 section 2.1), as an app sends it.
import { err, ok, type Result } from '@/lib/core/result'

/**
 * GET `url` with the token. A failure before any answer is a network or CORS refusal, and the
 * browser does not say which: `unreachable` is the sentence that explains it for this caller.
 */
export async function getWithBearer(
  url: string,
  accessToken: string,
  unreachable: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<Response>> {
  try {
    return ok(
      await fetchImpl(url, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        cache: 'no-store',
      }),
    )
  } catch {
    return err(unreachable)
  }
}
