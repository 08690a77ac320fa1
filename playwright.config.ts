import { existsSync } from 'node:fs'

import { defineConfig } from '@playwright/test'

import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs'
import { findNginx, NGINX_INSTALL } from './scripts/serve-nginx.mjs'
import { FACTS_TAG, KEYCLOAK_TARGETS, type KeycloakTarget } from './test/e2e/keycloak-target'

export { CHROMIUM }
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `No Chromium at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
  )
}

export const APP_PORT = 4180
export const APP_URL = `http://localhost:${APP_PORT}/acr-playground/`
export const DEMO_IDP_URL = 'http://localhost:9400'
/** The same build behind a real nginx with hosting/nginx.conf (only the demo provider allows this port). */
export const NGINX_PORT = 4183
export const NGINX_URL = `http://localhost:${NGINX_PORT}/acr-playground/`

/**
 * Without nginx, CI stops here; elsewhere the other projects run and the nginx project's tests fail
 * first with what to install (requireNginx() in test/e2e/hosting/nginx.ts).
 */
const NGINX = findNginx()
if (!NGINX && process.env.CI) throw new Error(`No nginx: ${NGINX_INSTALL}.`)

const [FIRST, SECOND] = KEYCLOAK_TARGETS

export default defineConfig<object, { keycloak: KeycloakTarget }>({
  testDir: 'test/e2e',
  // Playwright empties its outputDir at start: keep it apart from the other reports.
  outputDir: 'test-results/e2e-artifacts',
  // Three browsers at a time: every test has its own browser context, so its own sessions at the
  // providers. The tests of one file run in order in one worker (some follow a user's state at
  // Keycloak), except in the specs that set parallel mode themselves. On two cores, with the
  // headless shell, a third worker fills the waits (a realm's max age, redirects): the tier took
  // 414 s with two, 380 s with three.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: APP_URL,
    // No trace by default: recording one for every test (its screencast and DOM snapshots) cost a
    // quarter of the tier's time on two cores, and a CI run keeps only what it prints. To debug a
    // failure locally: npx playwright test --trace retain-on-failure <spec>.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  globalSetup: './test/e2e/global-setup.ts',
  projects: [
    // The site as nginx serves it (hosting/): every header, the silent page, a login, a plan. Listed
    // first, and with no setup project: a project that depends on another runs after every other
    // project's tests, which left two workers idle at the end of the tier.
    { name: 'nginx', testDir: 'test/e2e/hosting', use: { baseURL: NGINX_URL } },
    { name: 'demo', testDir: 'test/e2e/demo' },
    // Real Keycloaks started by the global setup (keycloak/run.mjs), each on a fresh database: the
    // whole Keycloak tier on 26.5.6 (port 8180), and on the newest 26.x (8190) every test tagged
    // @facts (the plans and the tests the README facts tables mark ✓ for it). A spec reads its
    // Keycloak from the `keycloak` fixture, or KEYCLOAK / keycloakLink() in test/e2e/support.ts.
    {
      name: 'keycloak',
      testDir: 'test/e2e/keycloak',
      timeout: 120_000,
      use: { keycloak: FIRST },
      metadata: { keycloakVersion: FIRST.version },
    },
    {
      name: `keycloak-${SECOND.version}`,
      testDir: 'test/e2e/keycloak',
      grep: new RegExp(FACTS_TAG),
      timeout: 120_000,
      use: { keycloak: SECOND },
      metadata: { keycloakVersion: SECOND.version },
    },
  ],
  webServer: [
    {
      command: 'node demo-idp/server.js',
      url: `${DEMO_IDP_URL}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
    },
    {
      // The built site, served from a sub-path: what a static host does.
      command: `node scripts/serve-dist.mjs --port ${APP_PORT} --base /acr-playground/`,
      url: APP_URL,
      reuseExistingServer: false,
    },
    ...(NGINX
      ? [
          {
            command: `node scripts/serve-nginx.mjs --port ${NGINX_PORT} --base /acr-playground/`,
            url: NGINX_URL,
            reuseExistingServer: false,
            // SIGTERM lets the script stop nginx and remove its temporary directory.
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
          },
        ]
      : []),
  ],
})
