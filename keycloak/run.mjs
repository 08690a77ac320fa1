// `npm run keycloak`: a real Keycloak on http://localhost:8080 with the project's step-up realms.
// Fetches the server distribution from Maven Central once (checked against its SHA-1), caches it
// outside the repository, starts it with a fresh import of every keycloak/realm-*.json (the main
// realm acr-playground, and acr-urls and acr-numeric), waits until every realm answers, and stops
// cleanly on Ctrl-C.
//
// Options: --port N (8080), --keep-data (keep users' changes from the last run),
//          --version X (26.5.6; the e2e tier also runs KEYCLOAK_VERSIONS' second, the newest 26.x),
//          --fetch-only (download and unpack, then exit: what CI does before the tests),
//          --copy NAME (a home of its own, keycloak-<version>-NAME: the e2e tier's is "e2e").
// Environment: KEYCLOAK_VERSION (as --version; the option wins), KEYCLOAK_CACHE (default
// ~/.cache/acr-playground; each version has its own zip and directory there), JAVA_HOME.
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'

/** The versions the e2e tier runs: the first is the default, the second the newest 26.x. */
export const KEYCLOAK_VERSIONS = ['26.5.6', '26.7.5']
export const KEYCLOAK_VERSION = KEYCLOAK_VERSIONS[0]
/** The e2e tier's own copy of each distribution (see ensureDistribution). */
export const E2E_COPY = 'e2e'
export const REALM = 'acr-playground'
/** The environment variable a realm file names as `${…}` for this Keycloak's own base URL. */
export const KEYCLOAK_URL_VARIABLE = 'ACR_PLAYGROUND_KEYCLOAK_URL'
const MAVEN = 'https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist'
const REALM_DIR = import.meta.dirname

/** The realm files this Keycloak imports: every keycloak/realm-*.json, each holding one realm. */
export function realmFiles() {
  return readdirSync(REALM_DIR)
    .filter((name) => /^realm-.+\.json$/.test(name))
    .sort()
    .map((name) => resolve(REALM_DIR, name))
}

/** The names of the realms it imports, the main realm first. */
export function realmNames() {
  const names = realmFiles().map((file) => JSON.parse(readFileSync(file, 'utf8')).realm)
  return [REALM, ...names.filter((name) => name !== REALM)]
}

export class KeycloakSetupError extends Error {}

/**
 * The version to run: the --version option, else KEYCLOAK_VERSION, else the default. Any released
 * x.y.z is accepted (Maven Central and its SHA-1 decide whether it exists); nothing else, since it
 * names a download and a directory.
 */
export function pickVersion(option, env = process.env) {
  const version = option ?? (env.KEYCLOAK_VERSION || KEYCLOAK_VERSION)
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    const from = option === undefined ? 'KEYCLOAK_VERSION' : '--version'
    throw new KeycloakSetupError(
      `${from} "${version}" is not a Keycloak version like ${KEYCLOAK_VERSION} (see ${MAVEN}/maven-metadata.xml).`,
    )
  }
  return version
}

function cacheDir() {
  return process.env.KEYCLOAK_CACHE ?? join(homedir(), '.cache', 'acr-playground')
}

/** The java to run, and its major version; a clear error when there is none or it is too old. */
export function findJava(version = KEYCLOAK_VERSION) {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    throw new KeycloakSetupError(
      `Keycloak needs Java 17 or newer, and "${java}" could not run. Install a JDK ` +
        '(Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.',
    )
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr)
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0
  if (major < 17) {
    throw new KeycloakSetupError(
      `Keycloak ${version} needs Java 17 or newer; ${java} is Java ${major}.`,
    )
  }
  return { java, major }
}

async function download(url, file) {
  let response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new KeycloakSetupError(
      `Could not download ${url} (${error.cause?.code ?? error.message}). Keycloak comes from Maven Central: ` +
        'check the network, or put the zip in the cache yourself (see README).',
    )
  }
  if (!response.ok)
    throw new KeycloakSetupError(`Download of ${url} failed: HTTP ${response.status}.`)
  await pipeline(Readable.fromWeb(response.body), createWriteStream(file))
}

function sha1(file) {
  return createHash('sha1').update(readFileSync(file)).digest('hex')
}

function unzip(zip, into) {
  const tools = [
    ['unzip', ['-q', '-o', zip, '-d', into]],
    ['python3', ['-m', 'zipfile', '-e', zip, into]],
  ]
  for (const [command, args] of tools) {
    const run = spawnSync(command, args, { stdio: 'inherit' })
    if (!run.error && run.status === 0) return
  }
  throw new KeycloakSetupError(`Could not unpack ${zip}: install unzip (apt-get install -y unzip).`)
}

