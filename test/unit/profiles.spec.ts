import { describe, expect, it } from 'vitest'

import { defaultConfig, type PlaygroundConfig } from '@/lib/request/config'
import { INPUT_LIMITS } from '@/lib/core/limits'
import {
  FIRST_PROFILE_NAME,
  freeName,
  parseProfileName,
  readStoredProfiles,
  sameConfig,
  serializeProfiles,
  singleProfile,
  withActiveConfig,
  type Profile,
  type ProfilesDocument,
} from '@/lib/storage/profiles'
import {
  addProfile,
  encodeProfilesFile,
  importProfilesFile,
  removeProfile,
  renameProfile,
  type ImportLine,
} from '@/lib/storage/profiles-file'
import { readStoredConfig } from '@/lib/storage/stored-config'

const current: PlaygroundConfig = { ...defaultConfig(), acrValues: ['bronze'], clientId: 'now' }
const gold: PlaygroundConfig = { ...defaultConfig(), acrValues: ['gold'] }
const keycloak: PlaygroundConfig = {
  ...defaultConfig(),
  mode: 'keycloak',
  url: 'http://localhost:8180',
  realm: 'acr-playground',
}
const API = 'http://localhost:9401/api/transfer'

function doc(profiles: [string, PlaygroundConfig][], active = 'p1'): ProfilesDocument {
  return {
    version: 1,
    active,
    profiles: profiles.map(([name, config], i) => ({ id: `p${i + 1}`, name, config })),
  }
}
const stored = (value: unknown) => JSON.stringify(value)
const names = (d: ProfilesDocument) => d.profiles.map((p) => p.name)
const activeProfile = (d: ProfilesDocument): Profile | undefined =>
  d.profiles.find((p) => p.id === d.active)

describe('parseProfileName', () => {
  it.each([
    ['Work', 'Work'],
    ['  Keycloak gold  ', 'Keycloak gold'],
    ['Prüfung ✓ 日本', 'Prüfung ✓ 日本'],
    ['__proto__', '__proto__'],
    ['x'.repeat(60), 'x'.repeat(60)],
  ])('accepts %j as %j', (input, name) => {
    expect(parseProfileName(input)).toEqual({ ok: true, value: name })
  })

  it.each<[unknown, RegExp]>([
    ['', /is empty/],
    ['   ', /is empty/],
    ['x'.repeat(61), /longer than 60/],
    ['two\nlines', /control characters/],
    ['evil\u202Etxt.json', /control characters/],
    ['nul\u0000', /control characters/],
    [5, /not text/],
    [null, /not text/],
    [{ toString: () => 'x' }, /not text/],
  ])('refuses %j', (input, reason) => {
    const parsed = parseProfileName(input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(reason)
  })
})

describe('freeName and sameConfig', () => {
  it.each([
    ['Work', [], 'Work'],
    ['Work', ['work'], 'Work (2)'],
    ['Work', ['Work', 'Work (2)'], 'Work (3)'],
    ['x'.repeat(60), ['x'.repeat(60)], `${'x'.repeat(56)} (2)`],
  ])('%s among %j is free as %s', (name, taken, free) => {
    const profiles = taken.map((n, i) => ({ id: `p${i}`, name: n, config: current }))
    expect(freeName(name, profiles)).toBe(free)
    expect(free.length).toBeLessThanOrEqual(INPUT_LIMITS.profileNameChars)
  })

  it('compares configurations whatever their key order', () => {
    const reordered = { ...current, loaMap: { gold: 3, silver: 2, bronze: 1 } }
    expect(sameConfig(current, reordered)).toBe(true)
    expect(sameConfig(current, { ...current, acrValues: ['gold'] })).toBe(false)
  })
})

describe('readStoredProfiles: valid documents and migration', () => {
  it('nothing stored (a browser from before profiles): the configuration becomes "Default"', () => {
    // The old single configuration, as it is still stored under STORAGE_KEY_CONFIG.
    const old = readStoredConfig(JSON.stringify({ clientId: 'legacy', acrValues: ['gold'] }))
    const loaded = readStoredProfiles(null, old.config)
    expect(loaded.problems).toEqual([])
    expect(loaded.document).toEqual(singleProfile(old.config))
    expect(names(loaded.document)).toEqual([FIRST_PROFILE_NAME])
    expect(activeProfile(loaded.document)?.config.clientId).toBe('legacy')
  })

  it('round-trips a document; the active profile holds the configuration on show', () => {
    const saved = doc(
      [
        ['Default', current],
        ['Gold', gold],
      ],
      'p2',
    )
    const onShow = { ...gold, loginHint: 'edited since' }
    const loaded = readStoredProfiles(serializeProfiles(saved), onShow)
    expect(loaded.problems).toEqual([])
    expect(loaded.document).toEqual(withActiveConfig(saved, onShow))
  })

  it('does not judge the active profile’s stale copy (the configuration on show wins)', () => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: [{ id: 'p1', name: 'A', config: { issuer: 'javascript:alert(1)' } }],
    })
    const loaded = readStoredProfiles(raw, current)
    expect(loaded.problems).toEqual([])
    expect(activeProfile(loaded.document)?.config).toEqual(current)
  })

  it('reads what it knows of a newer schema', () => {
    const raw = stored({
      version: 7,
      active: 'p1',
      future: true,
      profiles: [{ id: 'p1', name: 'A', config: current, colour: 'red' }],
    })
    const loaded = readStoredProfiles(raw, current)
    expect(names(loaded.document)).toEqual(['A'])
    expect(loaded.problems.join(' ')).toMatch(/newer version \(schema 7\)/)
  })
})

