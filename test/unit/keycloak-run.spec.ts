// keycloak/run.mjs: the messages a developer sees when Keycloak cannot run, and which version runs.
import { afterEach, describe, expect, it } from 'vitest'

import {
  ensureDistribution,
  findJava,
  KEYCLOAK_VERSION,
  KEYCLOAK_VERSIONS,
  KeycloakSetupError,
  pickVersion,
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
})
