import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { KEYCLOAK_FACTS, KEYCLOAK_VERSIONS, type KeycloakFact } from '@/lib/keycloak/keycloak-facts'
import { KEYCLOAK_REALM_FACTS } from '@/lib/keycloak/keycloak-realm-facts'

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

// The README's two Keycloak tables have a column per version. A cell is "✓" and the tests that
// prove the row on that version (`spec` "part of its title"…), "✓ the same test(s)" (those of the
// 26.5.6 column), or the reason it is not proven there. The project keycloak-26.7.5 runs only
// tests tagged @facts (in their title or a describe's around them), so a ✓ there must name those.

type TestRef = { spec: string; parts: string[] }
type VersionCell =
  { proven: false; reason: string } | { proven: true; same: boolean; refs: TestRef[] }

/** The body rows of the README table whose header line is `header`, as trimmed cells. */
function tableRows(header: string): string[][] {
  const lines = README.split('\n')
  const start = lines.indexOf(header)
  if (start < 0) throw new Error(`no README table with the header ${header}`)
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )
  }
  return rows
}

/** One version's cell: each quoted title part belongs to the spec named before it. */
function parseCell(cell: string): VersionCell {
  if (!cell.startsWith('✓')) return { proven: false, reason: cell }
  if (/^✓ the same tests?$/.test(cell)) return { proven: true, same: true, refs: [] }
  const refs: TestRef[] = []
  for (const [, spec, quoted] of cell.matchAll(/`([\w/.-]+\.spec\.ts)`|"([^"]+)"/g)) {
    if (spec) refs.push({ spec, parts: [] })
    else if (quoted) refs.at(-1)?.parts.push(quoted)
  }
  return { proven: true, same: false, refs }
}

const E2E = 'test/e2e/'
/** A spec as the README names it: `keycloak/x.spec.ts`, or `x.spec.ts` for test/e2e/keycloak/x.spec.ts. */
const specPath = (spec: string) => `${E2E}${spec.includes('/') ? spec : `keycloak/${spec}`}`

