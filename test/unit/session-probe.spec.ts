import { describe, expect, it } from 'vitest'

import type { LoaMap } from '@/lib/verdict/loa'
import { err, ok, type Result } from '@/lib/core/result'
import {
  answerError,
  answerUnknown,
  beginProbe,
  essentialValues,
  finishProbe,
  frameSeesSession,
  highestHeld,
  nextLevel,
  parseProbeRun,
  PROBE_CALLBACK_KEY,
  PROBE_MAX_LEVELS,
  PROBE_RUN_MAX_AGE_MS,
  probeClaims,
  probeLevels,
  probeScope,
  readProbeCallback,
  startRun,
  stopRun,
  tokenRequest,
  turnToRedirects,
  withAnswer,
  type InFlight,
  type ProbeLevel,
  type ProbeRow,
  type ProbeRun,
} from '@/lib/session/session-probe'
import { STORAGE_KEY_SESSION_PROBE } from '@/lib/storage/storage-keys'

const MAP: LoaMap = { gold: 3, bronze: 1, silver: 2 }
const LADDER: ProbeLevel[] = [
  { acr: 'bronze', loa: 1 },
  { acr: 'silver', loa: 2 },
  { acr: 'gold', loa: 3 },
]
const SILENT = 'http://localhost:4180/acr-playground/silent-probe.html'
const NOW = 1_800_000_000_000
const target = {
  issuer: 'http://idp',
  clientId: 'app',
  authorizationEndpoint: 'http://idp/auth',
  tokenEndpoint: 'http://idp/token',
  redirectUri: SILENT,
  scope: 'profile',
}
const SECRETS = { state: 'st1', nonce: 'no1', verifier: 've1', challenge: 'ch1' }

function newRun(levels: ProbeLevel[] = LADDER, map: LoaMap = MAP): ProbeRun {
  const started = startRun(target, { levels, from: 'map' }, map, 'frame', 'r1', NOW)
  if (!started.ok) throw new Error(started.error)
  return started.value
}

