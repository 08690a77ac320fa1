// The authorization response, read by the app itself: keycloak-js drops some error callbacks
// (after prompt=none it returns without a word), so the playground never relies on it alone.

export interface CallbackParams {
  state?: string
  hasCode: boolean
  error?: string
  errorDescription?: string
  errorUri?: string
  iss?: string
}

/** Parse a response_mode=fragment callback (`#state=…&code=…`). null when it is no callback. */
export function parseCallbackFragment(hash: string): CallbackParams | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const state = params.get('state') ?? undefined
  const error = params.get('error') ?? undefined
  const hasCode = params.has('code')
  if (!state || (!hasCode && !error)) return null
  const callback: CallbackParams = { state, hasCode }
  if (error !== undefined) callback.error = error
  const description = params.get('error_description')
  if (description !== null) callback.errorDescription = description
  const uri = params.get('error_uri')
  if (uri !== null) callback.errorUri = uri
  const iss = params.get('iss')
  if (iss !== null) callback.iss = iss
  return callback
}

export interface ErrorExplanation {
  title: string
  text: string
}
