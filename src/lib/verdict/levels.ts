// The first screen's question, "which level do I get?": the levels to offer, in LoA order. From the
// realm's ladder when a realm is read, else the LoA map, else what the provider advertises.
import type { LoaSource } from './loa-source'

export interface LevelOption {
  acr: string
  /** Its level in the LoA map, when one is known. */
  loa?: number
}

interface LevelOptions {
  levels: LevelOption[]
  /** Where they come from, in a few words for the picker's legend. */
  source: string
}

const SOURCE: Record<LoaSource, string> = {
  realm: "the realm's levels",
  client: "the client's levels",
  link: "the link's LoA map",
  typed: 'the LoA map',
}

/** At most this many choices: a map with more is composed below, not picked. */
const MAX_LEVEL_CHOICES = 6

/** The levels to offer: lowest first, one per ACR value (ties by name). */
export function levelOptions(
  loaMap: Record<string, number>,
  loaSource: LoaSource,
  advertised: unknown,
): LevelOptions {
  const mapped = Object.entries(loaMap)
    .map(([acr, loa]) => ({ acr, loa }))
    .sort((a, b) => a.loa - b.loa || a.acr.localeCompare(b.acr))
  if (mapped.length)
    return { levels: mapped.slice(0, MAX_LEVEL_CHOICES), source: SOURCE[loaSource] }
  const offered = Array.isArray(advertised)
    ? [...new Set(advertised.filter((v): v is string => typeof v === 'string' && v !== ''))]
    : []
  return {
    levels: offered.slice(0, MAX_LEVEL_CHOICES).map((acr) => ({ acr })),
    source: offered.length ? 'acr_values_supported, as the provider advertises them' : '',
  }
}

/** The level the request asks for alone, or null (none, or several). */
export function chosenLevel(acrValues: readonly string[]): string | null {
  return acrValues.length === 1 ? (acrValues[0] ?? null) : null
}