describe('readStoredProfiles: damaged and hostile documents', () => {
  const big = 'x'.repeat(INPUT_LIMITS.profilesChars + 1)
  it.each<[string, string, RegExp]>([
    ['not JSON', '{not json', /not readable \(not JSON\)/],
    ['a list', '[]', /unknown shape/],
    ['null', 'null', /unknown shape/],
    ['profiles not a list', stored({ version: 1, profiles: { length: 1e9 } }), /unknown shape/],
    ['no version', stored({ profiles: [] }), /unknown shape/],
    ['an empty list', stored({ version: 1, active: 'p1', profiles: [] }), /held none/],
    ['past the size limit', big, /at most 1048576 characters/],
    ['nested 5,000 deep', '['.repeat(5000), /nests deeper than 16/],
    [
      'only entries of the wrong type',
      stored({ version: 1, active: 'p1', profiles: [1, 'a', null, [], true] }),
      /#5 was left out: it is not an object.*kept as the profile "Default"/,
    ],
  ])('%s: one profile with the configuration on show, and says why', (_, raw, reason) => {
    const loaded = readStoredProfiles(raw, current)
    expect(loaded.document).toEqual(singleProfile(current))
    expect(loaded.problems.join(' ')).toMatch(reason)
  })

  it.each<[string, unknown[], string[], RegExp]>([
    [
      'a name of the wrong type',
      [{ id: 'p2', name: 5, config: gold }],
      [],
      /#2 .*name is not text/,
    ],
    ['an empty name', [{ id: 'p2', name: ' ', config: gold }], [], /#2 .*name is empty/],
    [
      'a name with a bidi override',
      [{ id: 'p2', name: 'a\u202Eb', config: gold }],
      [],
      /#2 .*control characters/,
    ],
    [
      'a configuration of the wrong type',
      [{ id: 'p2', name: 'B', config: 'x' }],
      [],
      /#2 .*not an object/,
    ],
    ['an entry that is a list', [[1, 2]], [], /#2 .*not an object/],
    [
      'the same name twice (another case)',
      [{ id: 'p2', name: 'a', config: gold }],
      ['a (2)'],
      /#2 is now "a \(2\)": its name was taken/,
    ],
    [
      'a field that cannot be read',
      [{ id: 'p2', name: 'B', config: { ...gold, issuer: 'javascript:alert(1)' } }],
      ['B'],
      /Profile "B": the saved issuer must be an http: or https: URL.*reset to its default/,
    ],
  ])('%s: the rest loads, and the problem is named', (_, more, added, reason) => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: [{ id: 'p1', name: 'A', config: current }, ...more],
    })
    const loaded = readStoredProfiles(raw, current)
    expect(names(loaded.document)).toEqual(['A', ...added])
    expect(loaded.document.active).toBe('p1')
    expect(loaded.problems.join(' ')).toMatch(reason)
  })

  it('a field that cannot be read keeps its default', () => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: [
        { id: 'p1', name: 'A', config: current },
        { id: 'p2', name: 'B', config: { ...gold, issuer: 'javascript:alert(1)', maxAge: -1 } },
      ],
    })
    const b = readStoredProfiles(raw, current).document.profiles[1]
    expect(b?.config).toEqual({ ...gold, issuer: defaultConfig().issuer, maxAge: null })
  })

  it('__proto__ keys are data, never a prototype', () => {
    const raw =
      '{"__proto__":{"polluted":1},"version":1,"active":"p1","profiles":[' +
      '{"__proto__":{"name":"inherited"},"id":"p1","name":"__proto__",' +
      '"config":{"__proto__":{"issuer":"javascript:alert(1)"},"clientId":"c"}},' +
      '{"id":"p2","name":"B","config":{"loaMap":{"__proto__":1}}}]}'
    const loaded = readStoredProfiles(raw, current)
    expect(names(loaded.document)).toEqual(['__proto__', 'B'])
    expect(loaded.document.profiles[1]?.config.loaMap).toEqual(defaultConfig().loaMap)
    expect(loaded.problems.join(' ')).toMatch(/Profile "B": .*may not use __proto__/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).issuer).toBeUndefined()
  })

  it('keeps 20 profiles and names each one left out', () => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: Array.from({ length: 25 }, (_, i) => ({
        id: `p${i + 1}`,
        name: `P${i}`,
        config: gold,
      })),
    })
    const loaded = readStoredProfiles(raw, current)
    expect(loaded.document.profiles).toHaveLength(INPUT_LIMITS.profiles)
    expect(loaded.problems.join(' ')).toMatch(/#21 was left out: at most 20 profiles are kept/)
    expect(loaded.problems.join(' ')).toMatch(/#25 was left out: at most 20 profiles are kept/)
  })

  it('gives a second profile with the same id an id of its own', () => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: [
        { id: 'p1', name: 'A', config: current },
        { id: 'p1', name: 'B', config: gold },
        { id: '../x', name: 'C', config: gold },
      ],
    })
    const ids = readStoredProfiles(raw, current).document.profiles.map((p) => p.id)
    expect(new Set(ids).size).toBe(3)
    expect(ids[0]).toBe('p1')
  })

  it('no active profile named: the one holding the configuration on show becomes active', () => {
    const raw = stored({
      version: 1,
      active: 'gone',
      profiles: [
        { id: 'p1', name: 'A', config: gold },
        { id: 'p2', name: 'B', config: current },
      ],
    })
    const loaded = readStoredProfiles(raw, current)
    expect(loaded.document.active).toBe('p2')
    expect(names(loaded.document)).toEqual(['A', 'B'])
  })

  it.each([
    ['a few profiles', 2, ['P0', 'P1', 'Recovered']],
    ['20 profiles already', 20, [...Array.from({ length: 19 }, (_, i) => `P${i}`), 'Recovered']],
  ])(
    'no active profile named and none holds the configuration on show (%s): it is kept as "Recovered"',
    (_, count, expected) => {
      const raw = stored({
        version: 1,
        active: 42,
        profiles: Array.from({ length: count }, (_, i) => ({
          id: `p${i + 1}`,
          name: `P${i}`,
          config: gold,
        })),
      })
      const loaded = readStoredProfiles(raw, current)
      expect(names(loaded.document)).toEqual(expected)
      expect(activeProfile(loaded.document)?.config).toEqual(current)
      expect(loaded.problems.join(' ')).toMatch(/kept as the profile "Recovered"/)
    },
  )

  it('lists 20 problems at most, and counts the rest', () => {
    const raw = stored({
      version: 1,
      active: 'p1',
      profiles: [
        { id: 'p1', name: 'A', config: current },
        ...Array.from({ length: 10_000 }, () => 0),
      ],
    })
    const started = performance.now()
    const loaded = readStoredProfiles(raw, current)
    expect(performance.now() - started).toBeLessThan(500)
    expect(loaded.problems).toHaveLength(21)
    expect(loaded.problems.at(-1)).toBe('9980 more problems were not listed.')
  })
})

