// One click to the next level: what to ask for after the level just received.
import { acrClaimMode, parseClaimsRequest, withAcrClaim, formatClaims } from './claims-request'
import type { PlaygroundConfig } from './config'
import { loaOf } from './loa'

export interface StepUpTarget {
  acr: string
  loa?: number
}

/**
 * The next higher level: by the LoA map when it knows the received level, else the value after
 * the received one in the composed list.
 */
export function nextLevel(
  received: string | undefined,
  config: PlaygroundConfig,
): StepUpTarget | undefined {
  const current = loaOf(received, config.loaMap)
  if (current !== undefined) {
    const higher = Object.entries(config.loaMap)
      .filter(([, loa]) => loa > current)
      .sort((a, b) => a[1] - b[1])[0]
    if (higher) return { acr: higher[0], loa: higher[1] }
    return undefined
  }
  const index = received === undefined ? -1 : config.acrValues.indexOf(received)
  const next = index >= 0 ? config.acrValues[index + 1] : undefined
  return next === undefined ? undefined : { acr: next, loa: loaOf(next, config.loaMap) }
}

/**
 * The configuration for a step-up to `target`: the same request, asking for that one level, and
 * without prompt or max_age so the provider reuses the SSO session and asks only for the missing
 * factor.
 */
export function stepUpConfig(config: PlaygroundConfig, target: StepUpTarget): PlaygroundConfig {
  const claims = parseClaimsRequest(config.claims).claims
  const mode = acrClaimMode(claims)
  const next: PlaygroundConfig = {
    ...config,
    acrValues: [target.acr],
    sendAcrValues: config.sendAcrValues || mode === 'off',
    prompt: '',
    maxAge: null,
  }
  if (mode !== 'off') next.claims = formatClaims(withAcrClaim(claims, mode, [target.acr]))
  return next
}
