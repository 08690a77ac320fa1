// Calls a resource server with the access token, the way an app would, and reports what a page can
// see of the answer (a browser hides WWW-Authenticate unless the API exposes it).
import { ok, type Result } from '@/lib/core/result'
import { getWithBearer } from './bearer'

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
  const sent = await getWithBearer(
    url,
    accessToken,
    `Could not call ${url}: the API is down, or it does not allow this page's origin and the Authorization ` +
      'header (CORS); the browser does not say which.',
    fetchImpl,
  )
  if (!sent.ok) return sent
  const response = sent.value
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
