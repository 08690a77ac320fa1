import { describe, expect, it } from 'vitest'

import {
  chooseVersion,
  compareVersions,
  describeRange,
  inRange,
  NO_VERSION,
  parseKeycloakVersion,
  readVersionState,
  recordedVersion,
  versionOfServerInfo,
  writeVersionState,
  type ParsedVersion,
  type VersionRange,
} from '@/lib/keycloak/keycloak-version'

const v = (text: string): ParsedVersion => {
  const parsed = parseKeycloakVersion(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

describe('parseKeycloakVersion', () => {
  it.each([
    ['26.5.6', 26, 5, 6, '26.5.6'],
    [' 26.7.5 ', 26, 7, 5, '26.7.5'],
    ['v26.0.0', 26, 0, 0, '26.0.0'],
    ['26.2', 26, 2, 0, '26.2'],
    ['999.0.0-SNAPSHOT', 999, 0, 0, '999.0.0-SNAPSHOT'],
    ['26.0.6.redhat-00001', 26, 0, 6, '26.0.6.redhat-00001'],
    ['19.0.3', 19, 0, 3, '19.0.3'],
  ])('reads %j', (text, major, minor, patch, shown) => {
    expect(parseKeycloakVersion(text)).toEqual({
      ok: true,
      value: { major, minor, patch, text: shown },
    })
  })

  it.each([
    [''],
    ['26'],
    ['latest'],
    ['26.5.6 ; rm -rf'],
    ['<script>'],
    ['26..5'],
    ['1'.repeat(80)],
    [42],
    [null],
    [{ version: '26.5.6' }],
  ])('refuses %j without throwing', (text) => {
    const parsed = parseKeycloakVersion(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.length).toBeLessThan(120)
  })
})

describe('compareVersions', () => {
  it.each([
    ['26.5.6', '26.7.5', -1],
    ['26.7.5', '26.5.6', 1],
    ['26.5.6', '26.5.6', 0],
    ['26.10.0', '26.9.9', 1],
    ['26.0.6.redhat-00001', '26.0.6', 0],
    ['25.0.6', '26.0.0', -1],
  ])('%s against %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(v(a), v(b)))).toBe(sign)
  })
})

describe('inRange', () => {
  const from19: VersionRange = { from: '19.0.3', fixedIn: null }
  const fixed2681: VersionRange = { from: 'unknown', fixedIn: '26.8.1' }
  const since2681: VersionRange = { from: '26.8.1', fixedIn: null }
  const between: VersionRange = { from: '26.0.0', fixedIn: '26.6.0' }
  const nothing: VersionRange = { from: 'unknown', fixedIn: 'unknown' }
  it.each([
    ['26.5.6', from19, true],
    ['18.0.0', from19, false],
    ['26.5.6', fixed2681, 'unknown'],
    ['26.8.1', fixed2681, false],
    ['26.7.5', since2681, false],
    ['26.8.1', since2681, true],
    ['26.5.6', between, true],
    ['26.6.0', between, false],
    ['25.0.6', between, false],
    ['26.5.6', nothing, 'unknown'],
  ])('%s in %j', (version, range, expected) => {
    expect(inRange(v(version), range)).toBe(expected)
  })
})

describe('recordedVersion', () => {
  it.each([
    ['26.5.6', '26.5.6'],
    ['26.7.5', '26.7.5'],
    ['26.7.5.redhat-00001', '26.7.5'],
    ['26.7.4', undefined],
    ['26.2', undefined],
  ])('%s is recorded as %s', (text, expected) => {
    expect(recordedVersion(v(text))).toBe(expected)
  })
  it('no version is none', () => expect(recordedVersion(null)).toBeUndefined())
})

describe('versionOfServerInfo', () => {
  it.each([
    [{ systemInfo: { version: '26.5.6', uptime: '0 days' } }, '26.5.6'],
    [{ systemInfo: { version: '26.7.5' }, profileInfo: {} }, '26.7.5'],
    // What Keycloak answers a realm admin without manage-realm: no systemInfo at all.
    [{ profileInfo: { name: 'community' }, themes: {} }, undefined],
    [{ systemInfo: {} }, undefined],
    [{ systemInfo: { version: 'latest' } }, undefined],
    [{ systemInfo: 'x' }, undefined],
    [null, undefined],
    ['26.5.6', undefined],
  ])('%j gives %s', (json, expected) => {
    expect(versionOfServerInfo(json)?.text).toBe(expected)
  })
})

describe('the stored version state', () => {
  const server = { url: 'http://localhost:8180', version: '26.7.5' }
  it.each([
    [{ picked: '26.5.6', server: null }],
    [{ picked: '', server }],
    [{ picked: '26.2.0', server }],
  ])('round-trips %j', (state) => {
    expect(readVersionState(writeVersionState(state))).toEqual(state)
  })

  it('nothing known is no key', () => expect(writeVersionState(NO_VERSION)).toBeNull())

  it.each([
    [null],
    [''],
    ['not json'],
    ['[]'],
    ['{"picked":"26.5.6"}'],
    ['{"version":2,"picked":"26.5.6"}'],
    ['{"version":1,"picked":"<b>","server":{"url":"x","version":"bad"}}'],
    ['x'.repeat(3000)],
  ])('reads damaged %j as nothing known', (raw) => {
    expect(readVersionState(raw)).toEqual(NO_VERSION)
  })
})

describe('chooseVersion', () => {
  const server = { url: 'http://localhost:8180/', version: '26.7.5' }
  it.each([
    [{ picked: '26.5.6', server }, 'http://localhost:8180', '26.7.5', 'server'],
    [{ picked: '26.5.6', server }, 'http://localhost:8190', '26.5.6', 'user'],
    [{ picked: '26.5.6', server }, null, '26.5.6', 'user'],
    [{ picked: '', server }, 'http://localhost:8190', undefined, 'unknown'],
    [NO_VERSION, 'http://localhost:8180', undefined, 'unknown'],
  ])('%j at %s: %s from %s', (state, url, version, source) => {
    const chosen = chooseVersion(state, url)
    expect(chosen.version?.text).toBe(version)
    expect(chosen.source).toBe(source)
  })
})

describe('describeRange', () => {
  it.each<[VersionRange, string]>([
    [{ from: '19.0.3', fixedIn: null }, 'from 19.0.3, not fixed'],
    [{ from: 'unknown', fixedIn: null }, 'not fixed'],
    [{ from: 'unknown', fixedIn: '26.8.1' }, 'fixed in 26.8.1'],
    [{ from: '26.0.0', fixedIn: '26.6.0' }, 'from 26.0.0, fixed in 26.6.0'],
    [{ from: '26.0.0', fixedIn: 'unknown' }, 'from 26.0.0, fix not known'],
    [{ from: 'unknown', fixedIn: 'unknown' }, 'versions not known'],
  ])('%j reads "%s"', (range, text) => {
    expect(describeRange(range)).toBe(text)
  })
})
