import { fileURLToPath } from 'node:url'
import { mergeConfig, defineConfig, configDefaults } from 'vitest/config'
import viteConfig from './vite.config.ts'

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
        {
          extends: true,
          test: { name: 'unit', include: ['test/unit/**/*.spec.ts'], environment: 'node' },
        },
        {
          extends: true,
          test: {
            // The Vue glue in a DOM: components, stores (setActivePinia) and composables.
            name: 'components',
            include: [
              'test/components/**/*.spec.ts',
              'test/stores/**/*.spec.ts',
              'test/composables/**/*.spec.ts',
            ],
            environment: 'jsdom',
          },
        },
      ],
    },
  }),
)