/**
 * Download (once) and unpack one Keycloak version; returns its home directory. `copy` names a
 * home of its own (keycloak-<version>-<copy>): Keycloak rebuilds itself in its home whenever its
 * build options change, and imports what its home's data/import holds, so the e2e tier keeps its
 * own and never rebuilds or imports under a running `npm run keycloak`.
 */
export async function ensureDistribution({
  version = KEYCLOAK_VERSION,
  copy = '',
  log = console.log,
} = {}) {
  if (copy && !/^[a-z0-9-]+$/.test(copy))
    throw new KeycloakSetupError(`--copy "${copy}": lower-case letters, digits and - only.`)
  const dir = cacheDir()
  const home = join(dir, copy ? `keycloak-${version}-${copy}` : `keycloak-${version}`)
  if (existsSync(join(home, 'bin', 'kc.sh'))) return checkedHome(home, version)
  mkdirSync(dir, { recursive: true })
  const name = `keycloak-quarkus-dist-${version}.zip`
  const zip = join(dir, name)
  const url = `${MAVEN}/${version}/${name}`
  if (!existsSync(zip)) {
    log(`Downloading Keycloak ${version} from Maven Central (about 170 MB) into ${dir}`)
    await download(url, `${zip}.part`)
    const expected = (await (await fetch(`${url}.sha1`)).text()).trim().split(/\s+/)[0]
    const actual = sha1(`${zip}.part`)
    if (expected !== actual) {
      rmSync(`${zip}.part`, { force: true })
      throw new KeycloakSetupError(
        `The download's SHA-1 ${actual} is not Maven Central's ${expected}.`,
      )
    }
    renameSync(`${zip}.part`, zip)
  }
  log(`Unpacking ${zip}`)
  // Into a directory of this process, then renamed: a start beside it never sees half a home.
  const unpacking = join(dir, `.unpacking-${process.pid}`)
  rmSync(unpacking, { recursive: true, force: true })
  unzip(zip, unpacking)
  const unpacked = join(unpacking, `keycloak-${version}`)
  if (!existsSync(join(unpacked, 'bin', 'kc.sh'))) {
    rmSync(unpacking, { recursive: true, force: true })
    throw new KeycloakSetupError(`${zip} has no keycloak-${version}/bin/kc.sh.`)
  }
  try {
    renameSync(unpacked, home)
  } catch (error) {
    // Another start unpacked the same home first: use that one.
    if (!existsSync(join(home, 'bin', 'kc.sh'))) throw error
  } finally {
    rmSync(unpacking, { recursive: true, force: true })
  }
  return checkedHome(home, version)
}

/** The home, once its version.txt says it is the version asked for (a cache is only a folder). */
function checkedHome(home, version) {
  const file = join(home, 'version.txt')
  const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : 'no version.txt'
  if (text !== `Keycloak - Version ${version}`)
    throw new KeycloakSetupError(`${home} is not Keycloak ${version} (${text}): remove it.`)
  return home
}

/** Resolves once `url` answers 2xx; throws when the child exits or `timeoutMs` passes first. */
export async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new KeycloakSetupError(`Keycloak exited with code ${child.exitCode} while starting.`)
    try {
      // Each try has its own limit: a port held by a server that never answers must not stall it.
      const signal = AbortSignal.timeout(Math.max(Math.min(5000, deadline - Date.now()), 1))
      if ((await fetch(url, { signal })).ok) return
    } catch {
      // not listening yet, or no answer within the try's limit
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new KeycloakSetupError(`Keycloak did not answer ${url} within ${timeoutMs / 1000} s.`)
}

/** Copy this run's realm files into a home's import folder (one removed since must not come back). */
function stageRealmFiles(home) {
  const importDir = join(home, 'data', 'import')
  mkdirSync(importDir, { recursive: true })
  // The current ones are overwritten in place, never removed: another start may be importing them.
  const files = realmFiles()
  const current = new Set(files.map((file) => basename(file)))
  for (const name of readdirSync(importDir))
    if (/^realm-.+\.json$/.test(name) && !current.has(name)) rmSync(join(importDir, name))
  for (const file of files) copyFileSync(file, join(importDir, basename(file)))
}

/** An H2 database in a file of this folder (Keycloak's dev-file database, somewhere else). */
const h2Options = (dir) => [
  '--db=dev-file',
  `--db-url=jdbc:h2:file:${join(dir, 'keycloakdb')};NON_KEYWORDS=VALUE`,
]