/** The line of the one test or describe title that holds `part` (an ellipsis stands for the rest). */
function titleLine(lines: string[], part: string): number {
  const pieces = part.split('…').filter(Boolean)
  const found = lines.flatMap((line, i) =>
    /^\s*([\w.]+\()?['"`]/.test(line) && pieces.every((p) => line.includes(p)) ? [i] : [],
  )
  if (found.length !== 1) throw new Error(`"${part}" is the title of ${found.length} tests`)
  return found[0]!
}

/** The title on `at` and what follows it up to the test's function (where `{ tag }` would be). */
function titleAndOptions(lines: string[], at: number): string {
  const end = lines.findIndex((line, i) => i >= at && /=>|\basync\b/.test(line))
  return lines.slice(at, end < 0 ? at + 1 : end + 1).join('\n')
}

/** Whether the title on `at`, or that of a describe around it, carries @facts (or `{ tag }`). */
function taggedFacts(lines: string[], at: number): boolean {
  if (titleAndOptions(lines, at).includes('@facts')) return true
  let indent = lines[at]!.search(/\S/)
  for (let i = at - 1; i >= 0; i--) {
    const own = lines[i]!.search(/\S/)
    if (own < 0 || own >= indent) continue
    indent = own
    if (/\btest\.describe\(/.test(lines[i]!) && titleAndOptions(lines, i).includes('@facts'))
      return true
  }
  return false
}

/** Each named test as (spec file, its title line); throws on a name that is not one test's. */
function resolveRefs(refs: TestRef[]) {
  return refs.flatMap(({ spec, parts }) => {
    if (parts.length === 0) throw new Error(`${spec} is named without a test`)
    const lines = read(specPath(spec)).split('\n')
    return parts.map((part) => ({ spec: specPath(spec), part, lines, at: titleLine(lines, part) }))
  })
}

const FACT_TABLES = [
  { header: '| code | when | 26.5.6 | 26.7.5 |', first: 2 },
  { header: '| behaviour | 26.5.6 | 26.7.5 |', first: 1 },
  // The hints: last, so a code that is both a fact and a hint finds its fact row first.
  { header: '| code | shows when | 26.5.6 | 26.7.5 |', first: 2 },
]
const factRows = FACT_TABLES.flatMap(({ header, first }) =>
  tableRows(header).map((cells) => ({
    row: cells[0]!.slice(0, 60),
    cells,
    [KEYCLOAK_VERSIONS[0]]: parseCell(cells[first]!),
    [KEYCLOAK_VERSIONS[1]]: parseCell(cells[first + 1]!),
  })),
)

describe('the cell of a version in the README', () => {
  it.each([
    [
      '✓ `step-up.spec.ts` "several acr_values"',
      [{ spec: 'step-up.spec.ts', parts: ['several acr_values'] }],
    ],
    [
      '✓ `realm-shapes.spec.ts` "minimum ACR"; `step-up.spec.ts` "a" and "b"',
      [
        { spec: 'realm-shapes.spec.ts', parts: ['minimum ACR'] },
        { spec: 'step-up.spec.ts', parts: ['a', 'b'] },
      ],
    ],
    [
      '✓ `plans/x.plan.json` step 7, run by `keycloak/plans.spec.ts` "npm run plan"',
      [{ spec: 'keycloak/plans.spec.ts', parts: ['npm run plan'] }],
    ],
    ['✓ "a title without its spec"', []],
  ])('%s names its tests', (cell, refs) => {
    expect(parseCell(cell)).toEqual({ proven: true, same: false, refs })
  })

  it.each(['✓ the same test', '✓ the same tests'])('"%s" names those of 26.5.6', (cell) => {
    expect(parseCell(cell)).toEqual({ proven: true, same: true, refs: [] })
  })

  it.each(['not run there: the test is not tagged `@facts`', '', 'the same test ✓'])(
    '"%s" is a reason, not a proof',
    (cell) => {
      expect(parseCell(cell)).toEqual({ proven: false, reason: cell })
    },
  )
})

describe('each README fact row, per Keycloak version', () => {
  it('the tables are found, each with its rows', () => {
    expect(factRows.length).toBeGreaterThan(facts.length + 20)
  })

  it.each(factRows)('$row…: 26.5.6 is a named test of the Keycloak tier, or a reason', (row) => {
    const cell = row['26.5.6']
    if (!cell.proven) return expect(cell.reason.length).toBeGreaterThan(10)
    expect(cell.same).toBe(false)
    const tests = resolveRefs(cell.refs)
    expect(tests.length).toBeGreaterThan(0)
    // The project keycloak runs test/e2e/keycloak/ on 26.5.6.
    for (const { spec } of tests) expect(spec).toMatch(/^test\/e2e\/keycloak\//)
  })

  it.each(factRows)('$row…: a ✓ under 26.7.5 names only tests tagged @facts', (row) => {
    const cell = row['26.7.5']
    if (!cell.proven) return expect(cell.reason.length).toBeGreaterThan(10)
    const first = row['26.5.6']
    const refs = cell.same && first.proven ? first.refs : cell.refs
    if (cell.same) expect(first.proven).toBe(true)
    const tests = resolveRefs(refs)
    expect(tests.length).toBeGreaterThan(0)
    for (const { spec, part, lines, at } of tests) {
      expect(spec, part).toMatch(/^test\/e2e\/keycloak\//)
      expect(taggedFacts(lines, at), `${spec} "${part}" is tagged @facts`).toBe(true)
    }
  })

  it.each(facts)(
    '%s: its README row proves it on 26.5.6 with the test keycloak-facts.ts names',
    (code, fact) => {
      const row = factRows.find(({ cells }) => cells[0] === `\`${code}\``)
      const cell = row?.['26.5.6']
      if (!cell?.proven) throw new Error(`no ✓ under 26.5.6 for ${code}`)
      const lines = read(fact.proof.spec).split('\n')
      const proof = titleLine(lines, fact.proof.test)
      const named = resolveRefs(cell.refs).map(({ spec, at }) => `${spec}:${at}`)
      expect(named).toContain(`${fact.proof.spec}:${proof}`)
    },
  )
})
