// The site as nginx serves it with hosting/nginx.conf: every header, on every kind of response.
import { readFileSync } from 'node:fs'

import {
  CACHE_CONTROL,
  CONTENT_SECURITY_POLICY,
  renderHeadersFile,
  SECURITY_HEADERS,
  SILENT_PAGE,
  SILENT_PAGE_HEADERS,
  SILENT_PAGE_POLICY,
} from '../../../hosting/headers.mjs'
import { staleFiles } from '../../../scripts/write-headers.mjs'
import { APP, expect, test } from '../support'
import { requireNginx } from './nginx'

requireNginx()

type Headers = Record<string, string>

function expectSecurityHeaders(headers: Headers, what: string, expected = SECURITY_HEADERS) {
  for (const [name, value] of Object.entries(expected))
    expect(headers[name.toLowerCase()], `${name} on ${what}`).toBe(value)
}

/**
 * What hosting/_headers gives one path on Netlify or Cloudflare Pages: every matching rule applies,
 * and a header set by two rules is joined with a comma (for a Content-Security-Policy: two
 * policies, each enforced).
 */
function headersFileGives(text: string, path: string): Headers {
  const rules: { pattern: string; headers: [string, string][] }[] = []
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    if (!line.startsWith(' ')) rules.push({ pattern: line.trim(), headers: [] })
    else {
      const at = line.indexOf(':')
      rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()])
    }
  }
  const matches = (pattern: string) =>
    pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern
  const out: Headers = {}
  for (const rule of rules.filter((r) => matches(r.pattern)))
    for (const [name, value] of rule.headers)
      out[name.toLowerCase()] = out[name.toLowerCase()]
        ? `${out[name.toLowerCase()]}, ${value}`
        : value
  return out
}

test('hosting/_headers and hosting/nginx.conf are what scripts/write-headers.mjs writes', () => {
  expect(staleFiles(), 'out of date: run node scripts/write-headers.mjs').toEqual([])
})

