import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import SessionProbe from '@/components/SessionProbe.vue'
import type { DiscoveryMetadata } from '@/lib/provider/discovery'
import { ok, err } from '@/lib/core/result'
import { PROBE_CALLBACK_KEY, type ProbeRun } from '@/lib/session/session-probe'
import { STORAGE_KEY_SESSION_PROBE } from '@/lib/storage/storage-keys'
import type { FrameAnswer } from '@/services/probe-frame'
import { useConfigStore } from '@/stores/config'
import { useHistoryStore } from '@/stores/history'
import { useLoginStore } from '@/stores/login'
import { useProviderStore } from '@/stores/provider'
import { useSessionProbeStore } from '@/stores/session-probe'
import { discoveryMetadata } from '../fixtures/provider'

const io = vi.hoisted(() => ({
  askInFrame: vi.fn(),
  probeSecrets: vi.fn(),
  requestTokens: vi.fn(),
  navigate: vi.fn(),
}))
vi.mock('@/services/probe-frame', () => ({
  FRAME_TIMEOUT_MS: 5000,
  askInFrame: io.askInFrame,
  probeSecrets: io.probeSecrets,
  requestTokens: io.requestTokens,
}))
vi.mock('@/composables/useAddressBar', () => ({
  useAddressBar: () => ({
    pageUrl: 'http://localhost:4180/acr-playground/',
    navigate: io.navigate,
  }),
}))

const SILENT = 'http://localhost:4180/acr-playground/silent-probe.html'
const METADATA = discoveryMetadata('http://localhost:9400')
const AUTH_TIME = 1_800_000_000
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const idToken = (acr: string, nonce: string) =>
  `${b64({ alg: 'RS256' })}.${b64({ iss: METADATA.issuer, aud: 'acr-playground', nonce, acr, auth_time: AUTH_TIME })}.sig`

let secretsMade = 0
/** What the provider answers, by the first essential value asked: an acr (a code) or an error. */
let answers: Record<string, { acr: string } | { error: string } | 'page' | 'timeout'> = {}

function answerFor(url: string): FrameAnswer {
  const asked = new URL(url)
  const level = (
    JSON.parse(asked.searchParams.get('claims') ?? '{}') as {
      id_token: { acr: { values: string[] } }
    }
  ).id_token.acr.values[0]!
  const answer = answers[level]
  if (answer === 'page' || answer === 'timeout' || answer === undefined)
    return { kind: answer === 'page' ? 'page' : 'timeout' }
  const state = asked.searchParams.get('state')
  return {
    kind: 'callback',
    href:
      'error' in answer
        ? `${SILENT}#error=${answer.error}&state=${state}`
        : `${SILENT}#state=${state}&code=code-${answer.acr}-${asked.searchParams.get('nonce')}`,
  }
}

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
  setActivePinia(createPinia())
  secretsMade = 0
  answers = {}
  io.probeSecrets.mockReset().mockImplementation(async () => {
    secretsMade++
    return ok({
      state: `s${secretsMade}`,
      nonce: `n${secretsMade}`,
      verifier: `v${secretsMade}`,
      challenge: `c${secretsMade}`,
    })
  })
  io.askInFrame.mockReset().mockImplementation(async (url: string) => answerFor(url))
  io.requestTokens
    .mockReset()
    .mockImplementation(async (_endpoint: string, form: Record<string, string>) => {
      const [, acr, nonce] = /^code-(\w+)-(\w+)$/.exec(form.code ?? '') ?? []
      return ok({ id_token: idToken(acr!, nonce!), access_token: 'access-token-secret' })
    })
  io.navigate.mockReset()
})

function connect(metadata: DiscoveryMetadata = METADATA) {
  const provider = useProviderStore()
  provider.status = 'ready'
  provider.metadata = metadata
}

async function probe(mode: 'frame' | 'redirect' = 'frame') {
  const wrapper = mount(SessionProbe)
  await wrapper.get('[data-testid="session-probe-mode"]').setValue(mode)
  await wrapper.get('[data-testid="session-probe-run"]').trigger('click')
  await flushPromises()
  return wrapper
}

const heldOf = (wrapper: ReturnType<typeof mount>) =>
  Object.fromEntries(
    wrapper
      .findAll('[data-testid="session-probe-level"]')
      .map((row) => [row.attributes('data-level'), row.attributes('data-held')]),
  )

