// The session probe's I/O: its PKCE and one-time secrets (WebCrypto), the hidden frame that loads
// one prompt=none request, and the token request. What they mean is decided in
// src/lib/session/session-probe.ts; the run is kept by src/stores/session.ts.
import { err, ok, type Result } from '@/lib/core/result'
import type { ProbeSecrets } from '@/lib/session/session-probe'

/** How long the frame may take to bring an answer before the run turns to redirects. */
export const FRAME_TIMEOUT_MS = 5000
/**
 * After the frame loaded a page that sent nothing: how long an answer may still come. The silent
 * page posts before its own load event, so a load without a message is the provider's page.
 */
const FRAME_SETTLE_MS = 1000
/** The token request gives up after this long. */
const TOKEN_TIMEOUT_MS = 10_000

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** A fresh state, nonce and PKCE pair (S256, RFC 7636 4.1 and 4.2) for one probe. */
export async function probeSecrets(): Promise<Result<ProbeSecrets>> {
  if (!globalThis.crypto?.subtle)
    return err(
      'This page has no WebCrypto (crypto.subtle): it needs a secure context, https or localhost.',
    )
  const verifier = randomToken(32)
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return ok({
    state: randomToken(16),
    nonce: randomToken(16),
    verifier,
    challenge: base64url(new Uint8Array(digest)),
  })
}

/** What the hidden frame brought back. */
export type FrameAnswer =
  /** The silent page's URL, as it posted it. */
  | { kind: 'callback'; href: string }
  /** The frame loaded a page that posted nothing: the provider's own page (or a refusal to show it). */
  | { kind: 'page' }
  /** Nothing at all within the time. */
  | { kind: 'timeout' }

interface FrameOptions {
  timeoutMs?: number
  settleMs?: number
  window?: Window
}

/**
 * Load `url` in a hidden frame and wait for the silent page to post its URL back. Only a message
 * from that frame and from this page's own origin counts. The frame is removed afterwards.
 */
export function askInFrame(url: string, options: FrameOptions = {}): Promise<FrameAnswer> {
  const win = options.window ?? window
  const timeoutMs = options.timeoutMs ?? FRAME_TIMEOUT_MS
  const settleMs = options.settleMs ?? FRAME_SETTLE_MS
  const frame = win.document.createElement('iframe')
  frame.hidden = true
  frame.title = 'Session probe'
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  frame.referrerPolicy = 'no-referrer'
  return new Promise((resolve) => {
    let settle: ReturnType<typeof setTimeout> | undefined
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== win.location.origin) return
      if (typeof event.data !== 'string') return
      done({ kind: 'callback', href: event.data })
    }
    const onLoad = () => {
      clearTimeout(settle)
      settle = setTimeout(() => done({ kind: 'page' }), settleMs)
    }
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs)
    function done(answer: FrameAnswer) {
      clearTimeout(timer)
      clearTimeout(settle)
      win.removeEventListener('message', onMessage)
      frame.removeEventListener('load', onLoad)
      frame.remove()
      resolve(answer)
    }
    win.addEventListener('message', onMessage)
    frame.addEventListener('load', onLoad)
    frame.src = url
    win.document.body.append(frame)
  })
}

function describeError(body: unknown): string {
  if (typeof body !== 'object' || body === null) return ''
  const { error, error_description: description } = body as Record<string, unknown>
  if (typeof error !== 'string') return ''
  return typeof description === 'string' && description
    ? `: ${error} (${description.slice(0, 200)})`
    : `: ${error}`
}

/**
 * Exchange a probe's code at the token endpoint (a public client: no secret, no cookies). The
 * answer is the parsed JSON body; it is read by the caller and dropped.
 */
export async function requestTokens(
  tokenEndpoint: string,
  form: Record<string, string>,
  fetchImpl: typeof fetch = fetch,
): Promise<Result<unknown>> {
  let response: Response
  try {
    response = await fetchImpl(tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    })
  } catch (error) {
    return err(
      error instanceof DOMException && error.name === 'TimeoutError'
        ? `no answer within ${TOKEN_TIMEOUT_MS / 1000} s.`
        : "the token endpoint could not be reached, or it does not allow this page's origin (CORS: in Keycloak, the client's Web origins).",
    )
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) return err(`HTTP ${response.status}${describeError(body)}.`)
  if (body === undefined) return err('the token endpoint did not answer JSON.')
  return ok(body)
}
