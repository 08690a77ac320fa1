// The browsers the project's tools drive: Debian's Chromium builds, with the flags that work in a
// container. Read by playwright.config.ts, scripts/check-size.mjs, scripts/bench.mjs,
// scripts/run-plan.mjs and scripts/screenshots.mjs.
import { existsSync } from 'node:fs'

/** Debian's Chromium, the browser people run; Playwright's own browser download is not used. */
export const FULL_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Debian's chromium-headless-shell: the same Chromium built for headless use only (the build
 * Playwright itself runs headless). The e2e tier on two cores is bound by the browser's CPU; on the
 * same 18 tests the shell's processes took 38 CPU-s where Chromium's took 71.
 */
export const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell'

/**
 * The browser for the tests, the size check and `npm run plan`: `CHROMIUM_PATH` when set, else the
 * headless shell when installed (`npm test` installs it on Debian as root), else Chromium.
 */
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM)

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
