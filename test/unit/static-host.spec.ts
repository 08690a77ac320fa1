// scripts/static-host.mjs: the static host of serve-dist (the e2e tier's app server), the size
// check and the benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeServer, serveStatic } from '../../scripts/static-host.mjs'

const PORT = 4197
const origin = `http://localhost:${PORT}`
let root: string
let server: Server

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'static-host-'))
  root = join(parent, 'dist')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(root, 'assets', 'a.js'), 'export {}')
  // A sibling whose name starts like the root: never served.
  mkdirSync(`${root}-secret`)
  writeFileSync(join(`${root}-secret`, 'key.txt'), 'secret')
  server = (await serveStatic({ root, base: '/app/', port: PORT })) as Server
  return () => rmSync(parent, { recursive: true, force: true })
})
afterAll(() => closeServer(server))

describe('serveStatic', () => {
  it('serves the index and the files under the base, with their type and headers', async () => {
    const index = await fetch(`${origin}/app/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(index.headers.get('referrer-policy')).toBe('no-referrer')
    const js = await fetch(`${origin}/app/assets/a.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('export {}')
  })

  it('answers 304 to a revalidation with the same ETag', async () => {
    const first = await fetch(`${origin}/app/assets/a.js`)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).not.toBe('')
    const again = await fetch(`${origin}/app/assets/a.js`, { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })

  it.each([
    ['a malformed escape', '/app/%E0%A4%A', 400],
    ['a path out of the root', '/app/..%2Fdist-secret%2Fkey.txt', 404],
    ['a missing file', '/app/nothing.js', 404],
  ])('%s: %i, and it keeps serving', async (_, path, status) => {
    expect((await fetch(`${origin}${path}`)).status).toBe(status)
    expect((await fetch(`${origin}/app/`)).status).toBe(200)
  })

  it('sends a request outside the base to the base', async () => {
    const response = await fetch(`${origin}/elsewhere`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/app/')
  })
})
