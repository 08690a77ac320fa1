// Writes the hosting files' headers from hosting/headers.mjs, so they cannot drift from it:
// hosting/_headers (Netlify, Cloudflare Pages) and the generated regions of hosting/nginx.conf.
// Usage: node scripts/write-headers.mjs [--check]   (--check: write nothing, exit 1 on a difference)
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { fillNginxRegions, renderHeadersFile } from '../hosting/headers.mjs'

const hosting = resolve(import.meta.dirname, '..', 'hosting')

/** Each generated file (path from the repository root) with the content it should have. */
export function generatedFiles() {
  return {
    'hosting/_headers': renderHeadersFile(),
    'hosting/nginx.conf': fillNginxRegions(readFileSync(resolve(hosting, 'nginx.conf'), 'utf8')),
  }
}

/** The generated files whose committed content differs from what the generator produces. */
export function staleFiles() {
  return Object.entries(generatedFiles())
    .filter(([path, content]) => readOrEmpty(resolve(hosting, '..', path)) !== content)
    .map(([path]) => path)
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } })
  const stale = staleFiles()
  if (values.check) {
    if (stale.length) {
      console.error(`Out of date: ${stale.join(', ')}. Run: node scripts/write-headers.mjs`)
      process.exit(1)
    }
    console.log('hosting/_headers and hosting/nginx.conf match hosting/headers.mjs')
  } else {
    for (const [path, content] of Object.entries(generatedFiles()))
      if (stale.includes(path)) writeFileSync(resolve(hosting, '..', path), content)
    console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'Nothing to write: up to date')
  }
}
