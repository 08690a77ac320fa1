import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { mergeConfig, defineConfig, configDefaults } from 'vitest/config'
import viteConfig from './vite.config.ts'

const DOM_TESTS = ['test/components', 'test/stores', 'test/composables']

/**
 * The DOM specs that replace a module (vi.mock): they run isolated, each file in a fresh module
 * graph, since a mock would leak into the files that share a worker with it. Read from the files
 * themselves, so a new one is never forgotten.
 */
const MOCKING_SPECS = DOM_TESTS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.spec.ts'))
    .map((name) => `${dir}/${name}`)
    .filter((file) => readFileSync(file, 'utf8').includes('vi.mock(')),
)

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      root: fileURLToPath(new URL('./', import.meta.url)),
      exclude: [...configDefaults.exclude, 'test/e2e/**'],
      // A test's time limit guards against a hang, not a budget (budgets live in npm run bench):
      // key generation and first imports of lazy chunks take seconds on a busy 2-core machine.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      projects: [
        // Pure logic shares one module graph per worker (isolate: false): a fresh graph and
        // environment for each of 72 files took most of the tier's time, and these modules keep no
        // state between tests.
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/unit/**/*.spec.ts'],
            environment: 'node',
            isolate: false,
          },
        },
        {
          extends: true,
          test: {
            // The Vue glue in a DOM: components, stores (setActivePinia) and composables. Each test
            // makes its own Pinia and storage (test/fixtures).
            name: 'components',
            include: DOM_TESTS.map((dir) => `${dir}/**/*.spec.ts`),
            exclude: [...configDefaults.exclude, ...MOCKING_SPECS],
            environment: 'jsdom',
            isolate: false,
          },
        },
        {
          extends: true,
          test: {
            name: 'components (module mocks)',
            include: MOCKING_SPECS,
            environment: 'jsdom',
          },
        },
      ],
    },
  }),
)
