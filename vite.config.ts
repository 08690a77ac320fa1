import { fileURLToPath, URL } from 'node:url'

import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

import { devContentSecurityPolicy } from './hosting/dev-csp.mjs'
import { CONTENT_SECURITY_POLICY } from './hosting/headers.mjs'

// The built site's Content-Security-Policy: one definition (hosting/headers.mjs) for the meta tag,
// the nginx configuration and the _headers file. The dev server sends its own, as strict as Vite's
// HMR allows (a per-start nonce for the styles it injects): hosting/dev-csp.mjs.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'acr-playground:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  // Every component is <script setup>: Vue's Options API support is dead weight on the first page.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false' },
  // Relative base: the built site works from any sub-path of a static host.
  base: './',
  plugins: [vue(), contentSecurityPolicy(), devContentSecurityPolicy()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    // No inline data: URLs for assets: they would need a looser CSP.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // What the first page needs anyway goes into one chunk, not a handful of tiny shared ones
        // that lazy components also import (each costs a request and its own gzip overhead).
        manualChunks(id) {
          if (/node_modules\/(@vue|vue|pinia)\//.test(id)) return 'first-page'
          // Stores the first page does not use stay with the lazy code that imports them.
          if (
            /\/src\/(stores\/(plan|session-probe|verifier)|composables\/useDownload)\.ts$/.test(id)
          )
            return undefined
          if (/\/src\/(stores|composables)\//.test(id)) return 'first-page'
          if (
            /\/src\/lib\/[\w-]+\/(config|claims-request|request-params|auth-request|result|storage-keys|stored-config|discovery|login-flow|loa|loa-source|history|callback|share-link|request-lint|step-up|json-error|limits|json-value)\.ts$/.test(
              id,
            )
          )
            return 'first-page'
        },
      },
    },
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
})