describe('addProfile, renameProfile, removeProfile', () => {
  const two = doc([
    ['Default', current],
    ['Gold', gold],
  ])

  it('saves a new profile with a fresh id and makes it active', () => {
    const added = addProfile(two, '  Keycloak  ', keycloak)
    expect(added.ok && added.value.active).toBe('p3')
    expect(added.ok && names(added.value)).toEqual(['Default', 'Gold', 'Keycloak'])
  })

  it.each<[string, ProfilesDocument, string, PlaygroundConfig, RegExp]>([
    ['an empty name', two, ' ', current, /The name is empty/],
    ['a name taken in another case', two, 'gold', current, /named "Gold" exists already/],
    [
      'a 21st profile',
      doc(Array.from({ length: 20 }, (_, i): [string, PlaygroundConfig] => [`P${i}`, current])),
      'More',
      current,
      /At most 20 profiles/,
    ],
    [
      'past the size limit',
      two,
      'Big',
      { ...current, loginHint: 'x'.repeat(INPUT_LIMITS.profilesChars) },
      /would take 1\.0 MB; at most 1\.0 MB/,
    ],
  ])('refuses %s', (_, document, name, config, reason) => {
    const added = addProfile(document, name, config)
    expect(added.ok).toBe(false)
    if (!added.ok) expect(added.error).toMatch(reason)
  })

  it.each<[string, string, string, RegExp | string[]]>([
    ['renames', 'p2', 'Platinum', ['Default', 'Platinum']],
    ['changes only the case of its own name', 'p2', 'GOLD', ['Default', 'GOLD']],
    ['refuses a name another profile has', 'p2', 'default', /named "Default" exists already/],
    ['refuses an unknown profile', 'p9', 'X', /no such profile/],
    ['refuses a name too long', 'p1', 'x'.repeat(61), /longer than 60/],
  ])('rename %s', (_, id, name, expected) => {
    const renamed = renameProfile(two, id, name)
    if (Array.isArray(expected)) expect(renamed.ok && names(renamed.value)).toEqual(expected)
    else expect(!renamed.ok && renamed.error).toMatch(expected)
  })

  it('deletes; deleting the active one makes the first left active', () => {
    const three = doc(
      [
        ['A', current],
        ['B', gold],
        ['C', keycloak],
      ],
      'p2',
    )
    const other = removeProfile(three, 'p3')
    expect(other.ok && other.value.active).toBe('p2')
    const activeGone = removeProfile(three, 'p2')
    expect(activeGone.ok && [activeGone.value.active, names(activeGone.value)]).toEqual([
      'p1',
      ['A', 'C'],
    ])
  })

  it.each([
    ['the last profile', doc([['A', current]]), 'p1', /last profile/],
    ['an unknown profile', two, 'p9', /no such profile/],
  ])('never deletes %s', (_, document, id, reason) => {
    const removed = removeProfile(document, id)
    expect(!removed.ok && removed.error).toMatch(reason)
  })
})

