import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { KEYCLOAK_FACTS, KEYCLOAK_VERSIONS, type KeycloakFact } from '@/lib/keycloak-facts'
import { KEYCLOAK_REALM_FACTS } from '@/lib/keycloak-realm-facts'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const RESEARCH = read('docs/keycloak-research.md')
const README = read('README.md')
const facts = Object.entries({ ...KEYCLOAK_FACTS, ...KEYCLOAK_REALM_FACTS }) as [
  string,
  KeycloakFact,
][]

it('no code is in both tables', () => {
  expect(Object.keys(KEYCLOAK_FACTS).filter((code) => code in KEYCLOAK_REALM_FACTS)).toEqual([])
})

describe('the Keycloak facts table', () => {
  it.each(facts)('%s names a test that exists', (_, fact) => {
    expect(read(fact.proof.spec)).toContain(fact.proof.test)
  })

  it.each(facts)('%s points at a section of the research note', (_, fact) => {
    expect(RESEARCH).toContain(`<a id="${fact.research}"></a>`)
  })

  it.each(facts)('%s has a sentence for every version', (_, fact) => {
    for (const version of KEYCLOAK_VERSIONS) expect(fact.text[version].length).toBeGreaterThan(0)
  })

  it.each(facts)('%s is listed in the README', (code) => {
    expect(README).toContain(`\`${code}\``)
  })
})
