// What the test tiers need beyond npm: Chromium (e2e), Java 17+ and unzip (Keycloak), nginx (the
// hosting project), and Chromium's headless shell (the e2e tier's browser where it exists). On
// Debian as root, `npm test` installs what is missing and says what it installs; elsewhere it
// prints the exact command, and the step fails unless only the headless shell is missing (the
// tests then run in Chromium, slower).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

import { FULL_CHROMIUM, HEADLESS_SHELL } from './chromium.mjs'

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0

function javaMajor() {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java'
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return 0
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr)
  return match ? Number(match[1] === '1' ? match[2] : match[1]) : 0
}

/** [what, Debian package, present?, optional?] for everything the tiers need. */
export function prerequisites() {
  return [
    ['Chromium for the e2e tier', 'chromium', existsSync(FULL_CHROMIUM) || has('chromium')],
    ['Java 17+ for Keycloak', 'openjdk-17-jre-headless', javaMajor() >= 17],
    ['unzip for the Keycloak download', 'unzip', has('unzip')],
    [
      'nginx for the hosting e2e project',
      'nginx-light',
      existsSync('/usr/sbin/nginx') || has('nginx') || !!process.env.NGINX_PATH,
    ],
    [
      "Chromium's headless shell for the e2e tier (half Chromium's CPU)",
      'chromium-headless-shell',
      existsSync(HEADLESS_SHELL) || !!process.env.CHROMIUM_PATH,
      true,
    ],
  ]
}

export function ensurePrerequisites({ log = console.log } = {}) {
  const missing = prerequisites().filter(([, , present]) => !present)
  if (missing.length === 0) {
    log('Chromium and its headless shell, Java 17+, unzip and nginx are present.')
    return true
  }
  const packages = missing.map(([, pkg]) => pkg)
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`
  const debianRoot = process.getuid?.() === 0 && has('apt-get')
  if (!debianRoot) {
    log(`Missing: ${missing.map(([what]) => what).join('; ')}.`)
    log(`Install them, then run npm test again. On Debian or Ubuntu: sudo sh -c '${command}'`)
    return missing.every(([, , , optional]) => optional)
  }
  log(
    `Installing Debian packages: ${packages.join(' ')} (${missing.map(([what]) => what).join('; ')})`,
  )
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const apt = (...args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0
  const required = missing.filter(([, , , optional]) => !optional).map(([, pkg]) => pkg)
  const optional = missing.filter(([, , , optional]) => optional).map(([, pkg]) => pkg)
  // An optional package a distribution lacks must not stop the required ones.
  if (!apt('update', '-qq') || (required.length && !apt('install', '-y', '-qq', ...required))) {
    log(`The install failed. Run it by hand: ${command}`)
    return false
  }
  if (optional.length && !apt('install', '-y', '-qq', ...optional))
    log(`Not installed: ${optional.join(' ')}; the e2e tier runs in Chromium instead (slower).`)
  return prerequisites().every(([, , present, optional]) => present || optional)
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensurePrerequisites() ? 0 : 1)
