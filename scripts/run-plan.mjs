#!/usr/bin/env node
// Run a test plan headless, for CI: the playground itself runs the plan in a headless Chromium
// (each step a real login at the real provider); this script only opens the plan, signs the
// plan's users in on the provider's pages, and prints the playground's own report. Exit code:
// 0 every step passed, 1 a step failed or did not run, 2 the plan could not be run at all.
//
//   npm run plan -- plans/demo.plan.json [--app URL] [--users users.json] [--report-md F] [--report-json F]
//
// Credentials never go into a plan or a link: they come from --users (a local JSON file,
// {"bob": {"password": "…", "totp": "BASE32"}}), from ACR_PLAN_USERS (the same JSON), or from
// ACR_PLAN_PASSWORD_<USER> and ACR_PLAN_TOTP_<USER> (user name upper-cased, non-alphanumerics as _).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { chromium } from '@playwright/test'

import { totp } from '../demo-idp/totp.js'
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs'

const USAGE =
  'Usage: npm run plan -- <plan.json> [--app URL] [--users users.json] [--report-md FILE] [--report-json FILE] [--step-timeout SECONDS]'

function fail(message) {
  console.error(`run-plan: ${message}`)
  process.exit(2)
}

/** The plan's users' secrets: the file, then ACR_PLAN_USERS, then one variable per secret. */
export function readCredentials(file, env = process.env) {
  const users = {}
  const merge = (source, where) => {
    let json
    try {
      json = JSON.parse(source)
    } catch (error) {
      fail(`${where} is not JSON: ${error.message}`)
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      fail(`${where} must be an object: {"user": {"password": "…", "totp": "BASE32"}}`)
    for (const [user, secrets] of Object.entries(json)) {
      if (typeof secrets !== 'object' || secrets === null)
        fail(`${where}: "${user}" is not an object`)
      users[user] = { ...users[user], ...secrets }
    }
  }
  if (file) {
    if (!existsSync(file)) fail(`no users file at ${file}`)
    merge(readFileSync(file, 'utf8'), file)
  }
  if (env.ACR_PLAN_USERS) merge(env.ACR_PLAN_USERS, 'ACR_PLAN_USERS')
  return (user) => {
    const key = user.toUpperCase().replace(/[^A-Z0-9]/g, '_')
    return {
      password: env[`ACR_PLAN_PASSWORD_${key}`] ?? users[user]?.password,
      totp: env[`ACR_PLAN_TOTP_${key}`] ?? users[user]?.totp,
    }
  }
}

/** The plan file as the `plan` link parameter: its JSON, minified, UTF-8, base64url. */
export function planParam(text) {
  return Buffer.from(JSON.stringify(JSON.parse(text)), 'utf8').toString('base64url')
}

async function visible(page, selector) {
  const locator = page.locator(selector).first()
  return (await locator.count()) > 0 && (await locator.isVisible().catch(() => false))
    ? locator
    : null
}

/**
 * One action on a provider's page, for the user the login names: confirm a logout, give a
 * one-time code, a password, or the demo provider's simulated security key. null: nothing to do
 * here (a page that stops the login, or one still redirecting).
 */
export async function act(page, user, secretsOf, answered) {
  /** Each kind of answer once per page: a page that asks again refused it (a wrong password). */
  const again = (kind) => {
    if (answered.has(kind)) return true
    answered.add(kind)
    return false
  }
  const logout = await visible(
    page,
    '#kc-logout, [data-testid=idp-logout-yes], button[name=logout][value=yes]',
  )
  if (logout) {
    if (again('logout')) return 'asked to confirm the logout again'
    await logout.click()
    return 'confirmed the logout'
  }
  const otp = await visible(page, '#otp, input[name=otp], input[autocomplete=one-time-code]')
  if (otp) {
    const secret = user && secretsOf(user).totp
    if (!secret)
      return `asked a one-time code for ${user ?? 'an unnamed user'}, who has no TOTP secret`
    if (again('otp')) return `asked ${user}'s one-time code again: it was refused`
    await otp.fill(totp(secret))
    await submit(page)
    return 'gave the one-time code'
  }
  const password = await visible(page, 'input[type=password]')
  if (password) {
    const secrets = user ? secretsOf(user) : {}
    if (!user || secrets.password === undefined)
      return `asked a password for ${user ?? 'an unnamed user'}, who has none given`
    if (again('password')) return `asked ${user}'s password again: it was refused`
    const username = await visible(page, '#username, input[name=username]')
    if (username && (await username.isEditable())) await username.fill(user)
    await password.fill(secrets.password)
    await submit(page)
    return 'gave the password'
  }
  // The demo provider's security-key step: one button, no input (a real one cannot be scripted).
  const key = await visible(page, '[data-testid=idp-submit]')
  if (key && (await page.locator('input:visible').count()) === 0) {
    if (again('key')) return 'asked for the security key again'
    await key.click()
    return 'used the demo security key'
  }
  return null
}

async function submit(page) {
  const button = await visible(page, '#kc-login, [data-testid=idp-submit], [type=submit]')
  if (button) await button.click()
  else await page.keyboard.press('Enter')
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      users: { type: 'string' },
      'report-md': { type: 'string' },
      'report-json': { type: 'string' },
      'step-timeout': { type: 'string', default: '90' },
      help: { type: 'boolean' },
    },
  })
  if (values.help || positionals.length !== 1) {
    console.log(USAGE)
    process.exit(values.help ? 0 : 2)
  }
  const planFile = resolve(positionals[0])
  if (!existsSync(planFile)) fail(`no plan file at ${planFile}`)
  const planText = readFileSync(planFile, 'utf8')
  let param
  try {
    param = planParam(planText)
  } catch (error) {
    fail(`${planFile} is not JSON: ${error.message}`)
  }
  const secretsOf = readCredentials(values.users ? resolve(values.users) : undefined)
  const stepTimeout = Number(values['step-timeout']) * 1000

  // Without --app, the built playground is served here, as the e2e tier serves it.
  let server
  let app = values.app
  if (!app) {
    app = 'http://localhost:4180/acr-playground/'
    server = spawn(
      process.execPath,
      [resolve(import.meta.dirname, 'serve-dist.mjs'), '--port', '4180'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    )
    await new Promise((r) => setTimeout(r, 500))
  }
  const appUrl = new URL(app)
  const onApp = (url) => url.startsWith(appUrl.origin + appUrl.pathname)

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  })
  const close = async () => {
    await browser.close()
    server?.kill()
  }
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) =>
      console.error(`run-plan: the playground threw: ${error.message}`),
    )
    // Whom to sign in: the login_hint the playground sends for the step's user.
    let user
    page.on('request', (request) => {
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return
      const url = URL.parse(request.url())
      if (url?.searchParams.has('response_type'))
        user = url.searchParams.get('login_hint') ?? undefined
    })

    await page
      .goto(`${app}?plan=${param}`)
      .catch((error) => fail(`cannot open ${app}: ${error.message.split(' at ')[0]}`))
    const problems = page.getByTestId('plan-problems')
    const runButton = page.getByTestId('plan-run')
    await problems.or(runButton).first().waitFor({ timeout: 30_000 })
    if (await problems.isVisible())
      fail(`the playground refused the plan:\n${await problems.innerText()}`)
    await runButton.click()

    const done = page.locator('[data-testid=plan-summary][data-done=true]')
    let lastUrl = ''
    /** The answers given on the page on show (a new URL starts afresh). */
    let answered = new Set()
    let since = Date.now()
    for (;;) {
      if (Date.now() - since > stepTimeout) {
        console.error(
          `run-plan: no progress for ${stepTimeout / 1000} s at ${page.url()}; stopping.`,
        )
        break
      }
      const url = page.url()
      if (url !== lastUrl) {
        lastUrl = url
        since = Date.now()
        answered = new Set()
      }
      if (onApp(url)) {
        if (await done.isVisible().catch(() => false)) break
        await page.waitForURL((u) => u.href !== url, { timeout: 1_000 }).catch(() => {})
        continue
      }
      await page.waitForLoadState('domcontentloaded').catch(() => {})
      // A submitted form loads the next page: at another address, or at the same one when the
      // provider asks again (a refused password), so wait for the load, not for a new address.
      const loaded = page
        .waitForEvent('framenavigated', {
          predicate: (frame) => frame === page.mainFrame(),
          timeout: 5_000,
        })
        .catch(() => {})
      const did = await act(page, user, secretsOf, answered).catch(() => null)
      if (did && !did.startsWith('asked')) {
        await loaded
        continue
      }
      // A page asking again what it was given (it refused it) stops the login here; any other
      // may still be redirecting: wait for that, else the login stopped here. Back to the
      // playground, which records the step as stopped and goes on.
      const refused = / again\b/.test(did ?? '') // act's words for a page that asks again
      const moved =
        !refused &&
        (await page
          .waitForURL((u) => u.href !== url, { timeout: 2_500 })
          .then(() => true)
          .catch(() => false))
      if (moved) continue
      if (did) console.error(`run-plan: the provider ${did}.`)
      await page.goto(app)
    }

    const markdown = await page.getByTestId('plan-report-markdown').textContent()
    const json = await page.getByTestId('plan-report-json').textContent()
    if (!markdown || !json) fail('the playground showed no report')
    console.log(markdown)
    if (values['report-md']) writeFileSync(values['report-md'], markdown)
    if (values['report-json']) writeFileSync(values['report-json'], json)
    const report = JSON.parse(json)
    await close()
    process.exit(report.failed === 0 && report.pending === 0 ? 0 : 1)
  } catch (error) {
    await close()
    fail(error instanceof Error ? error.message : String(error))
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
