// The SSO session as the session probe last saw it: which levels it holds now, one prompt=none
// request per level. The probe's decisions are pure (src/lib/session/session-probe.ts), its I/O is in
// src/services/probe-frame.ts; this store holds the run and drives it. It never touches the login
// store: a probe's tokens are read for acr and auth_time and dropped, never shown as a login.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { useAddressBar } from '@/composables/useAddressBar'
import { readKey, safeStorage, useStoredRef, writeKey } from '@/composables/useStoredRef'
import type { Result } from '@/lib/core/result'
import {
  answerError,
  answerUnknown,
  beginProbe,
  finishProbe,
  frameSeesSession,
  highestHeld,
  nextLevel,
  parseProbeRun,
  PROBE_CALLBACK_KEY,
  probeLevels,
  readProbeCallback,
  SILENT_PAGE,
  startRun,
  stopRun,
  tokenRequest,
  turnToRedirects,
  withAnswer,
  type InFlight,
  type ProbeMode,
  type ProbeRow,
  type ProbeRun,
  probeClaims,
} from '@/lib/session/session-probe'
import { STORAGE_KEY_SESSION_PROBE } from '@/lib/storage/storage-keys'
import { askInFrame, FRAME_TIMEOUT_MS, probeSecrets, requestTokens } from '@/services/probe-frame'
import { useConfigStore } from './config'
import { useHistoryStore } from './history'
import { useProviderStore } from './provider'
import { useRealmStore } from './realm'

/** A run is kept in sessionStorage only while it is asked by redirects and not finished. */
function keptRun(run: ProbeRun | null): string | null {
  return run && run.transport === 'redirect' && (run.inFlight || nextLevel(run))
    ? JSON.stringify(run)
    : null
}