/** The run with the probe of its next level in flight, and that probe. */
function asking(run: ProbeRun = newRun()): { run: ProbeRun; inFlight: InFlight; url: URL } {
  const begun = beginProbe(run, SECRETS, NOW + 1)
  if (!begun.ok) throw new Error(begun.error)
  return {
    run: begun.value.run,
    inFlight: begun.value.run.inFlight!,
    url: new URL(begun.value.url),
  }
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (payload: object) => `${b64({ alg: 'RS256' })}.${b64(payload)}.sig`
const idClaims = { iss: 'http://idp', aud: 'app', nonce: 'no1', auth_time: 1_799_999_000 }

describe('probeLevels', () => {
  it.each<[string, LoaMap, string[], ProbeLevel[], 'map' | 'request']>([
    ['the map, by LoA', MAP, ['silver'], LADDER, 'map'],
    [
      'names of one level, by name',
      { 'urn:b': 2, 'urn:a': 2, one: 1 },
      [],
      [
        { acr: 'one', loa: 1 },
        { acr: 'urn:a', loa: 2 },
        { acr: 'urn:b', loa: 2 },
      ],
      'map',
    ],
    [
      'a level 0 too',
      { none: 0, bronze: 1 },
      [],
      [
        { acr: 'none', loa: 0 },
        { acr: 'bronze', loa: 1 },
      ],
      'map',
    ],
    [
      'no map: bare levels from the request, by LoA',
      {},
      ['2', '1', '2'],
      [
        { acr: '1', loa: 1 },
        { acr: '2', loa: 2 },
      ],
      'request',
    ],
    [
      'no map: names as the request lists them',
      {},
      ['silver', 'bronze', '1'],
      [{ acr: 'silver' }, { acr: 'bronze' }, { acr: '1', loa: 1 }],
      'request',
    ],
  ])('%s', (_, map, values, levels, from) => {
    expect(probeLevels(map, values)).toEqual(ok({ levels, from }))
  })

  it.each<[string, LoaMap, string[], RegExp]>([
    ['no map and no ACR value', {}, [], /^Nothing to probe: there is no LoA map/],
    ['no map and empty values', {}, [''], /^Nothing to probe/],
    [
      'more levels than a probe asks',
      Object.fromEntries(Array.from({ length: PROBE_MAX_LEVELS + 1 }, (_, i) => [`l${i}`, i])),
      [],
      /^21 levels are too many to probe \(at most 20/,
    ],
  ])('refuses %s, saying why', (_, map, values, message) => {
    const levels = probeLevels(map, values)
    expect(levels.ok).toBe(false)
    if (!levels.ok) expect(levels.error).toMatch(message)
  })
})

describe('essentialValues', () => {
  const sameLevel: ProbeLevel[] = [
    { acr: 'one', loa: 1 },
    { acr: 'urn:a', loa: 2 },
    { acr: 'urn:b', loa: 2 },
  ]
  it.each<[string, ProbeLevel[], ProbeLevel, string[]]>([
    ['the lowest: it and every level above', LADDER, LADDER[0]!, ['bronze', 'silver', 'gold']],
    ['a middle one', LADDER, LADDER[1]!, ['silver', 'gold']],
    ['the top: itself', LADDER, LADDER[2]!, ['gold']],
    ['another name of the same level comes along', sameLevel, sameLevel[1]!, ['urn:a', 'urn:b']],
    ['a name without a LoA: alone', [{ acr: 'x' }, { acr: 'y' }], { acr: 'x' }, ['x']],
  ])('%s', (_, levels, level, values) => {
    expect(essentialValues(levels, level)).toEqual(values)
  })

  it('is asked as an essential acr claim of the ID token', () => {
    expect(JSON.parse(probeClaims(['silver', 'gold']))).toEqual({
      id_token: { acr: { essential: true, values: ['silver', 'gold'] } },
    })
  })
})

describe('startRun', () => {
  it('keeps what the whole run needs, the map included', () => {
    expect(newRun()).toMatchObject({
      v: 1,
      id: 'r1',
      startedAt: NOW,
      transport: 'frame',
      ...target,
      loaMap: MAP,
      levels: LADDER,
      rows: [],
      notes: [],
    })
  })

  it.each<[string, Partial<typeof target>, string]>([
    ['no client', { clientId: '' }, 'No client ID: enter one under Provider.'],
    ['no token endpoint', { tokenEndpoint: undefined as unknown as string }, 'discovery document'],
    [
      'a javascript: endpoint',
      { authorizationEndpoint: 'javascript:alert(1)' },
      'discovery document',
    ],
    ['a silent page without a URL', { redirectUri: 'silent-probe.html' }, 'no http(s) URL'],
  ])('refuses %s', (_, change, message) => {
    const started = startRun(
      { ...target, ...change },
      { levels: LADDER, from: 'map' },
      MAP,
      'frame',
      'r',
      NOW,
    )
    expect(started.ok).toBe(false)
    if (!started.ok) expect(started.error).toContain(message)
  })
})

describe('beginProbe', () => {
  it('asks the next level with prompt=none, an essential acr claim, PKCE S256, state and nonce', () => {
    const { url, inFlight } = asking()
    expect(url.origin + url.pathname).toBe('http://idp/auth')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app',
      redirect_uri: SILENT,
      response_type: 'code',
      response_mode: 'fragment',
      scope: 'openid profile',
      state: 'st1',
      nonce: 'no1',
      code_challenge: 'ch1',
      code_challenge_method: 'S256',
      prompt: 'none',
      claims: '{"id_token":{"acr":{"essential":true,"values":["bronze","silver","gold"]}}}',
    })
    expect(url.searchParams.has('acr_values')).toBe(false)
    expect(inFlight).toEqual({
      acr: 'bronze',
      values: ['bronze', 'silver', 'gold'],
      state: 'st1',
      nonce: 'no1',
      verifier: 've1',
      via: 'frame',
      sentAt: NOW + 1,
    })
  })

  it('asks the level after the answered ones, by the run’s transport', () => {
    const first = asking()
    const answered = withAnswer(
      first.run,
      answerError(first.run, first.inFlight, { error: 'login_required' }),
    )
    const second = asking(turnToRedirects(answered, 'why'))
    expect(second.inFlight).toMatchObject({
      acr: 'silver',
      values: ['silver', 'gold'],
      via: 'redirect',
    })
    expect(second.url.searchParams.get('claims')).toContain('["silver","gold"]')
  })

  it('keeps a query the authorization endpoint already has', () => {
    const { url } = asking({ ...newRun(), authorizationEndpoint: 'http://idp/auth?tenant=t1' })
    expect(url.searchParams.get('tenant')).toBe('t1')
    expect(url.searchParams.get('prompt')).toBe('none')
  })

  it('has nothing to begin when every level has its answer', () => {
    const run = newRun([LADDER[0]!])
    const first = asking(run)
    const done = withAnswer(first.run, answerUnknown(first.run, first.inFlight, 'x'))
    expect(nextLevel(done)).toBeUndefined()
    expect(beginProbe(done, SECRETS, NOW)).toEqual(err('Every level has its answer.'))
  })

  it.each([
    ['', 'openid'],
    ['profile  email', 'openid profile email'],
    ['openid acr', 'openid acr'],
  ])('scope "%s" is sent as "%s"', (scope, sent) => {
    expect(probeScope(scope)).toBe(sent)
  })
})

