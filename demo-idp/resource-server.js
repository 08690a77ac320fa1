// The demo resource server: an API whose endpoints demand levels, freshness, methods or scopes, and
// answer with real RFC 9470 step-up challenges (401) or RFC 6750 insufficient_scope (403). It verifies the JWT access tokens of the demo provider against
// the provider's JWKS, fetched over HTTP as any resource server would.
import { createServer } from 'node:http'
import { createRemoteJWKSet, jwtVerify } from 'jose'

import { ACR_LOA_MAP, LEVELS } from './levels.js'

/**
 * Each endpoint's demands, one policy apart from the others: the lowest acr it accepts, how fresh
 * the authentication must be (seconds), a method that must be in amr, a scope the token must carry.
 */
export const ENDPOINTS = {
  '/api/hello': { description: 'any valid access token' },
  '/api/transfer': { acr: 'silver', description: 'silver (LoA 2) or higher' },
  '/api/admin': {
    acr: 'gold',
    maxAge: 60,
    description: 'gold (LoA 3), authenticated in the last 60 s',
  },
  '/api/acr-only': { acr: 'silver', description: 'silver (LoA 2) or higher, however old' },
  '/api/recent': { maxAge: 120, description: 'an authentication in the last 120 s, any level' },
  '/api/otp-required': { amr: 'otp', description: 'a one-time code among the methods (amr)' },
  '/api/reports': { scope: 'reports', description: 'the scope reports' },
}

/**
 * RFC 9470 has no parameter for a method: a challenge can only name the lowest level whose login
 * asks that factor (the demo's levels; silver for otp).
 */
export function levelAsking(method) {
  return LEVELS.find((level) => level.factors.includes(method))?.acr
}

/** The token's scopes: `scope` as a space-separated string (RFC 9068), or an `scp` array. */
function scopesOf(claims) {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter(Boolean)
  return Array.isArray(claims.scp) ? claims.scp.filter((s) => typeof s === 'string') : []
}

function isLoopbackOrigin(origin) {
  const url = URL.parse(origin ?? '')
  return url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
}

function quote(value) {
  return `"${String(value).replace(/["\\]/g, '\\$&')}"`
}

/**
 * @param {object} options
 * @param {string} options.issuer  whose access tokens to accept
 * @param {string} [options.jwksUri]  its keys (default: the demo provider's `${issuer}/jwks`)
 * @param {string} [options.audience]  the `aud` to demand; Keycloak's default tokens name none for
 *   this API, so the Keycloak tier checks the client (`azp`) instead
 * @param {string} [options.authorizedParty]  the `azp` to demand
 */
export function createResourceServer({
  issuer,
  jwksUri = `${issuer}/jwks`,
  audience,
  authorizedParty,
}) {
  const jwks = createRemoteJWKSet(new URL(jwksUri))

  return createServer(async (req, res) => {
    const origin = req.headers.origin
    if (isLoopbackOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Vary', 'Origin')
      // Without this the browser hides the challenge from the page.
      res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate')
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers': 'Authorization',
        'Access-Control-Max-Age': '600',
      })
      return res.end()
    }
    const send = (status, body, challenge) => {
      if (challenge) res.setHeader('WWW-Authenticate', challenge)
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify(body))
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const endpoint = ENDPOINTS[path]
    if (!endpoint || req.method !== 'GET')
      return send(404, { error: 'not_found', endpoints: ENDPOINTS })

    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
    if (!token) return send(401, { error: 'no access token' }, 'Bearer realm="demo-api"')
    let claims
    try {
      ;({ payload: claims } = await jwtVerify(token, jwks, {
        issuer,
        ...(audience ? { audience } : {}),
      }))
      if (authorizedParty && claims.azp !== authorizedParty)
        throw new Error(`azp is not ${authorizedParty}`)
    } catch (error) {
      const description = `the access token is not valid here: ${error.code ?? error.message}`
      return send(
        401,
        { error: 'invalid_token', description },
        `Bearer error="invalid_token", error_description=${quote(description)}`,
      )
    }

    const now = Math.floor(Date.now() / 1000)
    const loa = ACR_LOA_MAP[claims.acr]
    const needed = endpoint.acr ? ACR_LOA_MAP[endpoint.acr] : undefined
    const tooLow = needed !== undefined && !(loa >= needed)
    const age = now - Number(claims.auth_time)
    const tooOld = endpoint.maxAge !== undefined && !(age <= endpoint.maxAge)
    const amr = Array.isArray(claims.amr) ? claims.amr : []
    const methodMissing = endpoint.amr !== undefined && !amr.includes(endpoint.amr)
    if (tooLow || tooOld || methodMissing) {
      const description = tooLow
        ? `${path} needs ${endpoint.description}; the token has acr ${claims.acr ?? '(none)'}`
        : tooOld
          ? `${path} needs an authentication in the last ${endpoint.maxAge} s; this one is ${Number.isFinite(age) ? `${age} s old` : 'of unknown age (no auth_time)'}`
          : `${path} needs ${endpoint.amr} in amr; the token has ${Array.isArray(claims.amr) ? `amr ${amr.join(' ') || '(empty)'}` : 'no amr claim'}. RFC 9470 cannot ask for a method: log in at a level that asks it`
      const acrValues = endpoint.acr ?? (methodMissing ? levelAsking(endpoint.amr) : undefined)
      const challenge = [
        'Bearer error="insufficient_user_authentication"',
        `error_description=${quote(description)}`,
        ...(acrValues ? [`acr_values=${quote(acrValues)}`] : []),
        ...(endpoint.maxAge !== undefined ? [`max_age=${endpoint.maxAge}`] : []),
      ].join(', ')
      return send(401, { error: 'insufficient_user_authentication', description }, challenge)
    }
    if (endpoint.scope !== undefined && !scopesOf(claims).includes(endpoint.scope)) {
      // RFC 6750 section 3.1: the user is fine, the token is not allowed this call.
      const description = `${path} needs the scope ${endpoint.scope}; the token has ${scopesOf(claims).join(' ') || 'none'}`
      return send(
        403,
        { error: 'insufficient_scope', description },
        `Bearer error="insufficient_scope", error_description=${quote(description)}, scope=${quote(endpoint.scope)}`,
      )
    }
    return send(200, {
      ok: true,
      endpoint: path,
      sub: claims.sub,
      acr: claims.acr,
      amr: claims.amr,
      auth_time: claims.auth_time,
    })
  })
}
