// Serves the built site with a real nginx, configured by hosting/nginx.conf: what a host runs.
// Usage: node scripts/serve-nginx.mjs [--port 4183] [--base /acr-playground/]
// The configuration, pid file, logs and temporary files go to a fresh temporary directory, so it
// runs as root or not and touches neither /etc nor /var. Ctrl-C (or SIGTERM) stops nginx and
// removes that directory. nginx: NGINX_PATH, else `nginx` on the PATH, /usr/sbin or /usr/local/sbin.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')

export const NGINX_INSTALL = process.env.NGINX_PATH
  ? `NGINX_PATH=${process.env.NGINX_PATH} is not an nginx: fix or unset it`
  : 'apt-get install -y nginx-light (Debian; or nginx), or set NGINX_PATH'

/** The nginx binary to run, or undefined when there is none. */
export function findNginx() {
  if (process.env.NGINX_PATH)
    return existsSync(process.env.NGINX_PATH) ? process.env.NGINX_PATH : undefined
  const onPath = spawnSync('nginx', ['-v'], { stdio: 'ignore' })
  if (!onPath.error) return 'nginx'
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((file) =>
    existsSync(file),
  )
}

/** hosting/nginx.conf with its placeholders filled in. */
export function renderNginxConfig({ listen, base, dist, runtime }) {
  const bare = base.replace(/\/+$/, '')
  if (!/^(\/[\w.~-]+)+$/.test(bare)) throw new Error(`Not a sub-path: ${base}`)
  const values = { '@LISTEN@': listen, '@BASE@': bare, '@ROOT@': dist, '@RUNTIME@': runtime }
  for (const [name, value] of Object.entries(values))
    if (/[\s;{}"'$\\]/.test(value)) throw new Error(`${name} cannot be "${value}" in nginx.conf`)
  const template = readFileSync(resolve(root, 'hosting', 'nginx.conf'), 'utf8')
  return template.replace(/@(LISTEN|BASE|ROOT|RUNTIME)@/g, (name) => values[name])
}

function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4183' },
      base: { type: 'string', default: '/acr-playground/' },
    },
  })
  const dist = resolve(root, 'dist')
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No build in ${dist}: run "npm run build" first.`)
    process.exit(1)
  }
  const nginx = findNginx()
  if (!nginx) {
    console.error(`No nginx found. Install it: ${NGINX_INSTALL}.`)
    process.exit(1)
  }
  const runtime = mkdtempSync(join(tmpdir(), `acr-playground-nginx-${values.port}-`))
  const config = join(runtime, 'nginx.conf')
  writeFileSync(
    config,
    renderNginxConfig({
      listen: `localhost:${values.port}`,
      base: values.base,
      dist: dist.split(sep).join('/'),
      runtime,
    }),
  )

  // As root, nginx's workers would run as nobody, who may not read a checkout under a private
  // folder (mktemp -d is 0700): this local test server runs them as the caller instead.
  const globals = process.getuid?.() === 0 ? 'daemon off; user root;' : 'daemon off;'
  const child = spawn(nginx, ['-p', runtime, '-e', 'stderr', '-c', config, '-g', globals], {
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const cleanUp = () => rmSync(runtime, { recursive: true, force: true })
  child.on('error', (error) => {
    console.error(`Cannot run ${nginx}: ${error.message}. Install it: ${NGINX_INSTALL}.`)
    cleanUp()
    process.exit(1)
  })
  child.on('spawn', () =>
    console.log(`nginx serving ${dist} at http://localhost:${values.port}${values.base}`),
  )
  let stopping = false
  child.on('exit', (code, signal) => {
    cleanUp()
    if (!stopping) console.error(`nginx exited (${signal ?? `code ${code}`})`)
    process.exit(stopping ? 0 : (code ?? 1))
  })
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      stopping = true
      // nginx: TERM and INT stop at once; workers go with the master.
      child.kill('SIGTERM')
    })
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) main()
