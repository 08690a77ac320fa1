// Which ACR-to-LoA map the playground reads levels with, and where it came from. The realm's own
// map (realm or client attribute `acr.loa.map`, the client's wins) beats what was typed or linked:
// a link's map that disagrees with the realm is flagged, never trusted.
import type { LoaMapSource } from '../request/config'
import type { LoaMap } from './loa'
import type { StepUpModel } from '../keycloak/realm-model'

export type LoaSource = 'realm' | 'client' | LoaMapSource

export interface ChosenLoaMap {
  map: LoaMap
  source: LoaSource
  /** The typed or linked map, when a realm's map overrides it and they differ. */
  overridden?: { map: LoaMap; source: LoaMapSource }
}

function sameMap(a: LoaMap, b: LoaMap): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k])
}

export function chooseLoaMap(
  typed: LoaMap,
  typedSource: LoaMapSource,
  model: StepUpModel | null,
): ChosenLoaMap {
  if (!model) return { map: typed, source: typedSource }
  // A realm without any map names its levels by number: that is the realm's answer too.
  const chosen: ChosenLoaMap = {
    map: model.loaMap.effective,
    source: model.loaMap.source === 'client' ? 'client' : 'realm',
  }
  if (Object.keys(typed).length > 0 && !sameMap(typed, model.loaMap.effective))
    chosen.overridden = { map: typed, source: typedSource }
  return chosen
}
