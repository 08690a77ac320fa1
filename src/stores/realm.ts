// What the playground knows of the Keycloak realm: the step-up model read from a pasted export,
// the LoA map it reads levels with (and where that map came from), the realm lint, and the
// prediction of what Keycloak will do with the request on show.
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'

import { safeStorage, useStoredRef } from '@/composables/useStoredRef'
import { useNow } from '@/composables/useNow'
import { seenSession } from '@/lib/session/history'
import { chooseLoaMap } from '@/lib/verdict/loa-source'
import { issuerOf } from '@/lib/session/login-flow'
import type { LoginPrediction } from '@/lib/keycloak/predict'
import type { StepUpModel } from '@/lib/keycloak/realm-model'
import { STORAGE_KEY_REALM, STORAGE_KEY_REALM_VERSION } from '@/lib/storage/storage-keys'
import { useConfigStore } from './config'
import { useHistoryStore } from './history'

/** An export larger than this stays in memory only: it would not survive the redirect. */
const MAX_STORED_EXPORT_CHARS = 2 * 1024 * 1024

/** Does the model describe the realm the playground talks to? */
function realmMismatch(model: StepUpModel, issuer: string): string | null {
  if (!model.realm) return null
  const expected = `/realms/${encodeURIComponent(model.realm)}`
  return issuer.replace(/\/+$/, '').endsWith(expected)
    ? null
    : `The export is of realm "${model.realm}", but the provider is ${issuer}: it is not used for levels, predictions or hints.`
}

export const useRealmStore = defineStore('realm', () => {
  const config = useConfigStore()
  const history = useHistoryStore()

  const stored = useStoredRef<string>(
    STORAGE_KEY_REALM,
    {
      read: (raw) => (raw !== null && raw.length <= MAX_STORED_EXPORT_CHARS ? raw : ''),
      write: (text) => (text && text.length <= MAX_STORED_EXPORT_CHARS ? text : null),
    },
    { storage: safeStorage('session'), deep: false },
  )
  const exportText = stored.value
  /** The clock the prediction reads (level max ages), ticking only once a realm is known. */
  const now = useNow({ intervalMs: 5000, enabled: () => exportText.value !== '' })
  const importError = ref<string | null>(null)
  /** When the realm on show was read live, and whose token read it: memory only. */
  const liveRead = ref<{
    at: number
    username: string
    notes: string[]
    /** Why Keycloak's version was not read with it. */
    versionNote: string | null
  } | null>(null)
  const reading = ref(false)
  /** The realm reader, loaded the first time a realm is known. */
  const engine = shallowRef<typeof import('@/lib/keycloak/realm-engine') | null>(null)
  const loadEngine = async () =>
    (engine.value ??= markRaw(await import('@/lib/keycloak/realm-engine')))
  watch(exportText, (text) => text && void loadEngine(), { immediate: true })

  const parsed = computed(() =>
    exportText.value && engine.value
      ? engine.value.parseRealmExport(exportText.value, config.config.clientId)
      : null,
  )
  const model = computed(() => (parsed.value?.ok ? markRaw(parsed.value.value) : null))
  const mismatch = computed(() =>
    model.value ? realmMismatch(model.value, issuerOf(config.target)) : null,
  )
  /** The model, when it is of this provider's realm and this client. */
  const applicable = computed(() =>
    model.value && !mismatch.value && model.value.clientFound !== false ? model.value : null,
  )
  const loa = computed(() =>
    chooseLoaMap(config.config.loaMap, config.config.loaMapSource, applicable.value),
  )
  /**
   * Keycloak's version, as src/lib/keycloak/keycloak-version.ts stores it (versionOf reads it, withPicked
   * and withServer write it): what the user picked, and what the server's admin API told.
   */
  const versionText = useStoredRef<string>(
    STORAGE_KEY_REALM_VERSION,
    { read: (raw) => raw ?? '', write: (text) => text || null },
    { storage: safeStorage('session'), deep: false },
  ).value

  const warnings = computed(() =>
    model.value && engine.value
      ? engine.value.lintRealmAt(model.value, versionText.value, config.target.url)
      : [],
  )

  /** What Keycloak will do with the request on show, from the model and this tab's history. */
  const prediction = computed<LoginPrediction | null>(() => {
    const realm = applicable.value
    if (!realm || !engine.value || !config.built.ok) return null
    const { isBrokered, predictLogin } = engine.value
    const seen = seenSession(
      history.attempts,
      config.target,
      history.clientNotes,
      (attempt) => !isBrokered(realm, attempt.request),
    )
    const predicted = predictLogin(realm, config.built.request, {
      now: now.value,
      ...(seen
        ? {
            ssoSession: {
              loa: seen.loa,
              authTime: seen.authTime,
              levelsAuthenticatedAt: seen.levelsAuthenticatedAt,
              lastRequest: seen.lastRequest,
            },
          }
        : {}),
    })
    predicted.unknowns.push(engine.value.sessionAssumption(!!seen))
    return predicted
  })

  /** Read a pasted export. Returns false, and says why, when it cannot be used. */
  async function importExport(text: string): Promise<boolean> {
    const { parseRealmExport } = await loadEngine()
    const result = parseRealmExport(text, config.config.clientId)
    if (!result.ok) {
      importError.value = result.error
      return false
    }
    importError.value = null
    exportText.value = text
    liveRead.value = null
    return true
  }

  /**
   * Read the realm through Keycloak's admin API with the signed-in user's access token (it needs
   * view-realm and view-clients of realm-management). The assembled export-shaped JSON, which holds
   * only what decides step-up, is kept like a pasted export so it survives the login redirect; the
   * token is only passed through.
   */
  async function importLive(accessToken: string, fetchImpl?: typeof fetch): Promise<boolean> {
    reading.value = true
    try {
      // The admin reader loads on first use, like the realm engine.
      const [{ readLive }] = await Promise.all([import('@/services/admin-api'), loadEngine()])
      const read = await readLive(config.target, accessToken, versionText.value, fetchImpl)
      if (!read.ok) {
        importError.value = read.error
        return false
      }
      if (!(await importExport(read.value.exportText))) return false
      versionText.value = read.value.versionText
      liveRead.value = { at: Date.now(), ...read.value.live }
      return true
    } finally {
      reading.value = false
    }
  }

  function forget() {
    exportText.value = ''
    importError.value = null
    liveRead.value = null
    versionText.value = ''
  }

  return {
    exportText,
    importError,
    model,
    mismatch,
    applicable,
    loa,
    warnings,
    prediction,
    tooLargeToKeep: computed(() => exportText.value.length > MAX_STORED_EXPORT_CHARS),
    importExport,
    liveRead,
    reading,
    importLive,
    /** Resolves once a stored realm has been read again (after a redirect). */
    ready: () => (exportText.value ? loadEngine() : Promise.resolve(null)),
    forget,
    versionText,
  }
})
