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

/**
 * The configuration a step-up challenge asks for (RFC 9470 section 4): its acr_values as the level
 * list, and its max_age; no prompt, so the SSO session is reused where it suffices.
 */
export function challengeConfig(
  config: PlaygroundConfig,
  challenge: { acrValues: string[]; maxAge?: number },
): PlaygroundConfig {
  const claims = parseClaimsRequest(config.claims).claims
  const mode = acrClaimMode(claims)
  const acrValues = challenge.acrValues.length > 0 ? challenge.acrValues : config.acrValues
  const next: PlaygroundConfig = {
    ...config,
    acrValues,
    sendAcrValues: challenge.acrValues.length > 0 ? true : config.sendAcrValues,
    maxAge: challenge.maxAge ?? null,
    prompt: '',
  }
  if (mode !== 'off' && challenge.acrValues.length > 0)
    next.claims = formatClaims(withAcrClaim(claims, mode, acrValues))
  return next
}