export const useSessionProbeStore = defineStore('sessionProbe', () => {
  const config = useConfigStore()
  const history = useHistoryStore()
  const provider = useProviderStore()
  const realm = useRealmStore()
  const address = useAddressBar()
  const storage = safeStorage('session')
  const pageOrigin = new URL(address.pageUrl).origin
  /** The probe's redirect target: the silent page beside this one. */
  const silentPageUrl = new URL(SILENT_PAGE, address.pageUrl).href

  const stored = useStoredRef<ProbeRun | null>(
    STORAGE_KEY_SESSION_PROBE,
    { read: (raw) => parseProbeRun(raw, Date.now()), write: keptRun },
    { storage, deep: false },
  )
  /** The run on show: under way, or finished. */
  const run = stored.value
  // A run left too long ago (or unreadable) leaves storage now.
  if (stored.raw !== null && run.value === null) writeKey(storage, STORAGE_KEY_SESSION_PROBE, null)
  /** What the silent page kept for a probe by redirects: read once, at load. */
  const returned = readKey(storage, PROBE_CALLBACK_KEY)
  writeKey(storage, PROBE_CALLBACK_KEY, null)

  /** How the user wants the levels asked: in a hidden frame (the default), or by redirects. */
  const mode = ref<ProbeMode>(run.value?.transport ?? 'frame')
  const running = ref(false)
  /** Why the probe could not run (no provider, no levels…). */
  const error = ref<string | null>(null)

  const levels = computed(() => probeLevels(realm.loa.map, config.config.acrValues))
  /** Why a probe cannot start now, or null. */
  const blocked = computed<string | null>(() => {
    if (!levels.value.ok) return levels.value.error
    if (provider.status === 'failed')
      return `No provider to ask: ${provider.connectionError ?? 'the connection failed'}`
    if (provider.status !== 'ready' || !provider.metadata)
      return 'Not connected to the provider yet: the probe can run once it is Ready.'
    return null
  })
  const rows = computed<ProbeRow[]>(() => run.value?.rows ?? [])
  /** The highest level the last probe found held. */
  const highest = computed(() => highestHeld(rows.value))

  /** Read one answer: the callback, then (for a code) the token endpoint's answer. */
  async function settle(current: ProbeRun, inFlight: InFlight, href: string): Promise<ProbeRow> {
    const callback = readProbeCallback(href, current.redirectUri, inFlight.state)
    if (callback.kind === 'error') return answerError(current, inFlight, callback)
    if (callback.kind === 'unreadable') return answerUnknown(current, inFlight, callback.reason)
    // A code: the provider authenticated this request and (Keycloak) kept its claims in the
    // client's session, as if a login had sent them. Later predictions must know.
    history.noteRequest({
      target: { ...config.target },
      at: inFlight.sentAt,
      claims: probeClaims(inFlight.values),
    })
    const tokens: Result<unknown> = await requestTokens(
      current.tokenEndpoint,
      tokenRequest(current, inFlight, callback.code),
    )
    return finishProbe(current, inFlight, tokens)
  }

  /** Ask the levels left, one after the other; by redirects, this page is left for each. */
  async function proceed() {
    running.value = true
    try {
      for (let current = run.value; current && nextLevel(current); current = run.value) {
        const secrets = await probeSecrets()
        const begun = secrets.ok ? beginProbe(current, secrets.value, Date.now()) : secrets
        if (!begun.ok) {
          run.value = stopRun(current, begun.error, 'Not probed: the run stopped.')
          break
        }
        run.value = begun.value.run
        const inFlight = begun.value.run.inFlight as InFlight
        if (inFlight.via === 'redirect') {
          // Written to sessionStorage already (the stored ref writes synchronously).
          address.navigate(begun.value.url)
          return
        }
        const answer = await askInFrame(begun.value.url)
        if (answer.kind === 'timeout') {
          run.value = turnToRedirects(
            begun.value.run,
            `The hidden frame brought no answer for ${inFlight.acr} within ${FRAME_TIMEOUT_MS / 1000} s: the levels left are asked by redirects.`,
          )
          continue
        }
        if (answer.kind === 'page') {
          run.value = withAnswer(
            begun.value.run,
            answerUnknown(
              begun.value.run,
              inFlight,
              'The provider showed a page of its own instead of answering, though prompt=none forbids it, and the page refused to show in the frame. Keycloak 26.5.6 does so when the level needs an OTP the user has not set up (“credential setup required”), and for an ACR name it does not know anywhere in the list asked (“Invalid parameter: claims”).',
            ),
          )
          continue
        }
        const answered = await settle(begun.value.run, inFlight, answer.href)
        if (
          answered.held === 'not-held' &&
          !frameSeesSession(pageOrigin, begun.value.run.authorizationEndpoint)
        ) {
          run.value = turnToRedirects(
            begun.value.run,
            `The frame answered ${answered.error} for ${inFlight.acr}, but the provider is on another site: a browser may keep its cookies from a frame, so the levels left are asked by redirects.`,
          )
          continue
        }
        run.value = withAnswer(begun.value.run, answered)
      }
    } finally {
      running.value = false
    }
  }

  /** Probe every level now, in the chosen mode. */
  async function probe() {
    if (running.value) return
    error.value = blocked.value
    const metadata = provider.metadata
    if (error.value || !levels.value.ok || !metadata) return
    const started = startRun(
      {
        issuer: metadata.issuer,
        clientId: config.config.clientId,
        authorizationEndpoint: metadata.authorization_endpoint,
        tokenEndpoint: metadata.token_endpoint,
        redirectUri: silentPageUrl,
        scope: config.config.scope,
      },
      levels.value.value,
      realm.loa.map,
      mode.value,
      `probe-${Date.now()}`,
      Date.now(),
    )
    if (!started.ok) {
      error.value = started.error
      return
    }
    run.value = started.value
    await proceed()
  }

  /** Back from a redirect: finish the probe in flight with what the silent page kept, go on. */
  async function resume(current: ProbeRun) {
    const inFlight = current.inFlight
    if (inFlight && returned === null) {
      run.value = stopRun(
        current,
        `The playground opened again without the provider's answer for ${inFlight.acr}: the provider kept the browser on a page of its own (Keycloak 26.5.6 does so, even under prompt=none, when the level needs an OTP the user has not set up, or for an ACR name it does not know), or this page was opened by hand.`,
        'Not probed: the run stopped at the level before.',
      )
      return
    }
    if (inFlight && returned !== null) {
      running.value = true
      run.value = withAnswer(current, await settle(current, inFlight, returned))
    }
    await proceed()
  }

  /** Whether this page load finished a probe by redirects (resolves when it stops or leaves). */
  const resumed = run.value ? resume(run.value) : Promise.resolve()

  return {
    mode,
    running,
    error,
    levels,
    blocked,
    run,
    rows,
    highest,
    silentPageUrl,
    probe,
    resumed,
  }
})
