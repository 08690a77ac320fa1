// What the first page load costs: index.html plus every script, preload and stylesheet it names,
// gzip-compressed. Fails past the budget. Run after `vite build`.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

/** KB (1024 bytes), gzip. Measured 55.9 KB when the budget was set; see README. */
export const BUDGET_KB = 64

const dist = resolve(import.meta.dirname, '..', 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
)
const files = ['index.html', ...new Set(assets)]
let total = 0
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`)
}
const kb = total / 1024
console.log(`${kb.toFixed(1).padStart(7)} KB  first page load, gzip (budget ${BUDGET_KB} KB)`)
if (kb > BUDGET_KB) {
  console.error(
    `Over budget by ${(kb - BUDGET_KB).toFixed(1)} KB: split or trim what the first page loads.`,
  )
  process.exit(1)
}