/**
 * Run kc.sh start-dev in its own process group; resolves once each of `realms` answers, with its
 * URL and stop(). `javaOptions` go to the JVM (JAVA_OPTS_APPEND).
 */
async function launch({ home, java, port, realms, args, output, javaOptions = [] }) {
  const appended = [process.env.JAVA_OPTS_APPEND, ...javaOptions].filter(Boolean).join(' ')
  const child = spawn(
    join(home, 'bin', 'kc.sh'),
    ['start-dev', `--http-port=${port}`, '--http-host=localhost', ...args],
    {
      detached: true, // its own process group, so stop() ends the JVM too
      stdio: ['ignore', output, output],
      env: {
        ...process.env,
        ...(process.env.JAVA_HOME ? {} : { JAVA: java }),
        ...(appended ? { JAVA_OPTS_APPEND: appended } : {}),
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin',
        // Keycloak's import placeholder in realm-broker-downstream.json: its identity provider is
        // the realm broker-upstream of this same Keycloak, on whichever port it serves.
        [KEYCLOAK_URL_VARIABLE]: `http://localhost:${port}`,
      },
    },
  )
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done()
      child.once('exit', () => done())
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        done()
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }, 15000).unref()
    })
  const url = `http://localhost:${port}`
  try {
    const deadline = Date.now() + 600_000
    for (const realm of realms) {
      const discovery = `${url}/realms/${realm}/.well-known/openid-configuration`
      await waitUntilReady(discovery, child, Math.max(deadline - Date.now(), 1000))
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop }
}

/**
 * The folder of the e2e tier's database template for this version and port: its name holds a
 * hash of what the import made it from (the realm files, and the port their URLs name), so a
 * changed realm file never starts from a template of the old one.
 */
