// keycloak/run.mjs: the messages a developer sees when Keycloak cannot run.
import { afterEach, describe, expect, it } from 'vitest'

import { findJava, KeycloakSetupError } from '../../keycloak/run.mjs'

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
