// The one browser every tool of the project drives: Debian's Chromium, with the flags that work
// in a container. Read by playwright.config.ts, scripts/check-size.mjs, scripts/bench.mjs and
// scripts/run-plan.mjs.

/** Debian's Chromium; Playwright's own browser download is not used (and cannot be fetched here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

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