describe('readProbeCallback', () => {
  it.each<[string, string, ReturnType<typeof readProbeCallback>]>([
    [
      'a code in the fragment',
      `${SILENT}#state=st1&code=c1&iss=http%3A%2F%2Fidp`,
      { kind: 'code', code: 'c1' },
    ],
    [
      'a code in the query (the mode ignored)',
      `${SILENT}?state=st1&code=c1`,
      { kind: 'code', code: 'c1' },
    ],
    [
      'an error',
      `${SILENT}#error=login_required&state=st1`,
      { kind: 'error', error: 'login_required' },
    ],
    [
      'an error with its description',
      `${SILENT}#error=interaction_required&error_description=needs+the+user&state=st1`,
      { kind: 'error', error: 'interaction_required', description: 'needs the user' },
    ],
    [
      'an error with an empty description',
      `${SILENT}#error=login_required&error_description=&state=st1`,
      { kind: 'error', error: 'login_required' },
    ],
    [
      'another probe’s state',
      `${SILENT}#state=other&code=c1`,
      {
        kind: 'unreadable',
        reason: 'The state that came back is not this probe’s: the answer was not used.',
      },
    ],
    [
      'no state at all',
      `${SILENT}#code=c1`,
      { kind: 'unreadable', reason: 'The provider came back with no state, code or error.' },
    ],
    [
      'a state and nothing else',
      `${SILENT}#state=st1`,
      { kind: 'unreadable', reason: 'The provider came back with neither a code nor an error.' },
    ],
    [
      'another page',
      'http://localhost:4180/acr-playground/#state=st1&code=c1',
      { kind: 'unreadable', reason: 'The answer did not come to the silent page.' },
    ],
    [
      'another origin',
      'http://evil.test/acr-playground/silent-probe.html#state=st1&code=c1',
      {
        kind: 'unreadable',
        reason: 'The answer did not come to the silent page.',
      },
    ],
    [
      'not a URL',
      'silent-probe.html',
      { kind: 'unreadable', reason: 'The answer did not come to the silent page.' },
    ],
    [
      'an error code that is no code',
      `${SILENT}#error=%3Cscript%3E%0A&state=st1`,
      { kind: 'unreadable', reason: 'The provider came back with an unreadable error code.' },
    ],
  ])('%s', (_, href, expected) => {
    expect(readProbeCallback(href, SILENT, 'st1')).toEqual(expected)
  })

  it('keeps at most 300 characters of a description', () => {
    const read = readProbeCallback(
      `${SILENT}#error=login_required&error_description=${'x'.repeat(400)}&state=st1`,
      SILENT,
      'st1',
    )
    expect(read.kind === 'error' && read.description?.length).toBe(300)
  })
})