describe('SessionProbe in the hidden frame', () => {
  it('asks each level lowest first and shows held, not held and the auth_time', async () => {
    connect()
    answers = {
      bronze: { acr: 'bronze' },
      silver: { error: 'login_required' },
      gold: { error: 'login_required' },
    }
    const wrapper = await probe()

    expect(heldOf(wrapper)).toEqual({ bronze: 'held', silver: 'not-held', gold: 'not-held' })
    const asked = io.askInFrame.mock.calls.map(([url]) => new URL(url as string))
    expect(asked.map((u) => u.searchParams.get('claims'))).toEqual([
      '{"id_token":{"acr":{"essential":true,"values":["bronze","silver","gold"]}}}',
      '{"id_token":{"acr":{"essential":true,"values":["silver","gold"]}}}',
      '{"id_token":{"acr":{"essential":true,"values":["gold"]}}}',
    ])
    expect(asked.every((u) => u.searchParams.get('prompt') === 'none')).toBe(true)
    expect(asked.every((u) => u.searchParams.get('redirect_uri') === SILENT)).toBe(true)
    const bronze = wrapper.get('[data-level="bronze"]')
    expect(bronze.get('[data-testid="session-probe-auth-time"]').text()).toBe(
      '2027-01-15 08:00:00 UTC',
    )
    expect(bronze.get('[data-testid="session-probe-auth-time"]').attributes('datetime')).toBe(
      '2027-01-15T08:00:00.000Z',
    )
    expect(
      wrapper.get('[data-level="silver"] [data-testid="session-probe-error-code"]').text(),
    ).toBe('login_required')
    expect(
      wrapper.find('[data-level="silver"] [data-testid="session-probe-auth-time"]').exists(),
    ).toBe(false)
    expect(wrapper.get('[data-testid="session-probe-summary"]').text()).toContain('bronze (LoA 1)')
    expect(io.navigate).not.toHaveBeenCalled()
  })

  it('exchanges each code with its own verifier, and never touches the login or the history', async () => {
    connect()
    answers = {
      bronze: { acr: 'silver' },
      silver: { acr: 'silver' },
      gold: { error: 'interaction_required' },
    }
    const wrapper = await probe()

    expect(heldOf(wrapper)).toEqual({ bronze: 'held', silver: 'held', gold: 'not-held' })
    expect(
      io.requestTokens.mock.calls.map(([endpoint, form]) => [
        endpoint,
        form.code_verifier,
        form.redirect_uri,
      ]),
    ).toEqual([
      [METADATA.token_endpoint, 'v1', SILENT],
      [METADATA.token_endpoint, 'v2', SILENT],
    ])
    expect(useLoginStore().result).toBeNull()
    expect(useHistoryStore().attempts).toEqual([])
    expect(sessionStorage.getItem(STORAGE_KEY_SESSION_PROBE)).toBeNull()
    const kept = JSON.stringify(useSessionProbeStore().run)
    expect(kept).not.toContain('access-token-secret')
    expect(kept).not.toContain(b64({ alg: 'RS256' })) // no ID token either
    expect(kept).not.toContain('"verifier"')
  })

  it('says a level is unknown when the provider showed its own page in the frame', async () => {
    connect()
    answers = { bronze: { acr: 'bronze' }, silver: 'page', gold: 'page' }
    const wrapper = await probe()

    expect(heldOf(wrapper)).toEqual({ bronze: 'held', silver: 'unknown', gold: 'unknown' })
    expect(
      wrapper.get('[data-level="silver"] [data-testid="session-probe-reason"]').text(),
    ).toContain('showed a page of its own')
    expect(io.navigate).not.toHaveBeenCalled()
  })

  it('turns to redirects when the frame brings nothing in time', async () => {
    connect()
    answers = { bronze: { acr: 'bronze' }, silver: 'timeout' }
    const wrapper = await probe()

    expect(heldOf(wrapper)).toMatchObject({ bronze: 'held', silver: 'pending' })
    const url = new URL(io.navigate.mock.calls[0]![0] as string)
    expect(url.searchParams.get('claims')).toContain('["silver","gold"]')
    const kept = JSON.parse(sessionStorage.getItem(STORAGE_KEY_SESSION_PROBE) ?? '{}') as ProbeRun
    expect(kept).toMatchObject({
      transport: 'redirect',
      inFlight: { acr: 'silver', via: 'redirect' },
    })
    expect(wrapper.get('[data-testid="session-probe-notes"]').text()).toContain('within 5 s')
  })

  it('does not trust a frame’s "not held" from a provider on another site: it asks by redirect', async () => {
    connect({ ...METADATA, authorization_endpoint: 'https://sso.example.com/auth' })
    answers = { bronze: { error: 'login_required' } }
    const wrapper = await probe()

    expect(heldOf(wrapper).bronze).toBe('pending')
    expect(new URL(io.navigate.mock.calls[0]![0] as string).origin).toBe('https://sso.example.com')
    expect(wrapper.get('[data-testid="session-probe-notes"]').text()).toContain('another site')
  })
})

