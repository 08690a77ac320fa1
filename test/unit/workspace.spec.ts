import { describe, expect, it } from 'vitest'

import { defaultConfig, type PlaygroundConfig } from '@/lib/request/config'
import {
  EMPTY_TAB,
  keptName,
  linkWorkspaceName,
  planWorkspaceName,
  readTabState,
  resolveShown,
  serializeTabState,
  VISITOR_ID,
  withVisitor,
  type TabState,
  type Visitor,
} from '@/lib/storage/workspace'

const keycloak: PlaygroundConfig = {
  ...defaultConfig(),
  mode: 'keycloak',
  url: 'https://keycloak.example',
  realm: 'acme',
  clientId: 'web',
}
const visitor: Visitor = {
  name: 'From a link: keycloak.example · acme · web',
  from: 'link',
  config: keycloak,
  returnTo: null,
}

describe('linkWorkspaceName', () => {
  it.each<[string, PlaygroundConfig, string]>([
    ['Keycloak: host, realm, client', keycloak, 'From a link: keycloak.example · acme · web'],
    [
      'OIDC: host and client',
      { ...defaultConfig(), issuer: 'https://login.example.com/tenant/v2.0', clientId: 'app' },
      'From a link: login.example.com · app',
    ],
    ['a port is part of the host', defaultConfig(), 'From a link: localhost:9400 · acr-playground'],
    [
      'an issuer that is no URL is named as it is',
      { ...defaultConfig(), issuer: 'not a url', clientId: '' },
      'From a link: not a url',
    ],
    [
      'control characters and bidi overrides are not shown as such',
      { ...keycloak, clientId: 'we\u202eb' },
      'From a link: keycloak.example · acme · we\ufffdb',
    ],
  ])('%s', (_, config, name) => {
    expect(linkWorkspaceName(config)).toBe(name)
  })

  it('is cut to the length of a profile name', () => {
    const long = linkWorkspaceName({ ...keycloak, realm: 'r'.repeat(200) })
    expect(long).toHaveLength(60)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('keptName: the name a visitor is offered to be kept under', () => {
  it.each([
    ['From a link: keycloak.example · acme · web', 'keycloak.example · acme · web'],
    [planWorkspaceName('Ladder'), 'Ladder'],
    ['Deleted in another tab: Gold', 'Gold'],
    ['Anything else', 'Anything else'],
  ])('%s → %s', (name, kept) => {
    expect(keptName({ ...visitor, name })).toBe(kept)
  })
})

describe('resolveShown: which configuration a tab shows', () => {
  const ids = ['p1', 'p2']
  it.each<[string, TabState, string, string]>([
    ['a new tab: the profile shown last', EMPTY_TAB, 'p2', 'p2'],
    ['a reload: the profile this tab shows', { ...EMPTY_TAB, shown: 'p1' }, 'p2', 'p1'],
    [
      'a reload with a link on show: the link',
      { version: 1, shown: VISITOR_ID, visitor },
      'p1',
      VISITOR_ID,
    ],
    [
      'a visitor named but lost: the profile shown last',
      { ...EMPTY_TAB, shown: VISITOR_ID },
      'p2',
      'p2',
    ],
    [
      'its profile deleted meanwhile: the profile shown last',
      { ...EMPTY_TAB, shown: 'p9' },
      'p2',
      'p2',
    ],
    ['nothing known: the first profile', { ...EMPTY_TAB, shown: 'p9' }, 'p7', 'p1'],
  ])('%s', (_, tab, lastShown, shown) => {
    expect(resolveShown(tab, ids, lastShown)).toBe(shown)
  })
})

describe('withVisitor', () => {
  it('a plan run remembers what was on show, to go back to it', () => {
    const tab = withVisitor(
      { version: 1, shown: VISITOR_ID, visitor },
      { ...visitor, from: 'plan', name: 'Plan run: x' },
      true,
    )
    expect(tab.shown).toBe(VISITOR_ID)
    expect(tab.visitor?.returnTo).toEqual({ shown: VISITOR_ID, visitor })
  })

  it('a link replaces the visitor and goes back nowhere', () => {
    const tab = withVisitor({ ...EMPTY_TAB, shown: 'p2' }, visitor, false)
    expect(tab).toEqual({ version: 1, shown: VISITOR_ID, visitor: { ...visitor, returnTo: null } })
  })
})

describe('readTabState: never throws, anything unreadable is no state', () => {
  const good: TabState = { version: 1, shown: VISITOR_ID, visitor }
  it.each<[string, string | null, TabState]>([
    ['nothing stored', null, EMPTY_TAB],
    ['not JSON', '{"version":', EMPTY_TAB],
    ['not an object', '[1,2]', EMPTY_TAB],
    ['another version', JSON.stringify({ ...good, version: 2 }), EMPTY_TAB],
    [
      'a profile',
      JSON.stringify({ version: 1, shown: 'p3', visitor: null }),
      { ...EMPTY_TAB, shown: 'p3' },
    ],
    [
      'a visitor without a configuration',
      JSON.stringify({ ...good, visitor: { ...visitor, config: 7 } }),
      EMPTY_TAB,
    ],
    [
      'a visitor of an unknown origin',
      JSON.stringify({ ...good, visitor: { ...visitor, from: 'x' } }),
      EMPTY_TAB,
    ],
    [
      'a visitor with an empty name',
      JSON.stringify({ ...good, visitor: { ...visitor, name: ' ' } }),
      EMPTY_TAB,
    ],
    ['too large to be one', `{"version":1,"shown":"${'x'.repeat(1024 * 1024)}"}`, EMPTY_TAB],
  ])('%s', (_, raw, tab) => {
    expect(readTabState(raw)).toEqual(tab)
  })

  it('round-trips a plan visitor with its way back', () => {
    const tab = withVisitor(good, { ...visitor, from: 'plan', name: 'Plan run: x' }, true)
    expect(readTabState(serializeTabState(tab))).toEqual(tab)
  })

  it('keeps no state for a tab that chose nothing', () => {
    expect(serializeTabState(EMPTY_TAB)).toBeNull()
  })
})