describe('answers', () => {
  const { run, inFlight } = asking()

  it.each<[string, 'not-held' | 'unknown']>([
    ['login_required', 'not-held'],
    ['interaction_required', 'not-held'],
    ['unmet_authentication_requirements', 'not-held'],
    ['consent_required', 'unknown'],
    ['account_selection_required', 'unknown'],
    ['invalid_request', 'unknown'],
    ['server_error', 'unknown'],
  ])('the error %s is %s, and shown', (error, held) => {
    const answer = answerError(run, inFlight, { error, description: 'd' })
    expect(answer).toMatchObject({ acr: 'bronze', loa: 1, held, error, via: 'frame' })
    expect(answer.reason).toContain(`${error} (“d”)`)
  })

  it('an answer that could not be read is unknown, with the reason', () => {
    expect(answerUnknown(run, inFlight, 'The frame gave up.')).toEqual({
      acr: 'bronze',
      loa: 1,
      held: 'unknown',
      via: 'frame',
      reason: 'The frame gave up.',
    })
  })
})

describe('finishProbe', () => {
  const { run, inFlight } = asking()
  const silverRun = (() => {
    const first = asking()
    return asking(withAnswer(first.run, answerError(first.run, first.inFlight, { error: 'x' })))
  })()
  const tokens = (claims: object): Result<unknown> =>
    ok({ id_token: jwt(claims), access_token: 'a' })

  it.each<[string, Result<unknown>, Partial<ProbeRow>, RegExp]>([
    [
      'acr of the level: held, with auth_time',
      tokens({ ...idClaims, acr: 'bronze' }),
      { held: 'held', receivedAcr: 'bronze', receivedLoa: 1, authTime: 1_799_999_000 },
      /^A code came back without a login; the ID token says acr bronze \(LoA 1\)\.$/,
    ],
    [
      'a higher acr: held',
      tokens({ ...idClaims, acr: 'silver' }),
      { held: 'held', receivedAcr: 'silver', receivedLoa: 2 },
      /acr silver \(LoA 2\)/,
    ],
    [
      'a bare level: held by its number',
      tokens({ ...idClaims, acr: '3' }),
      { held: 'held', receivedAcr: '3', receivedLoa: 3 },
      /acr 3 \(LoA 3\)/,
    ],
    [
      'no auth_time: still held, and said',
      tokens({ iss: 'http://idp', aud: ['app', 'api'], nonce: 'no1', acr: 'bronze' }),
      { held: 'held', receivedAcr: 'bronze' },
      /The ID token has no auth_time\.$/,
    ],
    [
      'the token request failed',
      err('HTTP 400: invalid_grant.'),
      { held: 'unknown' },
      /^The code came back, but the token request failed: HTTP 400: invalid_grant\.$/,
    ],
    ['no ID token', ok({ access_token: 'a' }), { held: 'unknown' }, /holds no ID token/],
    ['a body that is no object', ok('text'), { held: 'unknown' }, /holds no ID token/],
    [
      'an opaque ID token',
      ok({ id_token: 'opaque' }),
      { held: 'unknown' },
      /^The ID token is not a JWT/,
    ],
    [
      'another nonce',
      tokens({ ...idClaims, nonce: 'x', acr: 'gold' }),
      { held: 'unknown' },
      /nonce/,
    ],
    [
      'another issuer',
      tokens({ ...idClaims, iss: 'http://evil', acr: 'gold' }),
      { held: 'unknown' },
      /issuer/,
    ],
    [
      'another audience',
      tokens({ ...idClaims, aud: 'other', acr: 'gold' }),
      { held: 'unknown' },
      /not for client app/,
    ],
    [
      'no acr',
      tokens(idClaims),
      { held: 'unknown', authTime: 1_799_999_000 },
      /no acr claim \(in Keycloak: the client lacks the acr client scope\)/,
    ],
    [
      'an acr no map knows',
      tokens({ ...idClaims, acr: 'platinum' }),
      { held: 'unknown', receivedAcr: 'platinum' },
      /acr platinum, which no LoA map in effect places against bronze/,
    ],
  ])('%s', (_, answer, expected, reason) => {
    const row = finishProbe(run, inFlight, answer)
    expect(row).toMatchObject({ acr: 'bronze', via: 'frame', ...expected })
    expect(row.reason).toMatch(reason)
  })

  it('a lower acr than the essential level asked is no sure answer', () => {
    const row = finishProbe(
      silverRun.run,
      silverRun.inFlight,
      tokens({ ...idClaims, acr: 'bronze' }),
    )
    expect(row).toMatchObject({
      acr: 'silver',
      held: 'unknown',
      receivedAcr: 'bronze',
      receivedLoa: 1,
    })
    expect(row.reason).toContain('below the essential level asked')
  })

  it('a level without a LoA is held when the acr is a value it asked', () => {
    const named = asking(newRun([{ acr: 'x' }, { acr: 'y' }], {}))
    expect(finishProbe(named.run, named.inFlight, tokens({ ...idClaims, acr: 'x' }))).toMatchObject(
      {
        held: 'held',
        receivedAcr: 'x',
      },
    )
    expect(finishProbe(named.run, named.inFlight, tokens({ ...idClaims, acr: 'y' })).held).toBe(
      'unknown',
    )
  })

  it('the token request sends the code with this probe’s verifier, to the silent page’s URI', () => {
    expect(tokenRequest(run, inFlight, 'c1')).toEqual({
      grant_type: 'authorization_code',
      code: 'c1',
      redirect_uri: SILENT,
      client_id: 'app',
      code_verifier: 've1',
    })
  })
})

