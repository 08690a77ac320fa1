// The scripts' static host: dist/ (or another folder) under a sub-path, as a static host serves it,
// with nosniff, no-referrer and an ETag (no-cache: revalidated every time, 304 when unchanged). No
// compression: the size check computes sizes itself. Used by `scripts/serve-dist.mjs` (the e2e
// tier's and `npm run plan`'s app server), the size check and the benchmark.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/**
 * Serve `root` under `base` on localhost:`port`. A path outside `root` is 404, a malformed one 400.
 * Resolves to the listening server; rejects with a clear message when the port is taken.
 */
export function serveStatic({ root, base, port, index = 'index.html' }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(base)) {
      res.writeHead(302, { Location: base }).end()
      return
    }
    let relative
    try {
      relative = normalize(decodeURIComponent(url.pathname.slice(base.length)) || index)
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path')
      return
    }
    const file = join(root, relative)
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    const body = readFileSync(file)
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      ETag: etag,
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end()
      return
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body)
  })
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use: stop what listens there and run again.`)
          : error,
      ),
    )
    server.listen(port, 'localhost', () => resolvePromise(server))
  })
}

export function closeServer(server) {
  return new Promise((done) => {
    server.closeAllConnections?.()
    server.close(() => done())
  })
}