describe('SessionProbe by redirects', () => {
  it('leaves for the first level at once, the run kept for the return', async () => {
    connect()
    const wrapper = await probe('redirect')

    expect(io.askInFrame).not.toHaveBeenCalled()
    expect(io.navigate).toHaveBeenCalledTimes(1)
    const kept = JSON.parse(sessionStorage.getItem(STORAGE_KEY_SESSION_PROBE) ?? '{}') as ProbeRun
    expect(kept.inFlight).toMatchObject({ acr: 'bronze', state: 's1', verifier: 'v1' })
    expect(wrapper.get('[data-testid="session-probe-redirect-note"]').text()).toContain('left')
  })

  it('back from the provider: finishes the level with what the silent page kept, and goes on', async () => {
    connect()
    await probe('redirect')
    setActivePinia(createPinia()) // the page loads again
    sessionStorage.setItem(PROBE_CALLBACK_KEY, `${SILENT}#state=s1&code=code-bronze-n1`)

    const wrapper = mount(SessionProbe)
    await useSessionProbeStore().resumed
    await flushPromises()

    expect(sessionStorage.getItem(PROBE_CALLBACK_KEY)).toBeNull()
    expect(io.requestTokens.mock.calls[0]![1]).toMatchObject({
      code: 'code-bronze-n1',
      code_verifier: 'v1',
    })
    expect(heldOf(wrapper)).toMatchObject({ bronze: 'held', silver: 'pending' })
    expect(io.navigate).toHaveBeenCalledTimes(2)
    expect(new URL(io.navigate.mock.calls[1]![0] as string).searchParams.get('state')).toBe('s2')
  })

  it('after the last level: the row is shown and nothing is left in sessionStorage', async () => {
    connect()
    useConfigStore().patch({ loaMap: { bronze: 1 } })
    await probe('redirect')
    setActivePinia(createPinia())
    sessionStorage.setItem(PROBE_CALLBACK_KEY, `${SILENT}#error=login_required&state=s1`)

    const wrapper = mount(SessionProbe)
    await useSessionProbeStore().resumed
    await flushPromises()

    expect(heldOf(wrapper)).toEqual({ bronze: 'not-held' })
    expect(wrapper.get('[data-testid="session-probe-summary"]').text()).toContain(
      'none of these levels',
    )
    expect(sessionStorage.getItem(STORAGE_KEY_SESSION_PROBE)).toBeNull()
    expect(io.navigate).toHaveBeenCalledTimes(1)
  })

  it('opened again without an answer: the level and the rest are unknown, and it stops', async () => {
    connect()
    await probe('redirect')
    setActivePinia(createPinia())

    const wrapper = mount(SessionProbe)
    await useSessionProbeStore().resumed
    await flushPromises()

    expect(heldOf(wrapper)).toEqual({ bronze: 'unknown', silver: 'unknown', gold: 'unknown' })
    expect(
      wrapper.get('[data-level="bronze"] [data-testid="session-probe-reason"]').text(),
    ).toContain("without the provider's answer for bronze")
    expect(io.navigate).toHaveBeenCalledTimes(1)
    expect(sessionStorage.getItem(STORAGE_KEY_SESSION_PROBE)).toBeNull()
  })

  it('a stored run too old to finish is dropped with the answer the silent page kept', async () => {
    const old = { v: 1, startedAt: Date.now() - 11 * 60 * 1000 }
    sessionStorage.setItem(STORAGE_KEY_SESSION_PROBE, JSON.stringify(old))
    sessionStorage.setItem(PROBE_CALLBACK_KEY, `${SILENT}#state=s&code=c`)
    const wrapper = mount(SessionProbe)
    await flushPromises()

    expect(wrapper.find('[data-testid="session-probe-level"]').exists()).toBe(false)
    expect(sessionStorage.length).toBe(0)
  })
})