describe('the run', () => {
  it('drops the probe in flight, and its secrets, with its answer', () => {
    const { run, inFlight } = asking()
    const next = withAnswer(run, answerError(run, inFlight, { error: 'login_required' }))
    expect(next.inFlight).toBeUndefined()
    expect(JSON.stringify(next)).not.toContain('ve1')
    expect(next.rows.map((r) => r.held)).toEqual(['not-held'])
    expect(nextLevel(next)).toEqual(LADDER[1])
  })

  it('turns to redirects, says why, and keeps the answers', () => {
    const { run, inFlight } = asking()
    const answered = withAnswer(run, answerError(run, inFlight, { error: 'login_required' }))
    const turned = turnToRedirects(answered, 'No answer within 5 s.')
    expect(turned).toMatchObject({
      transport: 'redirect',
      notes: ['No answer within 5 s.'],
      rows: answered.rows,
    })
  })

  it('stops: the level in flight and every level left are unknown, with their reasons', () => {
    const { run } = asking()
    const stopped = stopRun(run, 'It never came back.', 'Not probed.')
    expect(stopped.inFlight).toBeUndefined()
    expect(stopped.rows.map((r) => [r.acr, r.held, r.reason])).toEqual([
      ['bronze', 'unknown', 'It never came back.'],
      ['silver', 'unknown', 'Not probed.'],
      ['gold', 'unknown', 'Not probed.'],
    ])
    expect(stopped.notes).toEqual(['It never came back.'])
  })

  it('names the highest level held', () => {
    const row = (acr: string, held: ProbeRow['held']): ProbeRow => ({
      acr,
      held,
      via: 'frame',
      reason: '',
    })
    expect(
      highestHeld([row('bronze', 'held'), row('silver', 'held'), row('gold', 'not-held')])?.acr,
    ).toBe('silver')
    expect(highestHeld([row('bronze', 'not-held')])).toBeUndefined()
  })
})

