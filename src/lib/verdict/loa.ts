// ACR <-> Level of Authentication, as Keycloak maps them (client or realm attribute `acr.loa.map`).
import { parseLoaMapObject, parseLoaMapText } from '../request/config'
import { err, ok, type Result } from '../core/result'

export type LoaMap = Record<string, number>

/** The acr claim as text, the one way everywhere: a string, or a number as Keycloak may send it. */
export function acrClaim(claims: Record<string, unknown> | undefined): string | undefined {
  const value = claims?.acr
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/**
 * The LoA an `acr` stands for: its entry in the map, or the number itself, because Keycloak
 * sends the bare level ("0", "1", "2") when no name is mapped to it.
 */
export function loaOf(acr: string | undefined, loaMap: LoaMap): number | undefined {
  if (acr === undefined) return undefined
  if (Object.hasOwn(loaMap, acr)) return loaMap[acr]
  return /^\d+$/.test(acr) ? Number(acr) : undefined
}

interface ImportedLoaMap {
  map: LoaMap
  /** Where in the pasted text the map was found. */
  source: string
}

function fromAttribute(value: unknown, source: string): Result<ImportedLoaMap> {
  const map = typeof value === 'string' ? parseLoaMapText(value) : parseLoaMapObject(value)
  return map.ok ? ok({ map: map.value, source }) : err(`${source} ${map.error}`)
}

function attributeOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  const attributes = (value as { attributes?: unknown }).attributes
  if (typeof attributes !== 'object' || attributes === null) return undefined
  return (attributes as Record<string, unknown>)['acr.loa.map']
}

/**
 * Read an ACR-to-LoA map from what a user pastes: the attribute value itself
 * (`{"silver":1,"gold":2}`), a client JSON export, or a realm export (its own attribute, else the
 * client named `clientId`, else the first client that has one). Never throws.
 */
export function importLoaMap(text: string, clientId?: string): Result<ImportedLoaMap> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return err(`Not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err('Paste a JSON object: the acr.loa.map value, a client export or a realm export.')
  }
  const own = attributeOf(value)
  if (own !== undefined) {
    const isRealm = 'realm' in value
    return fromAttribute(
      own,
      isRealm ? 'the realm attribute acr.loa.map' : 'the client attribute acr.loa.map',
    )
  }
  const clients = (value as { clients?: unknown }).clients
  if (Array.isArray(clients)) {
    const withMap = clients.filter((c) => attributeOf(c) !== undefined) as { clientId?: string }[]
    const chosen = withMap.find((c) => c.clientId === clientId) ?? withMap[0]
    if (chosen)
      return fromAttribute(
        attributeOf(chosen),
        `client ${chosen.clientId ?? '?'} of the realm export`,
      )
    return err('This realm export has no acr.loa.map, neither on the realm nor on a client.')
  }
  if ('clientId' in value || 'attributes' in value) {
    return err('This client export has no acr.loa.map attribute.')
  }
  const direct = parseLoaMapObject(value)
  return direct.ok
    ? ok({ map: direct.value, source: 'the pasted map' })
    : err(`The map ${direct.error}`)
}
