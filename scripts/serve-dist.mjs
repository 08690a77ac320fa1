// Serves the built site from a sub-path, as a static host would: proves the relative base works.
// Usage: node scripts/serve-dist.mjs [--port 4180] [--base /acr-playground/]
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4180' },
    base: { type: 'string', default: '/acr-playground/' },
  },
})
const root = resolve(import.meta.dirname, '..', 'dist')
const base = values.base
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}: run "npm run build" first.`)
  process.exit(1)
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (!url.pathname.startsWith(base)) {
    res.writeHead(302, { Location: base }).end()
    return
  }
  const relative = normalize(decodeURIComponent(url.pathname.slice(base.length)) || 'index.html')
  const file = join(root, relative)
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  })
  createReadStream(file).pipe(res)
})
server.listen(Number(values.port), 'localhost', () => {
  console.log(`serving ${root} at http://localhost:${values.port}${base}`)
})
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => server.close(() => process.exit(0)))