test('hosting/_headers: the page may be framed by no one, the silent page by its own origin only', () => {
  const text = renderHeadersFile()
  expect(readFileSync(new URL('../../../hosting/_headers', import.meta.url), 'utf8')).toBe(text)
  for (const page of ['/', '/index.html']) {
    const headers = headersFileGives(text, page)
    expect(headers['content-security-policy'], page).toBe(
      `${CONTENT_SECURITY_POLICY}, frame-ancestors 'none'`,
    )
    expect(headers['x-frame-options'], page).toBe('DENY')
    expect(headers['cache-control'], page).toBe('no-cache')
    expect(headers['referrer-policy'], page).toBe('no-referrer')
  }
  const silent = headersFileGives(text, `/${SILENT_PAGE}`)
  expect(silent['content-security-policy']).toBe(
    `${CONTENT_SECURITY_POLICY}, ${SILENT_PAGE_POLICY}; frame-ancestors 'self'`,
  )
  expect(silent['x-frame-options']).toBe('SAMEORIGIN')
  expect(silent['cache-control']).toBe('no-cache')
  const asset = headersFileGives(text, '/assets/index-0000.js')
  expect(asset['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  expect(asset['cache-control']).toBe(CACHE_CONTROL.hashed)
})

test('the page: every security header, frame-ancestors included, revalidated at each load', async ({
  request,
}) => {
  const response = await request.get(APP)
  expect(response.status()).toBe(200)
  const headers = response.headers()
  expectSecurityHeaders(headers, 'index.html')
  expect(headers['content-security-policy']).toBe(
    `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  )
  expect(headers['referrer-policy']).toBe('no-referrer')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['cache-control']).toBe('no-cache')
  expect(headers['content-type']).toBe('text/html; charset=utf-8')
  expect(headers['etag'] ?? headers['last-modified'], 'something to revalidate').toBeTruthy()
})

test('hashed assets: cached for a year, immutable, with their types and the security headers', async ({
  request,
}) => {
  const html = await (await request.get(APP)).text()
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '')
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true)
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true)
  for (const asset of assets) {
    const response = await request.get(new URL(asset, APP).href)
    expect(response.status(), asset).toBe(200)
    const headers = response.headers()
    expectSecurityHeaders(headers, asset)
    expect(headers['cache-control'], asset).toBe(CACHE_CONTROL.hashed)
    expect(headers['cache-control'], asset).toBe('public, max-age=31536000, immutable')
    expect(headers['content-type'], asset).toBe(
      asset.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    )
  }
  const icon = (await request.get(new URL('favicon.svg', APP).href)).headers()
  expect(icon['content-type']).toBe('image/svg+xml')
  expect(icon['cache-control'], 'not hashed: revalidated').toBe('no-cache')
})

test('the bare sub-path redirects to the page, query kept; a missing file is a 404 cached nowhere', async ({
  request,
}) => {
  const base = new URL(APP)
  const bare = `${base.origin}${base.pathname.replace(/\/$/, '')}?issuer=x`
  const redirect = await request.get(bare, { maxRedirects: 0 })
  expect(redirect.status()).toBe(301)
  expect(redirect.headers()['location']).toBe(`${base.pathname}?issuer=x`)
  expectSecurityHeaders(redirect.headers(), 'the redirect')

  const missing = await request.get(new URL('assets/missing-0000.js', APP).href)
  expect(missing.status()).toBe(404)
  expectSecurityHeaders(missing.headers(), 'a 404')
  expect(missing.headers()['cache-control']).toBeUndefined()
  expect((await request.get(`${base.origin}/`)).status(), 'nothing outside the sub-path').toBe(404)
})

test('in the browser: the page works under the header policy, with no violation', async ({
  page,
}) => {
  // Every violation, also those the console would not name (the fixture in support.ts reads those).
  await page.addInitScript({
    content: `window.__violations = []; document.addEventListener('securitypolicyviolation',
      (e) => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI))`,
  })
  const response = await page.goto(APP)
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  await expect(page.getByTestId('login')).toBeVisible()
  await expect(page.getByTestId('auth-request-url')).toBeVisible()
  // The meta tag of the build and the header are one policy (the header adds frame-ancestors).
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(meta).toBe(CONTENT_SECURITY_POLICY)
  expect(await page.evaluate('window.__violations')).toEqual([])
})

test('the silent page: its own strict policy, framable by the playground only, revalidated', async ({
  request,
}) => {
  const response = await request.get(new URL(SILENT_PAGE, APP).href)
  expect(response.status()).toBe(200)
  const headers = response.headers()
  expectSecurityHeaders(headers, SILENT_PAGE, SILENT_PAGE_HEADERS)
  expect(headers['content-security-policy']).toBe(`${SILENT_PAGE_POLICY}; frame-ancestors 'self'`)
  expect(headers['x-frame-options']).toBe('SAMEORIGIN')
  expect(headers['cache-control']).toBe('no-cache')
  expect(headers['content-type']).toBe('text/html; charset=utf-8')
  // Its meta tag (for a host without the headers) is the same policy.
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
    await response.text(),
  )
  expect(meta?.[1]).toBe(SILENT_PAGE_POLICY)
  // Its script is an ordinary file of the site, with the site's headers.
  const script = await request.get(new URL('silent-probe.js', APP).href)
  expect(script.status()).toBe(200)
  expectSecurityHeaders(script.headers(), 'silent-probe.js')
})

test('the silent page cannot be framed by another origin (frame-ancestors)', async ({
  context,
}) => {
  const parent = await context.newPage()
  const refused: string[] = []
  parent.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) refused.push(message.text())
  })
  await parent.setContent(`<iframe src="${new URL(SILENT_PAGE, APP).href}"></iframe>`)
  await expect.poll(() => refused.length).toBeGreaterThan(0)
  await parent.close()
})

test('no page can frame the playground (frame-ancestors)', async ({ context }) => {
  const parent = await context.newPage()
  const refused: string[] = []
  parent.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) refused.push(message.text())
  })
  await parent.setContent(`<iframe src="${APP}"></iframe>`)
  await expect.poll(() => refused.length).toBeGreaterThan(0)
  const frame = parent.frames().find((f) => f !== parent.mainFrame())
  expect(await frame?.locator('[data-testid="login"]').count()).toBe(0)
  await parent.close()
})
