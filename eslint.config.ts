import { globalIgnores } from 'eslint/config'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import pluginVue from 'eslint-plugin-vue'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

import noImportCycle from './scripts/eslint-no-import-cycle.mjs'

// Browser globals that src/lib must not touch: it is pure protocol logic, tested without a DOM.
const BROWSER_GLOBALS = [
  'window',
  'document',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'navigator',
  'fetch',
]

export default defineConfigWithVueTs(
  {
    name: 'app/files-to-lint',
    files: ['**/*.{ts,mts,tsx,vue}'],
  },
  globalIgnores([
    '**/dist/**',
    '**/coverage/**',
    'test-results/**',
    'playwright-report/**',
    '.keycloak/**',
  ]),
  pluginVue.configs['flat/essential'],
  vueTsConfigs.recommended,
  {
    name: 'app/no-v-html',
    files: ['**/*.vue'],
    rules: { 'vue/no-v-html': 'error' },
  },
  // Rule options do not merge across blocks: the src/lib block comes last so it wins there.
  {
    name: 'app/keycloak-js-only-in-services',
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'keycloak-js', message: 'Only src/services/ imports keycloak-js.' }] },
      ],
    },
  },
  // Components reach the outside through stores: they wire and show, services are the stores' tools.
  {
    name: 'app/components-through-stores',
    files: ['src/components/**/*.vue', 'src/App.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'keycloak-js', message: 'Only src/services/ imports keycloak-js.' }],
          patterns: [
            {
              group: ['@/services/*', '../services/*'],
              message: 'Components go through a store (src/stores), not src/services.',
            },
          ],
        },
      ],
      // The same for a lazy import(), which no-restricted-imports does not see.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(@|\\.\\.)\\/services\\//]',
          message: 'Components go through a store (src/stores), not src/services.',
        },
      ],
    },
  },
  {
    name: 'app/pure-lib',
    files: ['src/lib/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'local/no-import-cycle': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: ['vue', 'pinia', 'keycloak-js'].map((name) => ({
            name,
            message: 'src/lib is pure TypeScript: no framework or keycloak-js imports.',
          })),
          patterns: [
            {
              group: ['@/services/*', '@/stores/*', '@/composables/*', '@/components/*'],
              message: 'src/lib depends on nothing outside src/lib.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...BROWSER_GLOBALS.map((name) => ({ name, message: 'src/lib has no browser globals.' })),
      ],
    },
  },
  skipFormatting,
)
