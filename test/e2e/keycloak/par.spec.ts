// Keycloak issue #44002 says acr_values pushed to the PAR endpoint (RFC 9126) is ignored. The
// playground does not push its requests, so this spec pushes one itself with Playwright's request
// API, then sends the browser to the authorization endpoint with the request_uri alone, and checks
// which factors Keycloak asks and the acr of the ID token it issues. Tagged @facts: both versions.
import { createHash, randomBytes } from 'node:crypto'

import type { APIRequestContext, Page } from '@playwright/test'

import { expect, kc, KEYCLOAK, requireKeycloak, test } from '../support'

requireKeycloak()

const OIDC = () => `${KEYCLOAK}/realms/acr-playground/protocol/openid-connect`
const CLIENT = 'acr-playground'
// A registered redirect URI of the client; the browser never loads it (routed below).
const REDIRECT = 'http://localhost:4180/acr-playground/par-callback'

const base64url = (bytes: Buffer) => bytes.toString('base64url')

/** Push an authorization request; returns its request_uri and the PKCE verifier. */
async function push(request: APIRequestContext, params: Record<string, string>) {
  const verifier = base64url(randomBytes(32))
  const answer = await request.post(`${OIDC()}/ext/par/request`, {
    form: {
      client_id: CLIENT,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'openid',
      state: base64url(randomBytes(12)),
      nonce: base64url(randomBytes(12)),
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
      ...params,
    },
  })
  expect(answer.status(), await answer.text()).toBe(201)
  const { request_uri: requestUri } = (await answer.json()) as { request_uri: string }
  expect(requestUri).toMatch(/^urn:ietf:params:oauth:request_uri:/)
  return { requestUri, verifier }
}

/** Send the browser to the authorization endpoint with only client_id and request_uri. */
async function authorize(page: Page, requestUri: string, extra: Record<string, string> = {}) {
  await page.route(`${REDIRECT}**`, (route) => route.fulfill({ status: 200, body: 'done' }))
  const query = new URLSearchParams({ client_id: CLIENT, request_uri: requestUri, ...extra })
  await page.goto(`${OIDC()}/auth?${query}`)
}

/** Wait for the redirect with the code, redeem it, and return the ID token's claims. */
async function idTokenClaims(page: Page, request: APIRequestContext, verifier: string) {
  await page.waitForURL(`${REDIRECT}**`)
  const code = new URL(page.url()).searchParams.get('code')
  expect(code).toBeTruthy()
  const tokens = await request.post(`${OIDC()}/token`, {
    form: {
      grant_type: 'authorization_code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      code: code!,
      code_verifier: verifier,
    },
  })
  expect(tokens.ok(), await tokens.text()).toBe(true)
  const { id_token: idToken } = (await tokens.json()) as { id_token: string }
  return JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
}

test.describe('pushed authorization requests (#44002) @facts', () => {
  test('PAR with acr_values=silver: Keycloak asks the password and the OTP, and acr is silver', async ({
    page,
    request,
  }) => {
    const { requestUri, verifier } = await push(request, { acr_values: 'silver' })
    await authorize(page, requestUri)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob') // silver's factor: acr_values was read from the pushed request
    expect((await idTokenClaims(page, request, verifier)).acr).toBe('silver')
  })

  test('PAR with an essential claims request for silver: the same', async ({ page, request }) => {
    const claims = JSON.stringify({ id_token: { acr: { essential: true, values: ['silver'] } } })
    const { requestUri, verifier } = await push(request, { claims })
    await authorize(page, requestUri)
    await kc.password(page, 'bob')
    await kc.otp(page, 'bob')
    expect((await idTokenClaims(page, request, verifier)).acr).toBe('silver')
  })

  test('PAR without acr_values: only the password, and acr is bronze (the control)', async ({
    page,
    request,
  }) => {
    const { requestUri, verifier } = await push(request, {})
    await authorize(page, requestUri)
    await kc.password(page, 'bob')
    // No OTP page came between the password and the redirect.
    expect((await idTokenClaims(page, request, verifier)).acr).toBe('bronze')
  })

  test('over a bronze session, PAR with acr_values=silver asks only the OTP', async ({
    page,
    request,
  }) => {
    const first = await push(request, { acr_values: 'bronze' })
    await authorize(page, first.requestUri)
    await kc.password(page, 'bob')
    expect((await idTokenClaims(page, request, first.verifier)).acr).toBe('bronze')

    const second = await push(request, { acr_values: 'silver' })
    await authorize(page, second.requestUri)
    await expect(page.locator('#otp')).toBeVisible()
    expect(await page.locator('#password').count()).toBe(0)
    await kc.otp(page, 'bob')
    expect((await idTokenClaims(page, request, second.verifier)).acr).toBe('silver')
  })
})
