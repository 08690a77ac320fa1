// The page: what this page load does, in order (a plan link, a share link, a return from the
// provider, a connect), where it goes (the provider, and back), and the two clean-ups (logout,
// forget). App.vue lays out and wires; the stores below each own one thing; this owns the sequence.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

import { useAddressBar } from '@/composables/useAddressBar'
import { useDebounced } from '@/composables/useDebounced'
import { readKey, safeStorage, useStoredRef } from '@/composables/useStoredRef'
import { parseCallbackFragment } from '@/lib/session/callback'
import { INPUT_LIMITS } from '@/lib/core/limits'
import { issuerOf } from '@/lib/session/login-flow'
import { decodeShareLink } from '@/lib/request/share-link'
import {
  STORAGE_KEY_OPEN_TOOLS,
  STORAGE_KEY_PLAN_RUN,
  STORAGE_KEY_PLAN_RUN_OPEN,
  STORAGE_KEY_SESSION_PROBE,
} from '@/lib/storage/storage-keys'
import { challengeConfig, stepUpConfig, type StepUpTarget } from '@/lib/keycloak/step-up'
import { readOpenTools, serializeOpenTools, type PanelId } from '@/lib/storage/tools'
import { linkWorkspaceName } from '@/lib/storage/workspace'
import { useConfigStore } from './config'
import { useHistoryStore } from './history'
import { useLoginStore } from './login'
import { useProfilesStore } from './profiles'
import { useProviderStore } from './provider'
import { useRealmStore } from './realm'
import { useResourceCallsStore } from './resource-calls'

/** The plan store and its codecs load only for a plan link, a run under way, or the open tool. */
const loadPlans = () => import('./plan').then((m) => m.usePlanStore())
/** The result view is fetched while the code is exchanged. */
export const loadLoginResult = () => import('@/components/LoginResult.vue')

