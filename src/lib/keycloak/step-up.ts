// One click to the next level: what to ask for after the level just received.
import { acrClaimMode, parseClaimsRequest } from '../request/claims-request'
import { withAcrValues, type PlaygroundConfig } from '../request/config'
import { loaOf, type LoaMap } from '../verdict/loa'

export interface StepUpTarget {
  acr: string
  loa?: number
}

/**
 * The next higher level: by the LoA map in effect (the realm's, a client's, a link's or the typed
 * one, whichever the realm store chose) when it knows the received level, else the value after the
 * received one in the composed list of ACR values.
 */
export function nextLevel(
  received: string | undefined,
  { loaMap, acrValues }: { loaMap: LoaMap; acrValues: readonly string[] },
): StepUpTarget | undefined {
  const current = loaOf(received, loaMap)
  if (current !== undefined) {
    const higher = Object.entries(loaMap)
      .filter(([, loa]) => loa > current)
      .sort((a, b) => a[1] - b[1])[0]
    if (higher) return { acr: higher[0], loa: higher[1] }
    return undefined
  }
  const index = received === undefined ? -1 : acrValues.indexOf(received)
  const next = index >= 0 ? acrValues[index + 1] : undefined
  return next === undefined ? undefined : { acr: next, loa: loaOf(next, loaMap) }
}

/**
 * The configuration for a step-up to `target`: the same request, asking for that one level, and
 * without prompt or max_age so the provider reuses the SSO session and asks only for the missing
 * factor.
 */
export function stepUpConfig(config: PlaygroundConfig, target: StepUpTarget): PlaygroundConfig {
  // Without a claims request for acr, the level can only travel as acr_values.
  const viaClaims = acrClaimMode(parseClaimsRequest(config.claims).claims) !== 'off'
  return {
    ...withAcrValues(config, [target.acr]),
    sendAcrValues: config.sendAcrValues || !viaClaims,
    prompt: '',
    maxAge: null,
  }
}

/**
 * The configuration a step-up challenge asks for (RFC 9470 section 4): its acr_values as the level
 * list, and its max_age; no prompt, so the SSO session is reused where it suffices.
 */
export function challengeConfig(
  config: PlaygroundConfig,
  challenge: { acrValues: string[]; maxAge?: number },
): PlaygroundConfig {
  // RFC 9470 section 4: the client sends the challenge's acr_values; a max_age-only challenge keeps the list.
  const levels =
    challenge.acrValues.length > 0
      ? { ...withAcrValues(config, challenge.acrValues), sendAcrValues: true }
      : config
  return { ...levels, maxAge: challenge.maxAge ?? null, prompt: '' }
}
