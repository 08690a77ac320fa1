// The demo API's policies, one per endpoint: real HTTP against an in-process instance, with access
// tokens signed by a key whose JWKS is served over HTTP, as the demo provider does.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createResourceServer, levelAsking } from '../../demo-idp/resource-server.js'

const AUDIENCE = 'urn:acr-playground:demo-api'
let keys: Server
let api: Server
let issuer: string
let apiBase: string
let sign: (claims: JWTPayload) => Promise<string>

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' }
  keys = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ keys: [jwk] }))
  })
  issuer = await listen(keys)
  api = createResourceServer({ issuer, audience: AUDIENCE })
  apiBase = await listen(api)
  sign = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey)
})

afterAll(() => {
  api.close()
  keys.close()
})

const now = () => Math.floor(Date.now() / 1000)

async function call(path: string, claims: JWTPayload) {
  const response = await fetch(`${apiBase}${path}`, {
    headers: { Authorization: `Bearer ${await sign({ sub: 'bob', ...claims })}` },
  })
  return { status: response.status, challenge: response.headers.get('www-authenticate') }
}

describe('demo API: one policy per endpoint', () => {
  it.each<[string, string, JWTPayload, number]>([
    ['hello takes any valid token', '/api/hello', { acr: 'bronze', auth_time: 0 }, 200],
    ['transfer refuses bronze', '/api/transfer', { acr: 'bronze', auth_time: now() }, 401],
    ['transfer takes silver', '/api/transfer', { acr: 'silver', auth_time: now() }, 200],
    ['admin refuses an old gold', '/api/admin', { acr: 'gold', auth_time: now() - 61 }, 401],
    ['admin takes a recent gold', '/api/admin', { acr: 'gold', auth_time: now() - 5 }, 200],
    ['acr-only takes an old silver', '/api/acr-only', { acr: 'silver', auth_time: 1 }, 200],
    ['acr-only refuses a recent bronze', '/api/acr-only', { acr: 'bronze', auth_time: now() }, 401],
    ['recent takes a recent bronze', '/api/recent', { acr: 'bronze', auth_time: now() - 5 }, 200],
    ['recent refuses an old gold', '/api/recent', { acr: 'gold', auth_time: now() - 121 }, 401],
    ['recent refuses a token without auth_time', '/api/recent', { acr: 'gold' }, 401],
    ['otp-required takes amr with otp', '/api/otp-required', { amr: ['pwd', 'otp'] }, 200],
    ['otp-required refuses amr pwd', '/api/otp-required', { acr: 'gold', amr: ['pwd'] }, 401],
    ['otp-required refuses a token without amr', '/api/otp-required', { acr: 'gold' }, 401],
    ['reports takes the scope reports', '/api/reports', { scope: 'openid reports' }, 200],
    ['reports takes an scp array', '/api/reports', { scp: ['reports'] }, 200],
    ['reports refuses other scopes', '/api/reports', { scope: 'openid api' }, 403],
    ['reports refuses a token without scope', '/api/reports', {}, 403],
  ])('%s', async (_, path, claims, status) => {
    expect((await call(path, claims)).status).toBe(status)
  })

  it('asks silver and 60 s of the admin endpoint (RFC 9470)', async () => {
    const { challenge } = await call('/api/admin', { acr: 'silver', auth_time: now() })
    expect(challenge).toMatch(
      /^Bearer error="insufficient_user_authentication", error_description="/,
    )
    expect(challenge).toContain('acr_values="gold"')
    expect(challenge).toContain('max_age=60')
  })

  it('asks only max_age of /api/recent, only acr_values of /api/acr-only', async () => {
    const recent = await call('/api/recent', { acr: 'gold', auth_time: now() - 300 })
    expect(recent.challenge).toContain('max_age=120')
    expect(recent.challenge).not.toContain('acr_values')
    const acrOnly = await call('/api/acr-only', { acr: 'bronze', auth_time: now() })
    expect(acrOnly.challenge).toContain('acr_values="silver"')
    expect(acrOnly.challenge).not.toContain('max_age')
  })

  it('answers a missing method with the level that asks it, and says so', async () => {
    const { challenge } = await call('/api/otp-required', { acr: 'bronze', amr: ['pwd'] })
    expect(levelAsking('otp')).toBe('silver')
    expect(challenge).toContain('error="insufficient_user_authentication"')
    expect(challenge).toContain('acr_values="silver"')
    expect(challenge).toContain('needs otp in amr; the token has amr pwd')
  })

  it('answers a missing scope with 403 insufficient_scope naming it (RFC 6750 3.1)', async () => {
    const { status, challenge } = await call('/api/reports', { scope: 'openid' })
    expect(status).toBe(403)
    expect(challenge).toMatch(
      /^Bearer error="insufficient_scope", error_description="[^"]+", scope="reports"$/,
    )
  })

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const forged = await new SignJWT({ sub: 'bob', scope: 'reports' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey)
    const response = await fetch(`${apiBase}/api/reports`, {
      headers: { Authorization: `Bearer ${forged}` },
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toContain('invalid_token')
  }, 30_000) // an RSA key pair takes seconds on a busy machine

  it('exposes WWW-Authenticate to a loopback page', async () => {
    const response = await fetch(`${apiBase}/api/reports`, {
      headers: {
        Authorization: `Bearer ${await sign({ sub: 'bob' })}`,
        Origin: 'http://localhost:5173',
      },
    })
    expect(response.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate')
  })
})