export const usePageStore = defineStore('page', () => {
  const configStore = useConfigStore()
  const profiles = useProfilesStore()
  const provider = useProviderStore()
  const login = useLoginStore()
  const calls = useResourceCallsStore()
  const history = useHistoryStore()
  const realm = useRealmStore()
  const address = useAddressBar()
  const redirectUri = address.pageUrl
  const session = safeStorage('session')
  address.reloadWhenRestored()

  const logoutError = ref<string | null>(null)
  const forgotten = ref(false)
  /** What a screen reader hears after a return: the answer in one sentence. */
  const announcement = ref('')
  /** Bumped when the answer should take the focus (App.vue moves it). */
  const answerShown = ref(0)

  /** The tools open on this page, kept over a reload (this tab). */
  const openTools = useStoredRef<PanelId[]>(
    STORAGE_KEY_OPEN_TOOLS,
    { read: readOpenTools, write: serializeOpenTools },
    { storage: session, deep: false },
  ).value
  function isOpen(tool: PanelId) {
    return openTools.value.includes(tool)
  }
  function setOpen(tool: PanelId, open: boolean) {
    if (open === isOpen(tool)) return
    openTools.value = open ? [...openTools.value, tool] : openTools.value.filter((t) => t !== tool)
  }

  // 1. A plan link (`?plan=`) carries a plan and nothing else; it runs only on the user's click.
  const planUnderWay = readKey(session, STORAGE_KEY_PLAN_RUN) !== null
  const planLeft =
    !planUnderWay && readKey(safeStorage('local'), STORAGE_KEY_PLAN_RUN_OPEN) !== null
  // A query past the link limit is refused whole by the link codec: it is not even parsed here.
  const planParam =
    address.initialQuery.length > INPUT_LIMITS.linkChars
      ? null
      : new URLSearchParams(address.initialQuery).get('plan')
  if (planParam !== null) {
    void loadPlans().then((plans) => plans.load(planParam, 'link'))
    address.clearQuery()
  }
  if (planParam !== null || planUnderWay || planLeft) setOpen('plans', true)
  // A probe by redirects goes on with its next step on this load (a realm kept from before the
  // redirect opens its tool through the realm store: App.vue).
  if (readKey(session, STORAGE_KEY_SESSION_PROBE) !== null) setOpen('session-probe', true)

  // 2. A share link is a visitor: its configuration opens in a workspace of its own, beside the
  // saved profiles, which stay as they were until the user keeps it.
  const linkImport = ref(planParam === null ? decodeShareLink(address.initialQuery) : null)
  if (linkImport.value) {
    if (Object.keys(linkImport.value.patch).length > 0) {
      const config = { ...configStore.config, ...linkImport.value.patch }
      profiles.visit(linkWorkspaceName(config), 'link', config, {
        askFirst: linkImport.value.patch.mode !== undefined,
      })
    }
    address.clearQuery()
  }
  const linkIssuer = computed(() => issuerOf(configStore.target))
  // A switch is a clean start with a whole other configuration: a link's notice was about the one before.
  watch(
    () => profiles.switches,
    () => {
      linkImport.value = null
    },
  )

  // 3. A return from the provider: the answer, then the next step of a plan, then connect.
  const callback = parseCallbackFragment(address.initialHash)
  // A fragment that is no login response leaves the address bar, like an imported query does.
  if (!callback) address.clearFragment()
  if (callback) void loadLoginResult()

  /** Why there is no login URL; a provider that did not answer is explained once, on the first screen. */
  const unavailableReason = computed(() =>
    profiles.awaitingConsent
      ? 'The link names a provider this browser has not used: connect to it above first.'
      : provider.connectionError
        ? 'No login URL: the provider did not answer (see why at the top).'
        : provider.prepareError,
  )

  function prepareNow() {
    if (configStore.built.ok) void provider.prepare(configStore.built.request, redirectUri)
  }
  // At load: finish the return (if any) and connect at once; later edits are debounced.
  const connectSoon = useDebounced(() => {
    if (!profiles.awaitingConsent) void provider.connect(configStore.target, redirectUri)
  }, 400)
  const prepareSoon = useDebounced(prepareNow, 150)
  watch(() => JSON.stringify(configStore.target), connectSoon)
  watch(() => JSON.stringify(configStore.built), prepareSoon)
  watch(
    () => provider.status,
    (status) => status === 'ready' && prepareNow(),
  )

  const returning = callback !== null || login.hasPending
  const started = login.finish(callback, redirectUri).then(async () => {
    // A plan run goes on with its next step (or ends, and shows its report with the last answer).
    let planEnded = false
    if (planUnderWay) {
      const plans = await loadPlans()
      const next = await plans.resume(redirectUri)
      if (next) return address.navigate(next)
      planEnded = plans.endedHere
    }
    if (returning && !planEnded && (login.result || login.loginError)) showAnswer()
    if (!profiles.awaitingConsent) await provider.connect(configStore.target, redirectUri)
  })

  /** After a return: the answer in view, focused, and announced. */
  function showAnswer() {
    const judged = login.evaluation
    announcement.value = login.loginError
      ? `The login failed: ${login.loginError.explanation.title}.`
      : judged
        ? `Back from the provider: acr ${judged.receivedAcr ?? 'none'}${judged.receivedLoa !== undefined ? `, LoA ${judged.receivedLoa}` : ''}, ${judged.verdict}.`
        : ''
    answerShown.value++
  }

  async function startLogin() {
    if (!configStore.built.ok) return
    const url = await login.begin(configStore.built.request, redirectUri)
    if (url) address.navigate(url)
  }

  function stepUp(target: StepUpTarget) {
    configStore.replace(stepUpConfig(configStore.config, target))
    return startLogin()
  }

  /** A challenge prefills the request; from the API caller the same click also logs in. */
  function applyChallenge(challenge: { acrValues: string[]; maxAge?: number }, andLogin: boolean) {
    configStore.replace(challengeConfig(configStore.config, challenge))
    if (andLogin) return startLogin()
  }

  /**
   * After unmet_authentication_requirements, one click: the same levels asked voluntarily
   * (acr_values, no essential claim), and log in again.
   */
  function askVoluntarily() {
    if (!configStore.canAskVoluntarily) return
    configStore.askVoluntarily()
    login.loginError = null
    return startLogin()
  }

  /** RP-initiated logout: to the provider's end_session_endpoint and back to this page. */
  function logout() {
    const url = login.beginLogout(redirectUri)
    if (!url.ok) {
      logoutError.value = `Cannot log out at the provider: ${url.error}.`
      return
    }
    calls.forget()
    history.clear() // the provider's session ended: what the history says of it ends too
    address.navigate(url.value)
  }

  /** Wipe the stored configuration, the history and the tokens in memory. */
  function forgetEverything() {
    login.forget()
    calls.forget()
    history.clear()
    configStore.forget()
    profiles.forget()
    provider.forget()
    realm.forget()
    openTools.value = []
    prepareNow()
    linkImport.value = null
    forgotten.value = true
  }

  return {
    redirectUri,
    started,
    linkImport,
    linkIssuer,
    unavailableReason,
    logoutError,
    forgotten,
    announcement,
    answerShown,
    openTools,
    isOpen,
    setOpen,
    navigate: address.navigate,
    startLogin,
    stepUp,
    applyChallenge,
    askVoluntarily,
    logout,
    forgetEverything,
  }
})
