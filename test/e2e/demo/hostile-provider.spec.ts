// A provider that lies in its discovery document: a real HTTP server of the test's own, serving a
// javascript: authorization endpoint. Nothing may navigate to it or show it as "the exact URL".
import { createServer, type Server } from 'node:http'

import { APP, expect, test } from '../support'

const PORT = 9499
const ISSUER = `http://localhost:${PORT}`
let server: Server

test.beforeAll(async () => {
  server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*')
    if (request.url === '/.well-known/openid-configuration') {
      response.setHeader('Content-Type', 'application/json')
      response.end(
        JSON.stringify({
          issuer: ISSUER,
          authorization_endpoint: 'javascript:alert(document.domain)//',
          token_endpoint: `${ISSUER}/token`,
          end_session_endpoint: 'javascript:alert(1)//',
          jwks_uri: `${ISSUER}/jwks`,
        }),
      )
    } else if (request.url === '/elsewhere/.well-known/openid-configuration') {
      // Well-formed, but the login goes to another origin than the issuer's.
      response.setHeader('Content-Type', 'application/json')
      response.end(
        JSON.stringify({
          issuer: `${ISSUER}/elsewhere`,
          authorization_endpoint: `http://127.0.0.1:${PORT}/auth`,
          token_endpoint: `${ISSUER}/token`,
          jwks_uri: `${ISSUER}/jwks`,
        }),
      )
    } else {
      response.statusCode = 404
      response.end()
    }
  })
  await new Promise<void>((listening) => server.listen(PORT, 'localhost', listening))
})

test.afterAll(() => new Promise<void>((closed) => server.close(() => closed())))

test('a javascript: endpoint in discovery is refused and named; nothing navigates to it', async ({
  page,
}) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(`${APP}?issuer=${encodeURIComponent(ISSUER)}&client_id=x&acr_values=silver`)
  await page.getByTestId('link-connect').click()
  const status = page.getByTestId('provider-status')
  await expect(status).toHaveAttribute('data-status', 'failed')
  await expect(status).toContainText('authorization_endpoint, end_session_endpoint')
  await expect(page.getByTestId('auth-request-url')).toHaveCount(0)
  await expect(page.getByTestId('login')).toBeDisabled()
  expect(page.url().startsWith(APP)).toBe(true)
  expect(dialogs).toEqual([])
})

test('an authorization endpoint on another origin than the issuer is flagged in the preview', async ({
  page,
}) => {
  await page.goto(
    `${APP}?issuer=${encodeURIComponent(`${ISSUER}/elsewhere`)}&client_id=x&acr_values=silver`,
  )
  await page.getByTestId('link-connect').click()
  await expect(page.getByTestId('auth-request-url')).toContainText(`http://127.0.0.1:${PORT}/auth`)
  await expect(page.getByTestId('endpoint-origin')).toContainText(`http://127.0.0.1:${PORT}`)
})