describe('frameSeesSession', () => {
  it.each([
    ['http://localhost:4180', 'http://localhost:9400/auth', true],
    ['https://app.example.com', 'https://app.example.com:8443/realms/r/auth', true],
    ['https://app.example.com', 'https://sso.example.com/auth', false],
    ['https://playground.github.io', 'https://keycloak.example.org/auth', false],
    ['http://localhost:4180', 'https://localhost/auth', false],
    ['http://localhost:4180', 'not a url', false],
  ])('page %s, provider %s: %s', (page, provider, sees) => {
    expect(frameSeesSession(page, provider)).toBe(sees)
  })
})

describe('parseProbeRun', () => {
  const stored = (() => {
    const first = asking(turnToRedirects(newRun(), 'by choice'))
    const second = withAnswer(first.run, {
      ...answerError(first.run, first.inFlight, { error: 'login_required' }),
    })
    return beginProbe(second, SECRETS, NOW + 2)
  })()
  if (!stored.ok) throw new Error(stored.error)
  const run = stored.value.run
  const raw = JSON.stringify(run)
  const edit = (change: (v: Record<string, unknown>) => void) => {
    const v = JSON.parse(raw) as Record<string, unknown>
    change(v)
    return JSON.stringify(v)
  }

  it('reads back what was stored', () => {
    expect(parseProbeRun(raw, NOW + 1000)).toEqual(run)
  })

  it('keeps its key beside the run’s, where the silent page writes it', () => {
    expect(PROBE_CALLBACK_KEY).toBe(`${STORAGE_KEY_SESSION_PROBE}:callback`)
    expect(PROBE_CALLBACK_KEY).toBe('acr-playground:session-probe:callback')
  })

  it.each<[string, string | null]>([
    ['nothing', null],
    ['not JSON', '{'],
    ['an array', '[]'],
    ['another version', edit((v) => (v.v = 2))],
    ['a run left too long', edit((v) => (v.startedAt = NOW - PROBE_RUN_MAX_AGE_MS - 1))],
    ['a run from the future', edit((v) => (v.startedAt = NOW + 60_000))],
    ['a javascript: endpoint', edit((v) => (v.authorizationEndpoint = 'javascript:alert(1)'))],
    ['a token endpoint that is no URL', edit((v) => (v.tokenEndpoint = '/token'))],
    ['an unknown transport', edit((v) => (v.transport = 'popup'))],
    ['a level that is no level', edit((v) => (v.levels = [{ acr: 1 }]))],
    ['a negative LoA', edit((v) => (v.levels = [{ acr: 'a', loa: -1 }]))],
    [
      'more answers than levels',
      edit(
        (v) =>
          (v.rows = [
            ...(v.rows as object[]),
            ...(v.rows as object[]),
            ...(v.rows as object[]),
            ...(v.rows as object[]),
          ]),
      ),
    ],
    [
      'an answer that is no answer',
      edit((v) => (v.rows = [{ acr: 'bronze', held: 'maybe', via: 'frame', reason: '' }])),
    ],
    [
      'a probe in flight without its verifier',
      edit((v) => delete (v.inFlight as Record<string, unknown>).verifier),
    ],
    ['a map with a text level', edit((v) => (v.loaMap = { bronze: '1' }))],
    [
      'too many levels',
      edit(
        (v) =>
          (v.levels = Array.from({ length: PROBE_MAX_LEVELS + 1 }, (_, i) => ({ acr: `l${i}` }))),
      ),
    ],
    ['a huge text', 'x'.repeat(300 * 1024)],
  ])('refuses %s', (_, text) => {
    expect(parseProbeRun(text, NOW + 1000)).toBeNull()
  })

  it('reads a __proto__ name as a plain name, never as a prototype', () => {
    const text = raw.replace('"loaMap":{', '"loaMap":{"__proto__":7,')
    const read = parseProbeRun(text, NOW + 1000)
    expect(read && Object.hasOwn(read.loaMap, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(read?.loaMap)).toBe(Object.prototype)
  })

  it('drops fields it does not know', () => {
    const read = parseProbeRun(
      edit((v) => (v.extra = 'x')),
      NOW + 1000,
    )
    expect(read && 'extra' in read).toBe(false)
  })
})