describe('the profiles file', () => {
  const mine = doc([
    ['Default', current],
    ['Gold', gold],
    ['Keycloak', keycloak],
  ])

  it('holds names and configurations, never ids nor the API URL', () => {
    const file = JSON.parse(encodeProfilesFile(mine)) as {
      acrPlaygroundProfiles: number
      profiles: { name: string; config: Record<string, unknown> }[]
    }
    expect(file.acrPlaygroundProfiles).toBe(1)
    expect(file.profiles.map((p) => p.name)).toEqual(['Default', 'Gold', 'Keycloak'])
    expect(Object.keys(file.profiles[0] ?? {})).toEqual(['name', 'config'])
    expect(file.profiles.every((p) => !('apiUrl' in p.config))).toBe(true)
  })

  it('round-trips into a fresh browser: every profile back, with this browser’s API URL', () => {
    const fresh = singleProfile({ ...defaultConfig(), apiUrl: 'https://api.here/x' })
    const imported = importProfilesFile(fresh, encodeProfilesFile(mine), 'https://api.here/x')
    expect(imported.ok).toBe(true)
    if (!imported.ok) return
    expect(names(imported.value.document)).toEqual(['Default', 'Default (2)', 'Gold', 'Keycloak'])
    expect(imported.value.document.active).toBe(fresh.active)
    const byName = (n: string) => imported.value.document.profiles.find((p) => p.name === n)
    expect(byName('Gold')?.config).toEqual({ ...gold, apiUrl: 'https://api.here/x' })
    expect(byName('Default (2)')?.config).toEqual({ ...current, apiUrl: 'https://api.here/x' })
    expect(imported.value.lines.map((l) => [l.name, l.outcome, l.savedAs])).toEqual([
      ['Default', 'renamed', 'Default (2)'],
      ['Gold', 'imported', 'Gold'],
      ['Keycloak', 'imported', 'Keycloak'],
    ])
    expect(imported.value.lines[2]?.provider).toBe('http://localhost:8180/realms/acr-playground')
  })

  it('importing the same file twice changes nothing the second time', () => {
    const once = importProfilesFile(singleProfile(current), encodeProfilesFile(mine), API)
    if (!once.ok) throw new Error(once.error)
    const twice = importProfilesFile(once.value.document, encodeProfilesFile(mine), API)
    expect(twice.ok && twice.value.document).toEqual(once.value.document)
    expect(twice.ok && twice.value.lines.map((l) => l.outcome)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ])
  })

  it('never takes the API URL of a file, and says so', () => {
    const file = stored({
      acrPlaygroundProfiles: 1,
      profiles: [
        { name: 'Colleague', config: { ...gold, apiUrl: 'https://evil.example/collect' } },
      ],
    })
    const imported = importProfilesFile(singleProfile(current), file, API)
    const profile = imported.ok ? imported.value.document.profiles[1] : undefined
    expect(profile?.config.apiUrl).toBe(API)
    expect(imported.ok && imported.value.lines[0]?.notes.join(' ')).toMatch(/API URL was not taken/)
  })

  const twentyOne = stored({
    acrPlaygroundProfiles: 1,
    profiles: Array.from({ length: 21 }, (_, i) => ({ name: `P${i}`, config: {} })),
  })
  it.each<[string, string, RegExp]>([
    [
      'not JSON',
      '{"acrPlaygroundProfiles": 1\n "profiles": []}',
      /not JSON: a comma or } is missing after a value, at line 2, column 2/,
    ],
    ['a list', '[]', /not an ACR Playground profiles file/],
    [
      'another JSON file',
      stored({ realm: 'r', profiles: [] }),
      /not an ACR Playground profiles file/,
    ],
    ['a format in text', stored({ acrPlaygroundProfiles: '1', profiles: [] }), /format "1"/],
    ['format 0', stored({ acrPlaygroundProfiles: 0, profiles: [] }), /format 0/],
    ['no list', stored({ acrPlaygroundProfiles: 1, profiles: 'all' }), /no list of profiles/],
    ['21 profiles', twentyOne, /holds 21 profiles; at most 20/],
    ['past the size limit', ' '.repeat(INPUT_LIMITS.profilesChars + 1), /at most 1048576/],
    ['nested 100,000 deep', '['.repeat(100_000), /nests deeper than 16/],
  ])('refuses a whole file that is %s, importing nothing', (_, text, reason) => {
    const imported = importProfilesFile(mine, text, API)
    expect(imported.ok).toBe(false)
    if (!imported.ok) expect(imported.error).toMatch(reason)
    if (!imported.ok) expect(imported.error).toMatch(/nothing was imported/)
  })

  it.each<[string, unknown, Partial<ImportLine>]>([
    ['an entry that is not an object', 7, { name: '#1', reason: 'it is not an object' }],
    ['an empty name', { name: '', config: {} }, { name: '', reason: 'its name is empty' }],
    ['no name', { config: {} }, { name: '#1', reason: 'its name is not text' }],
    [
      'a name too long',
      { name: 'n'.repeat(500), config: {} },
      { name: `${'n'.repeat(39)}…`, reason: 'its name is longer than 60 characters' },
    ],
    [
      'a name with a control character',
      { name: 'a\u202Eb\u0007', config: {} },
      { name: 'a\\u202eb\\u0007', reason: 'its name contains control characters' },
    ],
    [
      'a configuration that is a list',
      { name: 'L', config: [] },
      { name: 'L', reason: 'its configuration is not an object' },
    ],
  ])('refuses %s, with the reason', (_, entry, line) => {
    const imported = importProfilesFile(
      mine,
      stored({ acrPlaygroundProfiles: 1, profiles: [entry] }),
      API,
    )
    expect(imported.ok && imported.value.lines[0]).toMatchObject({ outcome: 'refused', ...line })
    expect(imported.ok && imported.value.document).toEqual(mine)
  })

  it('imports a profile with unreadable fields at their defaults, naming each', () => {
    const file = stored({
      acrPlaygroundProfiles: 1,
      profiles: [
        {
          name: 'Odd',
          config: { issuer: 'javascript:alert(1)', maxAge: '0', acrValues: ['gold'], x: 1 },
        },
      ],
    })
    const imported = importProfilesFile(mine, file, API)
    if (!imported.ok) throw new Error(imported.error)
    expect(imported.value.document.profiles.at(-1)?.config).toEqual({
      ...defaultConfig(),
      acrValues: ['gold'],
      apiUrl: API,
    })
    const notes = imported.value.lines[0]?.notes.join(' ')
    expect(notes).toMatch(/imported issuer must be an http: or https: URL/)
    expect(notes).toMatch(/imported max_age is not a number/)
  })

  it('__proto__ in a file is data, never a prototype', () => {
    const file =
      '{"acrPlaygroundProfiles":1,"__proto__":{"polluted":1},"profiles":[' +
      '{"name":"__proto__","__proto__":{"name":"x"},"config":{"__proto__":{"apiUrl":"https://evil.example"}}}]}'
    const imported = importProfilesFile(mine, file, API)
    expect(imported.ok && imported.value.lines[0]).toMatchObject({
      name: '__proto__',
      outcome: 'imported',
    })
    expect(imported.ok && imported.value.document.profiles.at(-1)?.config.apiUrl).toBe(API)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).apiUrl).toBeUndefined()
  })

  it('stops at 20 profiles, refusing the rest one by one', () => {
    const nineteen = doc(
      Array.from({ length: 19 }, (_, i): [string, PlaygroundConfig] => [`P${i}`, current]),
    )
    const file = stored({
      acrPlaygroundProfiles: 1,
      profiles: ['X', 'Y', 'Z'].map((name) => ({ name, config: gold })),
    })
    const imported = importProfilesFile(nineteen, file, API)
    expect(imported.ok && imported.value.lines.map((l) => [l.name, l.outcome, l.reason])).toEqual([
      ['X', 'imported', undefined],
      ['Y', 'refused', 'at most 20 profiles can be kept'],
      ['Z', 'refused', 'at most 20 profiles can be kept'],
    ])
  })

  it('reads what it knows of a newer file format, and says so', () => {
    const file = stored({ acrPlaygroundProfiles: 3, profiles: [{ name: 'New', config: gold }] })
    const imported = importProfilesFile(mine, file, API)
    expect(imported.ok && imported.value.notes.join(' ')).toMatch(/newer version \(format 3\)/)
    expect(imported.ok && imported.value.lines[0]?.outcome).toBe('imported')
  })
})