export function templateDir(version, port, files = realmFiles()) {
  const hash = createHash('sha256').update(`${version} ${port}\n`)
  for (const file of files) hash.update(`${basename(file)}\n`).update(readFileSync(file))
  return join(cacheDir(), `keycloak-${version}-db-${port}-${hash.digest('hex').slice(0, 16)}`)
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Import the realms once into a database file, kept as the template of every fresh start: stop
 * the Keycloak that imported them (H2 closes its file), then move the file into place. Older
 * templates of this version and port go.
 */
async function buildTemplate({ template, home, java, version, port, realms, output, log }) {
  const building = `${template}.${process.pid}.building`
  rmSync(building, { recursive: true, force: true })
  log(`Importing the realms into a database template for Keycloak ${version} (once)`)
  stageRealmFiles(home)
  try {
    const args = ['--import-realm', ...h2Options(building)]
    await (await launch({ home, java, port, realms, args, output })).stop()
    // Older templates of this version and port, and what a start that was killed left building.
    const prefix = basename(template).replace(/[^-]+$/, '')
    for (const name of readdirSync(cacheDir())) {
      const pid = /\.(\d+)\.building$/.exec(name)?.[1]
      const stale = pid ? !isAlive(Number(pid)) : name !== basename(template)
      if (name.startsWith(prefix) && stale) rmSync(join(cacheDir(), name), { recursive: true })
    }
    renameSync(building, template)
  } catch (error) {
    // Another start made the same template first: use that one.
    if (!existsSync(join(template, 'keycloakdb.mv.db'))) throw error
  } finally {
    rmSync(building, { recursive: true, force: true })
  }
}

/**
 * Start Keycloak with the project's realms (every keycloak/realm-*.json). Resolves when each answers.
 * `fresh`: the e2e tier's start, with its own `copy` of the distribution (see ensureDistribution).
 * Each start gets a database of its own, copied from a template into a temporary folder and
 * removed at stop(), so every run begins from the realm files alone. The template is the realms
 * imported once per version, port and realm files (cached beside the distributions): a start
 * skips the schema creation and the import, about 30 of its 50 CPU-s. The JVM compiles with C1
 * only (-XX:TieredStopAtLevel=1): a fresh start from the template takes half the CPU, and the
 * C2 compiler's work while the tests run (most of a test Keycloak's CPU) goes. Themes and
 * templates are cached, as outside dev mode.
 * @returns {Promise<{ version: string, url: string, realms: string[], seconds: number, stop: () => Promise<void> }>}
 */
export async function startKeycloak({
  version = KEYCLOAK_VERSION,
  copy = '',
  port = 8080,
  keepData = false,
  fresh = false,
  log = console.log,
  output = 'inherit',
} = {}) {
  const { java } = findJava(version)
  const home = await ensureDistribution({ version, copy, log })
  const started = Date.now()
  const realms = realmNames()
  const seconds = () => (Date.now() - started) / 1000
  if (!fresh) {
    if (!keepData) rmSync(join(home, 'data', 'h2'), { recursive: true, force: true })
    stageRealmFiles(home)
    const keycloak = await launch({ home, java, port, realms, args: ['--import-realm'], output })
    return { version, realms, ...keycloak, seconds: seconds() }
  }
  const template = templateDir(version, port)
  if (!existsSync(join(template, 'keycloakdb.mv.db')))
    await buildTemplate({ template, home, java, version, port, realms, output, log })
  const database = mkdtempSync(join(tmpdir(), `acr-playground-keycloak-${port}-`))
  try {
    copyFileSync(join(template, 'keycloakdb.mv.db'), join(database, 'keycloakdb.mv.db'))
    const keycloak = await launch({
      home,
      java,
      port,
      realms,
      // start-dev turns theme caching off (for theme authors): every login page parsed its
      // FreeMarker templates again, about a seventh of a test Keycloak's CPU per login.
      args: [
        ...h2Options(database),
        '--spi-theme--cache-themes=true',
        '--spi-theme--cache-templates=true',
      ],
      output,
      javaOptions: ['-XX:TieredStopAtLevel=1'],
    })
    const stop = async () => {
      await keycloak.stop()
      rmSync(database, { recursive: true, force: true })
    }
    return { version, realms, url: keycloak.url, stop, seconds: seconds() }
  } catch (error) {
    rmSync(database, { recursive: true, force: true })
    throw error
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      'keep-data': { type: 'boolean', default: false },
      'fetch-only': { type: 'boolean', default: false },
      version: { type: 'string' },
      copy: { type: 'string' },
    },
  })
  try {
    const version = pickVersion(values.version)
    if (values['fetch-only']) {
      findJava(version)
      const home = await ensureDistribution({ version, copy: values.copy })
      console.log(`Keycloak ${version} is in ${home}`)
      process.exit(0)
    }
    const keycloak = await startKeycloak({
      version,
      copy: values.copy,
      port: Number(values.port),
      keepData: values['keep-data'],
    })
    console.log(`
Keycloak ${version} is ready (started in ${keycloak.seconds.toFixed(0)} s).
  Admin console: ${keycloak.url}/admin, admin/admin
  Users in every realm: alice/alice (password), bob/bob (+ OTP), carol/carol (+ OTP; in acr-playground
    also WebAuthn, registered on her first gold login)

  Realm:    ${keycloak.url}/realms/${REALM}   (acr.loa.map on the realm)
  Clients:  acr-playground, acr-playground-min-silver (Minimum ACR silver), acr-playground-no-acr
  Levels:   bronze=1 password (36000 s), silver=2 + OTP (20 s), gold=3 + WebAuthn (0 s: always fresh)

  Realm:    ${keycloak.url}/realms/acr-urls   (URL-valued ACR names; acr.loa.map on clients only)
  Clients:  urls-app (https://example.com/loa/low=1, https://example.com/loa/substantial=2),
            urls-default (same map, Default ACR values .../substantial),
            urls-min (same map, Minimum ACR value .../substantial),
            urls-other-map (urn:example:aal1=1, urn:example:aal2=2), urls-no-map (no map)
  Levels:   1 password (36000 s), 2 + OTP (300 s)

  Realm:    ${keycloak.url}/realms/acr-numeric   (no acr.loa.map anywhere: acr_values 1 and 2)
  Clients:  numeric-app
  Levels:   1 password (36000 s), 2 + OTP (300 s)

  Realm:    ${keycloak.url}/realms/acr-conditional   (level 1 asks the OTP too of the role admins: bob, not alice)

  Realm:    ${keycloak.url}/realms/broker-downstream   (users sign in through broker-upstream)
  Clients:  acr-playground; identity providers upstream, upstream-quiet (kc_idp_hint)
  Users:    at broker-upstream: frank, gina, hank, iris (password = name, + OTP)

  In the playground choose the "Local Keycloak" preset. Ctrl-C stops Keycloak.`)
    const shutdown = async () => {
      await keycloak.stop()
      process.exit(0)
    }
    process.on('SIGINT', shutdown)
    process.on('SIGTERM', shutdown)
  } catch (error) {
    console.error(error instanceof KeycloakSetupError ? `\n${error.message}` : error)
    process.exit(1)
  }
}
