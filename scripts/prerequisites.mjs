// What the test tiers need beyond npm: Chromium (e2e), Java 17+ and unzip (Keycloak), nginx (the
// hosting project). On Debian as root, `npm test` installs what is missing and says what it
// installs; elsewhere it prints the exact command and the step fails.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0

function javaMajor() {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java'
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return 0
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr)
  return match ? Number(match[1] === '1' ? match[2] : match[1]) : 0
}

/** [what, Debian package, present?] for everything the tiers need. */
export function prerequisites() {
  return [
    [
      'Chromium for the e2e tier',
      'chromium',
      existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') || has('chromium'),
    ],
    ['Java 17+ for Keycloak', 'openjdk-17-jre-headless', javaMajor() >= 17],
    ['unzip for the Keycloak download', 'unzip', has('unzip')],
    [
      'nginx for the hosting e2e project',
      'nginx-light',
      existsSync('/usr/sbin/nginx') || has('nginx') || !!process.env.NGINX_PATH,
    ],
  ]
}

export function ensurePrerequisites({ log = console.log } = {}) {
  const missing = prerequisites().filter(([, , present]) => !present)
  if (missing.length === 0) {
    log('Chromium, Java 17+, unzip and nginx are present.')
    return true
  }
  const packages = missing.map(([, pkg]) => pkg)
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`
  const debianRoot = process.getuid?.() === 0 && has('apt-get')
  if (!debianRoot) {
    log(`Missing: ${missing.map(([what]) => what).join('; ')}.`)
    log(`Install them, then run npm test again. On Debian or Ubuntu: sudo sh -c '${command}'`)
    return false
  }
  log(
    `Installing Debian packages: ${packages.join(' ')} (${missing.map(([what]) => what).join('; ')})`,
  )
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env,
  })
  if (update.status !== 0 || install.status !== 0) {
    log(`The install failed. Run it by hand: ${command}`)
    return false
  }
  return prerequisites().every(([, , present]) => present)
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensurePrerequisites() ? 0 : 1)
