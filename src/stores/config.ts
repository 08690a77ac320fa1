// The configuration on show and its editors' actions. It is kept by whoever owns what is on show
// (the profiles store: a saved profile, or this tab's visitor from a link or a plan run).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'

import { buildAuthRequest } from '@/lib/request/auth-request'
import {
  acrClaimMode,
  hasBlockingProblem,
  parseClaimsRequest,
  type AcrClaimMode,
} from '@/lib/request/claims-request'
import {
  askedVoluntarily,
  defaultConfig,
  withAcrMode,
  withAcrValues,
  withClaimsText,
  type PlaygroundConfig,
} from '@/lib/request/config'
import type { DialectRules } from '@/lib/dialects/types'
import type { ProviderTarget } from '@/lib/session/history'
import { ASKS_BY_CLAIMS, loadDialectRules, resolveDialect } from '@/lib/provider/provider'

export const useConfigStore = defineStore('config', () => {
  const config = ref<PlaygroundConfig>(defaultConfig())

  const claims = computed(() => parseClaimsRequest(config.value.claims))
  const claimsBlocked = computed(() => hasBlockingProblem(claims.value.problems))
  const acrMode = computed<AcrClaimMode>(() => acrClaimMode(claims.value.claims))
  const built = computed(() => buildAuthRequest(config.value))
  const target = computed<ProviderTarget>(() => ({
    mode: config.value.mode,
    url: config.value.url,
    realm: config.value.realm,
    issuer: config.value.issuer,
    clientId: config.value.clientId,
  }))
  const sendsBoth = computed(() => config.value.sendAcrValues && acrMode.value !== 'off')
  /** How the provider on show speaks step-up: chosen, or read from the provider. */
  const dialect = computed(() => resolveDialect(config.value.dialect, config.value))
  /** The rules of a dialect that asks by claims (Entra), loaded when it is on show. */
  const askRules = shallowRef<DialectRules | null>(null)
  watch(
    dialect,
    async (d) => {
      const rules = ASKS_BY_CLAIMS.includes(d) ? await loadDialectRules(d) : null
      if (d === dialect.value) askRules.value = rules
    },
    { immediate: true },
  )
  /** The rules the edits below follow now (null until they are loaded). */
  const rulesNow = () => (askRules.value?.dialect === dialect.value ? askRules.value : null)

  /** The ordered list feeds acr_values and, when on, the claims request's values. */
  function setAcrValues(values: string[]) {
    const ask = rulesNow()?.ask
    config.value = ask ? ask(config.value, values) : withAcrValues(config.value, values)
  }

  function setAcrMode(mode: AcrClaimMode) {
    // A claims text with an error stays as typed (the editor shows why). A dialect that asks by
    // claims has no id_token.acr to switch.
    if (!rulesNow()?.ask) config.value = withAcrMode(config.value, mode)
  }

  /** The request asks an essential acr that acr_values could ask voluntarily instead. */
  const canAskVoluntarily = computed(
    () => acrMode.value === 'essential' && !claimsBlocked.value && !rulesNow()?.ask,
  )
  /** The same levels, voluntary (the essential switch turned off, or an error's one click). */
  function askVoluntarily() {
    if (canAskVoluntarily.value) config.value = askedVoluntarily(config.value)
  }

  /** The raw editor: a valid id_token.acr.values flows back into the list. */
  function setClaimsText(text: string) {
    const completed = rulesNow()?.claimsText?.(text)
    // Typed text stays as typed; only the list follows what it asks for.
    config.value = completed
      ? {
          ...config.value,
          claims: text,
          ...(completed.acrValues && { acrValues: completed.acrValues }),
        }
      : withClaimsText(config.value, text)
  }

  /** A claims request from a challenge: completed as the provider's dialect needs (Entra: cp1). */
  function applyClaims(text: string) {
    const completed = rulesNow()?.claimsText?.(text)
    setClaimsText(completed ? completed.claims : text)
  }

  function patch(changes: Partial<PlaygroundConfig>) {
    config.value = { ...config.value, ...changes }
  }

  function replace(next: PlaygroundConfig) {
    config.value = next
  }

  /** Back to the defaults. */
  function forget() {
    config.value = defaultConfig()
  }

  return {
    config,
    claims,
    claimsBlocked,
    acrMode,
    built,
    target,
    sendsBoth,
    dialect,
    askRules,
    setAcrValues,
    setAcrMode,
    canAskVoluntarily,
    askVoluntarily,
    setClaimsText,
    applyClaims,
    patch,
    replace,
    forget,
  }
})
