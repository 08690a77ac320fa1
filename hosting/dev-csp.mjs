// The dev server's Content-Security-Policy: the built site's, loosened only where Vite's dev mode
// needs it, so a change that breaks the built site's policy shows in `npm start` already.
import { randomBytes } from 'node:crypto'

import {
  CONTENT_SECURITY_POLICY,
  FRAME_ANCESTORS,
  SECURITY_HEADERS,
  SILENT_PAGE,
  SILENT_PAGE_HEADERS,
} from './headers.mjs'

/** Stands for the dev server's nonce in DEV_CONTENT_SECURITY_POLICY; replaced at server start. */
export const NONCE_PLACEHOLDER = '{nonce}'

/**
 * The built policy (hosting/headers.mjs) with one difference:
 * - style-src adds a nonce: in dev, Vite's client puts every stylesheet (each component's <style>,
 *   each CSS import) into the page as a <style> element, at load and at each hot update. Vite's
 *   html.cspNonce puts the nonce on them (through <meta property="csp-nonce">, also for its error
 *   overlay). A nonce, not 'unsafe-inline': a style="…" attribute is refused as in the build.
 * Everything else is the built policy: /@vite/client and the modules are 'self' (no inline script,
 * no eval), and the hot-update WebSocket to the page's own host and port is 'self' for connect-src.
 * frame-ancestors as the hosting headers send it.
 */
export const DEV_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  `style-src 'self' 'nonce-${NONCE_PLACEHOLDER}'`,
)}; ${FRAME_ANCESTORS}`

/**
 * Vite plugin: the dev server sends DEV_CONTENT_SECURITY_POLICY and the other security headers of
 * the hosting configuration with every response; the session probe's silent page gets its own
 * hosting headers as they are (public/ is served untouched: no style, no nonce). The nonce is new
 * at each server start (it only has to be unguessable to content the page did not ask for; the dev
 * server is local).
 * @param {{ policy?: string }} [options] another policy, with the same placeholder (for a probe)
 * @returns {import('vite').Plugin}
 */
export function devContentSecurityPolicy({ policy = DEV_CONTENT_SECURITY_POLICY } = {}) {
  const nonce = randomBytes(18).toString('base64url')
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': policy.replaceAll(NONCE_PLACEHOLDER, nonce),
  }
  return {
    name: 'acr-playground:dev-csp',
    // The dev server only: not the build, not `vite preview` (the built page), not Vitest's server.
    apply: (_config, { command, isPreview }) =>
      command === 'serve' && !isPreview && !process.env.VITEST,
    config: () => ({ html: { cspNonce: nonce } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split(/[?#]/)[0]
        const chosen = path.endsWith(`/${SILENT_PAGE}`) ? SILENT_PAGE_HEADERS : headers
        for (const [name, value] of Object.entries(chosen)) res.setHeader(name, value)
        next()
      })
    },
  }
}
