import { fileURLToPath } from 'node:url'
import { mergeConfig, defineConfig, configDefaults } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      root: fileURLToPath(new URL('./', import.meta.url)),
      exclude: [...configDefaults.exclude, 'test/e2e/**'],
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['test/unit/**/*.spec.ts'], environment: 'node' },
        },
        {
          extends: true,
          test: {
            name: 'components',
            include: ['test/components/**/*.spec.ts'],
            environment: 'jsdom',
          },
        },
      ],
    },
  }),
)
