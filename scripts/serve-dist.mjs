// Serves the built site from a sub-path, as a static host would: proves the relative base works.
// Usage: node scripts/serve-dist.mjs [--port 4180] [--base /acr-playground/]
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { closeServer, serveStatic } from './static-host.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4180' },
    base: { type: 'string', default: '/acr-playground/' },
  },
})
const root = resolve(import.meta.dirname, '..', 'dist')

if (!existsSync(join(root, 'index.html'))) {
  console.error(`No build in ${root}: run "npm run build" first.`)
  process.exit(1)
}

try {
  const server = await serveStatic({ root, base: values.base, port: Number(values.port) })
  console.log(`serving ${root} at http://localhost:${values.port}${values.base}`)
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => closeServer(server).then(() => process.exit(0)))
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
