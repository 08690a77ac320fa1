// The configuration on show and its editors' actions. It is kept by whoever owns what is on show
// (the profiles store: a saved profile, or this tab's visitor from a link or a plan run).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { buildAuthRequest } from '@/lib/auth-request'
import {
  acrClaimMode,
  acrClaimOf,
  formatClaims,
  hasBlockingProblem,
  parseClaimsRequest,
  withAcrClaim,
  type AcrClaimMode,
} from '@/lib/claims-request'
import { defaultConfig, withAcrValues, type PlaygroundConfig } from '@/lib/config'
import type { ProviderTarget } from '@/lib/history'

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

  /** The ordered list feeds acr_values and, when on, the claims request's values. */
  function setAcrValues(values: string[]) {
    config.value = withAcrValues(config.value, values)
  }

  function setAcrMode(mode: AcrClaimMode) {
    if (claimsBlocked.value) return // the editor shows why; its text is not thrown away
    config.value.claims = formatClaims(
      withAcrClaim(claims.value.claims, mode, config.value.acrValues),
    )
    // An essential claim is read alone: sending acr_values beside it only earns a warning.
    if (mode === 'essential') config.value.sendAcrValues = false
  }

  /** The raw editor: a valid id_token.acr.values flows back into the list. */
  function setClaimsText(text: string) {
    config.value.claims = text
    const parsed = parseClaimsRequest(text)
    const acr = acrClaimOf(parsed.claims)
    if (!hasBlockingProblem(parsed.problems) && acr && acr.values.length > 0) {
      config.value.acrValues = acr.values
    }
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
    setAcrValues,
    setAcrMode,
    setClaimsText,
    patch,
    replace,
    forget,
  }
})