describe('SessionProbe that cannot run', () => {
  it('says there is nothing to probe without a map or ACR values', async () => {
    connect()
    useConfigStore().patch({ loaMap: {}, acrValues: [] })
    const wrapper = mount(SessionProbe)
    expect(wrapper.get('[data-testid="session-probe-error"]').text()).toContain('Nothing to probe')
    await wrapper.get('[data-testid="session-probe-run"]').trigger('click')
    expect(io.askInFrame).not.toHaveBeenCalled()
  })

  it('without a map, asks the request’s ACR values', async () => {
    connect()
    useConfigStore().patch({ loaMap: {}, acrValues: ['2', '1'] })
    answers = { '1': { acr: '2' }, '2': { acr: '2' } }
    const wrapper = await probe()
    expect(wrapper.get('[data-testid="session-probe-levels"]').text()).toContain(
      'request’s ACR values',
    )
    expect(heldOf(wrapper)).toEqual({ '1': 'held', '2': 'held' })
  })

  it('says the provider is not connected yet', async () => {
    const wrapper = mount(SessionProbe)
    await wrapper.get('[data-testid="session-probe-run"]').trigger('click')
    expect(wrapper.get('[data-testid="session-probe-error"]').text()).toBe(
      'Not connected to the provider yet: the probe can run once it is Ready.',
    )
    expect(io.probeSecrets).not.toHaveBeenCalled()
  })

  it('names a failed connection', async () => {
    const provider = useProviderStore()
    provider.status = 'failed'
    provider.connectionError = 'The realm does not answer.'
    const wrapper = mount(SessionProbe)
    expect(wrapper.get('[data-testid="session-probe-error"]').text()).toBe(
      'No provider to ask: The realm does not answer.',
    )
  })

  it('stops with the reason when this page has no WebCrypto', async () => {
    connect()
    io.probeSecrets.mockResolvedValue(
      err(
        'This page has no WebCrypto (crypto.subtle): it needs a secure context, https or localhost.',
      ),
    )
    const wrapper = await probe()
    expect(heldOf(wrapper)).toEqual({ bronze: 'unknown', silver: 'unknown', gold: 'unknown' })
    expect(wrapper.get('[data-testid="session-probe-notes"]').text()).toContain('secure context')
  })
})

describe('the probe’s I/O (src/services/probe-frame.ts)', async () => {
  const real =
    await vi.importActual<typeof import('@/services/probe-frame')>('@/services/probe-frame')
  const frameOf = () => document.querySelector('iframe')

  it('takes the URL its own frame posts from this origin, ignores the rest, and removes the frame', async () => {
    const answer = real.askInFrame('http://idp/auth?prompt=none', { timeoutMs: 1000 })
    const frame = frameOf()
    expect(frame?.hidden).toBe(true)
    expect(frame?.referrerPolicy).toBe('no-referrer')
    const post = (data: unknown, origin: string, source: Window | null) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source }))
    post(`${SILENT}#code=evil&state=s`, 'http://evil.test', frame!.contentWindow)
    post(`${SILENT}#code=other&state=s`, location.origin, window)
    post({ href: 'not a string' }, location.origin, frame!.contentWindow)
    post(`${SILENT}#code=c&state=s`, location.origin, frame!.contentWindow)
    expect(await answer).toEqual({ kind: 'callback', href: `${SILENT}#code=c&state=s` })
    expect(frameOf()).toBeNull()
  })

  it('a page that loads and posts nothing is the provider’s own page; nothing at all is a timeout', async () => {
    const page = real.askInFrame('http://idp/auth', { timeoutMs: 1000, settleMs: 10 })
    frameOf()!.dispatchEvent(new Event('load'))
    expect(await page).toEqual({ kind: 'page' })
    expect(await real.askInFrame('http://idp/auth', { timeoutMs: 10 })).toEqual({ kind: 'timeout' })
    expect(frameOf()).toBeNull()
  })

  it('makes an S256 challenge of a fresh verifier, and fresh state and nonce', async () => {
    const made = await real.probeSecrets()
    const again = await real.probeSecrets()
    if (!made.ok || !again.ok) throw new Error('no secrets')
    const { createHash } = await import('node:crypto')
    expect(made.value.challenge).toBe(
      createHash('sha256').update(made.value.verifier).digest('base64url'),
    )
    expect(made.value.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(made.value.state).not.toBe(again.value.state)
    expect(made.value.nonce).not.toBe(made.value.state)
  })

  it.each<[string, () => Promise<Response>, ReturnType<typeof ok> | ReturnType<typeof err>]>([
    [
      'a token response',
      async () => new Response('{"id_token":"x"}', { status: 200 }),
      ok({ id_token: 'x' }),
    ],
    [
      'an OAuth error',
      async () =>
        new Response('{"error":"invalid_grant","error_description":"Code not valid"}', {
          status: 400,
        }),
      err('HTTP 400: invalid_grant (Code not valid).'),
    ],
    ['a bare HTTP error', async () => new Response('oops', { status: 502 }), err('HTTP 502.')],
    [
      'no JSON',
      async () => new Response('<html>', { status: 200 }),
      err('the token endpoint did not answer JSON.'),
    ],
    [
      'a refused request (CORS)',
      async () => {
        throw new TypeError('Failed to fetch')
      },
      err(
        "the token endpoint could not be reached, or it does not allow this page's origin (CORS: in Keycloak, the client's Web origins).",
      ),
    ],
  ])('the token request: %s', async (_, answer, expected) => {
    const fetchImpl = vi.fn(answer)
    expect(await real.requestTokens('http://idp/token', { code: 'c' }, fetchImpl)).toEqual(expected)
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('http://idp/token')
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit' })
    expect(String(init.body)).toBe('code=c')
  })
})
