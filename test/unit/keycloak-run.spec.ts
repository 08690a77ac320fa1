// keycloak/run.mjs: the messages a developer sees when Keycloak cannot run, and which version runs.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import {
  ensureDistribution,
  findJava,
  KEYCLOAK_VERSION,
  KEYCLOAK_VERSIONS,
  KeycloakSetupError,
  pickVersion,
  realmFiles,
  templateDir,
  waitUntilReady,
} from '../../keycloak/run.mjs'

describe('findJava', () => {
  const saved = process.env.JAVA_HOME
  afterEach(() => {
    if (saved === undefined) delete process.env.JAVA_HOME
    else process.env.JAVA_HOME = saved
  })

  it('says what to install when there is no Java', () => {
    process.env.JAVA_HOME = '/nonexistent/jdk'
    expect(() => findJava()).toThrow(KeycloakSetupError)
    expect(() => findJava()).toThrow(/Java 17 or newer.*openjdk-17-jre-headless.*JAVA_HOME/)
  })
})

describe('pickVersion', () => {
  it('defaults to the first of the e2e tier’s versions, 26.5.6', () => {
    expect(KEYCLOAK_VERSIONS).toEqual(['26.5.6', '26.7.5'])
    expect(KEYCLOAK_VERSION).toBe('26.5.6')
  })

  it.each([
    ['nothing set: the default', undefined, {}, '26.5.6'],
    ['KEYCLOAK_VERSION', undefined, { KEYCLOAK_VERSION: '26.7.5' }, '26.7.5'],
    ['an empty KEYCLOAK_VERSION: the default', undefined, { KEYCLOAK_VERSION: '' }, '26.5.6'],
    ['--version', '26.7.5', {}, '26.7.5'],
    ['--version wins over KEYCLOAK_VERSION', '26.5.6', { KEYCLOAK_VERSION: '26.7.5' }, '26.5.6'],
    ['any released x.y.z', '25.0.6', {}, '25.0.6'],
  ])('%s', (_, option, env, version) => {
    expect(pickVersion(option, env)).toBe(version)
  })

  it.each([
    ['--version', 'latest', {}],
    ['--version', '26.7', {}],
    ['--version', '../26.5.6', {}],
    ['--version', '26.5.6/../../x', {}],
    ['--version', '', {}],
    ['KEYCLOAK_VERSION', undefined, { KEYCLOAK_VERSION: '26.7.5-SNAPSHOT' }],
    ['KEYCLOAK_VERSION', undefined, { KEYCLOAK_VERSION: ' 26.7.5' }],
  ])('refuses %s %j (it names a download and a directory)', (from, option, env) => {
    expect(() => pickVersion(option, env)).toThrow(KeycloakSetupError)
    expect(() => pickVersion(option, env)).toThrow(
      new RegExp(`^${from} ".*" is not a Keycloak version like 26\\.5\\.6`),
    )
  })
})

describe('ensureDistribution', () => {
  it.each(['../x', 'E2E', 'a/b', '.'])(
    'refuses the copy name %j before touching a file',
    async (copy) => {
      await expect(ensureDistribution({ version: '26.5.6', copy, log: () => {} })).rejects.toThrow(
        /^--copy ".*": lower-case letters, digits and - only\.$/,
      )
    },
  )

  describe('a cached home', () => {
    const saved = process.env.KEYCLOAK_CACHE
    afterEach(() => {
      if (saved === undefined) delete process.env.KEYCLOAK_CACHE
      else process.env.KEYCLOAK_CACHE = saved
    })
    /** A cache holding keycloak-26.5.6-e2e whose version.txt reads `text`. */
    function cacheWith(text: string | undefined) {
      const cache = mkdtempSync(join(tmpdir(), 'keycloak-cache-'))
      const home = join(cache, 'keycloak-26.5.6-e2e')
      mkdirSync(join(home, 'bin'), { recursive: true })
      writeFileSync(join(home, 'bin', 'kc.sh'), '')
      if (text !== undefined) writeFileSync(join(home, 'version.txt'), text)
      process.env.KEYCLOAK_CACHE = cache
      return home
    }

    it('is used when its version.txt names the version', async () => {
      const home = cacheWith('Keycloak - Version 26.5.6\n')
      await expect(ensureDistribution({ version: '26.5.6', copy: 'e2e' })).resolves.toBe(home)
    })

    it.each([
      [
        'another version',
        'Keycloak - Version 26.7.5',
        /\(Keycloak - Version 26\.7\.5\): remove it/,
      ],
      ['a longer version', 'Keycloak - Version 26.5.60', /\(Keycloak - Version 26\.5\.60\)/],
      ['no version.txt', undefined, /\(no version\.txt\)/],
    ])('is refused with %s', async (_, text, reason) => {
      cacheWith(text)
      const run = ensureDistribution({ version: '26.5.6', copy: 'e2e', log: () => {} })
      await expect(run).rejects.toThrow(KeycloakSetupError)
      await expect(
        ensureDistribution({ version: '26.5.6', copy: 'e2e', log: () => {} }),
      ).rejects.toThrow(reason)
    })
  })
})

describe('waitUntilReady', () => {
  it('gives up at its deadline when the port is held by a server that never answers', async () => {
    const silent = createServer(() => {}) // accepts the connection, never writes a byte
    await new Promise<void>((done) => silent.listen(0, 'localhost', done))
    const { port } = silent.address() as { port: number }
    try {
      await expect(
        waitUntilReady(`http://localhost:${port}/`, { exitCode: null }, 1500),
      ).rejects.toThrow(/did not answer .* within 1\.5 s/)
    } finally {
      silent.close()
    }
  })
})

describe('templateDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-playground-template-'))
  const files = ['realm-a.json', 'realm-b.json'].map((name) => join(dir, name))
  const write = (a: string, b: string) => {
    writeFileSync(files[0]!, a)
    writeFileSync(files[1]!, b)
  }

  it('names the version and port, and stays the same for the same realm files', () => {
    write('{"realm":"a"}', '{"realm":"b"}')
    const name = templateDir('26.5.6', 8180, files)
    expect(name).toMatch(/keycloak-26\.5\.6-db-8180-[0-9a-f]{16}$/)
    expect(templateDir('26.5.6', 8180, files)).toBe(name)
  })

  it.each([
    ['a realm file changes by one byte', '{"realm":"c"}', '26.5.6', 8180],
    ['another port (the URLs an import resolves)', '{"realm":"b"}', '26.5.6', 8190],
    ['another version', '{"realm":"b"}', '26.7.5', 8180],
  ])('is another folder when %s', (_, realmB, version, port) => {
    write('{"realm":"a"}', '{"realm":"b"}')
    const before = templateDir('26.5.6', 8180, files)
    write('{"realm":"a"}', realmB)
    expect(templateDir(version, port, files)).not.toBe(before)
  })
})

describe('the realm files', () => {
  // Keycloak 26 hashes a password with Argon2 unless the realm says otherwise: a password login
  // took a test Keycloak (C1 only) 330–400 ms of CPU with it, 130–240 ms with this policy.
  it.each(realmFiles().map((file) => [basename(file), file]))(
    '%s hashes its test passwords cheaply (PBKDF2-SHA256, 1000 iterations)',
    (_, file) => {
      const realm = JSON.parse(readFileSync(file, 'utf8')) as { passwordPolicy?: string }
      expect(realm.passwordPolicy).toBe('hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)')
    },
  )
})
