// Calls a resource server with the access token, the way an app would, and reports what a page can
// see of the answer (a browser hides WWW-Authenticate unless the API exposes it).
import { err, ok, type Result } from '@/lib/result'

export interface ApiAnswer {
  status: number
  /** The WWW-Authenticate header, or null when absent or not exposed to the page. */
  challenge: string | null
  body: string
}

export async function callApi(
  url: string,
  accessToken: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<Result<ApiAnswer>> {
  let response: Response
  try {
    response = await fetchImpl(url, {
      headers: { Authorization: `Bearer ${accessToken}` },
      cache: 'no-store',
    })
  } catch {
    return err(
      `Could not call ${url}: the API is down, or it does not allow this page's origin and the Authorization ` +
        'header (CORS); the browser does not say which.',
    )
  }
  let body = ''
  try {
    body = await response.text()
  } catch {
    body = '(the body could not be read)'
  }
  return ok({
    status: response.status,
    challenge: response.headers.get('WWW-Authenticate'),
    body: body.slice(0, 4000),
  })
}
