// `npm test`: every check and every test tier, in order, then one closing line with the totals.
// Each step runs even when an earlier one failed, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const results = resolve(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const npx = (args) => [
  process.execPath,
  [resolve(root, 'node_modules/.bin', args[0]), ...args.slice(1)],
]
const steps = [
  // A fresh Debian machine as root gets what the tiers need; elsewhere the exact command is printed.
  ['prerequisites', [process.execPath, ['scripts/prerequisites.mjs']]],
  // Keycloak's distribution from Maven Central, cached in ~/.cache/acr-playground; fetched first
  // so a download failure stands apart from test failures.
  ['Keycloak distribution', [process.execPath, ['keycloak/run.mjs', '--fetch-only']]],
  ['lint', npx(['eslint', '.'])],
  ['format', npx(['prettier', '--check', 'src/', 'test/', 'demo-idp/', 'scripts/', 'keycloak/'])],
  ['typecheck', npx(['vue-tsc', '--build'])],
  [
    'unit and component tests',
    npx([
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ]),
  ],
  ['build', npx(['vite', 'build'])],
  ['size budget', [process.execPath, ['scripts/check-size.mjs']]],
  ['e2e tests (real Chromium, real providers)', npx(['playwright', 'test'])],
]

const failed = []
for (const [name, [command, args]] of steps) {
  console.log(`\n=== ${name}`)
  const started = Date.now()
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (run.status !== 0) failed.push(name)
  console.log(`=== ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`)
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(resolve(results, file), 'utf8'))
  } catch {
    return undefined
  }
}
let passed = 0
let failures = 0
const vitest = readJson('vitest.json')
if (vitest) {
  passed += vitest.numPassedTests
  failures += vitest.numFailedTests
}
const e2e = readJson('e2e.json')
if (e2e) {
  passed += e2e.stats.expected
  failures += e2e.stats.unexpected + e2e.stats.flaky
}
if (!existsSync(resolve(results, 'e2e.json'))) console.log('(the e2e tier wrote no report)')

console.log(failed.length ? `\nFailed steps: ${failed.join(', ')}` : '\nAll steps passed.')
console.log(`tests: ${passed} passed, ${failures} failed`)
process.exit(failed.length ? 1 : 0)
