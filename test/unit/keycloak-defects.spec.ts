import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { AuthRequest } from '@/lib/request/auth-request'
import {
  affects,
  defectHintsFor,
  defectsOfVersion,
  KEYCLOAK_DEFECTS,
  type KeycloakDefect,
} from '@/lib/keycloak/keycloak-defects'
import {
  describeRange,
  parseKeycloakVersion,
  type ParsedVersion,
} from '@/lib/keycloak/keycloak-version'
import { parseRealmExport } from '@/lib/keycloak/realm-engine'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const README = read('README.md')
const RESEARCH = read('docs/keycloak-research.md')
const byId = (id: string) => KEYCLOAK_DEFECTS.find((d) => d.id === id)!
const v = (text: string): ParsedVersion => {
  const parsed = parseKeycloakVersion(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}
const rows = KEYCLOAK_DEFECTS.map((d) => [d.id, d] as [string, KeycloakDefect])

const realm = (clientId: string) => {
  const parsed = parseRealmExport(read('keycloak/realm-acr-playground.json'), clientId)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

describe('the known defects table', () => {
  it.each(rows)('%s names a test that exists, or says what was tried', (_, defect) => {
    if (defect.evidence.status === 'reported')
      expect(defect.evidence.tried.length).toBeGreaterThan(40)
    else expect(read(defect.evidence.spec)).toContain(defect.evidence.test)
  })

  it.each(rows)('%s is in the README table with its range', (id, defect) => {
    const row = README.split('\n').find((line) => line.startsWith(`| \`${id}\` |`))
    expect(row).toBeDefined()
    expect(row).toContain(describeRange(defect.affected))
    expect(row).toContain(defect.evidence.status)
  })

  it.each(rows)('%s is in the research note', (id) => {
    expect(RESEARCH).toContain(id)
  })

  it('has the entries the issue names', () => {
    expect(KEYCLOAK_DEFECTS.map((d) => d.id)).toEqual(
      expect.arrayContaining([
        '#44002',
        '#31534',
        '#15237',
        '#25335',
        'CVE-2026-97176',
        'CVE-2026-133228',
      ]),
    )
  })
})

describe('affects', () => {
  it.each([
    ['#31534', '26.5.6', 'yes'],
    ['#31534', '26.7.5', 'yes'],
    ['#31534', '25.0.0', 'maybe'],
    ['#44002', '26.5.6', 'no'],
    ['#44002', '26.7.5', 'no'],
    ['#44002', '26.2.0', 'maybe'],
    ['CVE-2026-97176', '26.5.6', 'no'],
    ['CVE-2026-97176', '26.7.5', 'no'],
    ['#15237', '26.5.6', 'yes'],
    ['#15237', '18.0.0', 'no'],
    ['26.8.1 Conditional OTP', '26.7.5', 'no'],
    ['26.8.1 Conditional OTP', '26.8.1', 'yes'],
    ['26.8.1 2FA setup', '26.8.1', 'no'],
    ['26.8.1 2FA setup', '26.7.5', 'maybe'],
  ])('%s on %s: %s', (id, version, expected) => {
    expect(affects(byId(id), v(version))).toBe(expected)
  })

  it('an unknown version may be affected by anything', () => {
    for (const defect of KEYCLOAK_DEFECTS) expect(affects(defect, null)).toBe('maybe')
  })

  it('the realm panel lists what touches 26.5.6, not what was not reproduced there', () => {
    const ids = defectsOfVersion(v('26.5.6')).map((d) => d.id)
    expect(ids).toContain('#31534')
    expect(ids).not.toContain('#44002')
    expect(ids).not.toContain('CVE-2026-97176')
    expect(ids).not.toContain('26.8.1 Conditional OTP')
  })
})

describe('the conditions', () => {
  const main = realm('acr-playground')
  const minSilver = realm('acr-playground-min-silver')
  const essential = (values: string[]) =>
    JSON.stringify({ id_token: { acr: { essential: true, values } } })
  it.each<[string, AuthRequest, 'main' | 'min' | 'none', boolean, boolean]>([
    ['#31534', { scope: 'openid', acrValues: 'gold silver' }, 'none', false, true],
    ['#31534', { scope: 'openid', acrValues: 'silver' }, 'none', false, false],
    ['#44002', { scope: 'openid', acrValues: 'gold' }, 'none', true, true],
    ['#44002', { scope: 'openid', acrValues: 'gold' }, 'none', false, false],
    ['#25335', { scope: 'openid', kcIdpHint: 'corp' }, 'none', false, true],
    ['#25335', { scope: 'openid' }, 'main', false, false],
    ['CVE-2026-97176', { scope: 'openid', claims: essential(['silver']) }, 'none', false, true],
    ['CVE-2026-97176', { scope: 'openid', acrValues: 'silver' }, 'none', false, false],
    ['CVE-2026-133228', { scope: 'openid' }, 'min', false, true],
    ['CVE-2026-133228', { scope: 'openid' }, 'main', false, false],
    // gold (3) has max age 0 but is the top: nothing below the request counts for 0 s.
    ['#15237', { scope: 'openid', acrValues: 'gold' }, 'main', false, false],
    ['26.8.1 2FA setup', { scope: 'openid' }, 'main', false, true],
    ['26.8.1 2FA setup', { scope: 'openid' }, 'none', false, false],
  ])('%s for %j (realm: %s, pushed: %s): %s', (id, request, which, pushed, expected) => {
    const model = which === 'main' ? main : which === 'min' ? minSilver : null
    expect(byId(id).applies({ request, model, pushed })).toBe(expected)
  })
})

describe('defectHintsFor', () => {
  const several = { request: { scope: 'openid', acrValues: 'gold silver' }, model: null }
  it('names the version when the server or the user told it', () => {
    const hints = defectHintsFor({ ...several, keycloak: true, version: v('26.7.5') })
    expect(hints).toEqual([expect.objectContaining({ code: 'known-defect', defect: '#31534' })])
    expect(hints[0]!.text).toMatch(/^Keycloak 26\.7\.5 has #31534/)
    expect(hints[0]!.text).toContain('Reproduced on 26.5.6 and 26.7.5')
  })

  it('says "if your Keycloak is" when the version is unknown', () => {
    const [hint] = defectHintsFor({ ...several, keycloak: true, version: null })
    expect(hint?.text).toMatch(/^If your Keycloak is among the versions of #31534/)
    expect(hint?.text).toContain('26.5.6 and 26.7.5')
  })

  it('says nothing of a defect not reproduced on the version in use', () => {
    const essentialSilver = {
      request: {
        scope: 'openid',
        claims: JSON.stringify({ id_token: { acr: { essential: true, values: ['silver'] } } }),
      },
      model: null,
      keycloak: true,
    }
    expect(defectHintsFor({ ...essentialSilver, version: v('26.5.6') })).toEqual([])
    expect(defectHintsFor({ ...essentialSilver, version: null }).map((h) => h.defect)).toEqual([
      'CVE-2026-97176',
    ])
  })

  it('says nothing for another provider', () => {
    expect(defectHintsFor({ ...several, keycloak: false, version: null })).toEqual([])
  })
})
