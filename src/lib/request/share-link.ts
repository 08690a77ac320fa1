// The share-link codec: configuration <-> page URL query. Two pure functions; the address bar is
// written in one place only (src/composables/useAddressBar.ts). Public contract v1: see README.
import { parseClaimsRequest, acrClaimOf } from './claims-request'
import { emptyRequest, fieldParsers, parseLoaMapText, type PlaygroundConfig } from './config'
import { describeLength, INPUT_LIMITS, jsonTextProblem, quoteValue } from '../core/limits'
import {
  hostDialect,
  legacyDialect,
  parseDialectChoice,
  resolveDialect,
} from '../provider/provider'
import { REQUEST_PARAM_NAMES, SIMPLE_PARAMS, parseParam, wireValue } from './request-params'
import { err, ok, type Result } from '../core/result'

/** Every parameter a link may carry, named after the OIDC parameter it fills. */
export const LINK_PARAMS = [
  'url',
  'realm',
  'issuer',
  'client_id',
  'dialect',
  ...REQUEST_PARAM_NAMES,
  'loa_map',
] as const

type LinkParam = (typeof LINK_PARAMS)[number]

interface RejectedParam {
  param: string
  reason: string
}

export interface LinkImport {
  /** The fields the link sets; the others stay as stored. */
  patch: Partial<PlaygroundConfig>
  accepted: LinkParam[]
  rejected: RejectedParam[]
}

/** The `param` of a rejection that refuses the whole link: nothing of it was read. */
export const WHOLE_LINK = '(link)'

function isLinkParam(name: string): name is LinkParam {
  return (LINK_PARAMS as readonly string[]).includes(name)
}

function refuseWhole(reason: string): LinkImport {
  return { patch: {}, accepted: [], rejected: [{ param: WHOLE_LINK, reason }] }
}

/** The parameters that name a provider, each its own config field, and the mode it implies. */
const PROVIDER_PARAMS = [
  { name: 'issuer', mode: 'oidc' },
  { name: 'url', mode: 'keycloak' },
  { name: 'realm', mode: 'keycloak' },
] as const

/** A parameter name as the notice quotes it: control characters shown, long names shortened. */
export function quotedName(name: string, max: number = INPUT_LIMITS.quotedNameChars): string {
  const plain = name.replace(/[\u0000-\u001f\u007f]/g, '\ufffd')
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain
}

function clipped(reason: string): string {
  const max = INPUT_LIMITS.reasonChars
  return reason.length > max ? `${reason.slice(0, max - 1)}…` : reason
}

/** ACR values from a claims request, judged like the acr_values parameter, one by one. */
function acrValueList(values: string[]): Result<string[]> {
  const spaced = values.find((v) => /\s/.test(v))
  if (spaced !== undefined) return err(`hold a value with a space: ${quoteValue(spaced)}`)
  const list = fieldParsers.acrValues(values.join(' '))
  if (!list.ok) return err(list.error.replace(/^has /, 'have '))
  return list
}

/** A parameter's value as the configuration fields it sets, or the whole reason it is refused. */
type Decoded = Result<Partial<PlaygroundConfig>>

/** A parser's result as the fields it sets; a refusal names the parameter. */
function fields<T>(
  param: LinkParam,
  result: Result<T>,
  set: (value: T) => Partial<PlaygroundConfig>,
): Decoded {
  return result.ok ? ok(set(result.value)) : err(`${param} ${result.error}`)
}

/**
 * The claims parameter: a claims request the editor can show within its limit. Its acr values
 * fill the one ACR list and are held to the list's rules, unless the link also carries acr_values.
 */
function decodeClaims(raw: string, withAcrValues: boolean): Decoded {
  const tooBig = jsonTextProblem(raw, INPUT_LIMITS.claimsChars)
  if (tooBig) return err(`claims ${tooBig}`)
  const parsed = parseClaimsRequest(raw)
  const blocking = parsed.problems.find((p) => p.severity === 'error')
  if (blocking) return err(blocking.message)
  // The editor shows the request formatted: that text must fit the limit too, or the stored
  // configuration would drop it on the next visit.
  const formatted = parsed.claims === null ? '' : JSON.stringify(parsed.claims, null, 2)
  if (formatted.length > INPUT_LIMITS.claimsChars)
    return err(
      `claims is ${formatted.length} characters long once formatted; at most ${INPUT_LIMITS.claimsChars} are allowed`,
    )
  const acr = acrClaimOf(parsed.claims)
  const list = acr ? acrValueList(acr.values) : ok<string[]>([])
  if (!list.ok) return err(`claims: the acr values ${list.error}`)
  if (withAcrValues) return ok({ claims: formatted })
  return ok({
    claims: formatted,
    sendAcrValues: false,
    ...(list.value.length > 0 && { acrValues: list.value }),
  })
}

/** One parameter of the link, read by the parser of the field (or fields) it fills. */
function decodeParam(param: LinkParam, raw: string, withAcrValues: boolean): Decoded {
  const simple = SIMPLE_PARAMS.find((p) => p.name === param)
  if (simple) return fields(param, parseParam(simple, raw), (patch) => patch)
  const provider = PROVIDER_PARAMS.find((p) => p.name === param)
  if (provider)
    return fields(param, fieldParsers[provider.name](raw), (value) => ({
      [provider.name]: value,
      mode: provider.mode,
    }))
  switch (param) {
    case 'client_id':
      return fields(param, fieldParsers.clientId(raw), (clientId) => ({ clientId }))
    case 'dialect':
      return fields(param, parseDialectChoice(raw), (dialect) => ({ dialect }))
    case 'acr_values':
      return fields(param, fieldParsers.acrValues(raw), (acrValues) => ({
        acrValues,
        sendAcrValues: acrValues.length > 0,
      }))
    case 'claims':
      return decodeClaims(raw, withAcrValues)
    case 'loa_map': {
      const tooBig = jsonTextProblem(raw, INPUT_LIMITS.loaMapChars)
      if (tooBig) return err(`loa_map ${tooBig}`)
      return fields(param, parseLoaMapText(raw), (loaMap) => ({ loaMap, loaMapSource: 'link' }))
    }
  }
  return err(`${param} is not read by this version of the playground`)
}

/**
 * The link's parameters, each once. A name that is not a link parameter, or one given more than
 * once, is refused; so are url and realm beside issuer (a link names one kind of provider).
 */
function readParams(query: URLSearchParams, rejected: RejectedParam[]): Map<LinkParam, string> {
  const values = new Map<LinkParam, string>()
  for (const name of new Set(query.keys())) {
    if (!isLinkParam(name)) {
      rejected.push({
        param: quotedName(name),
        reason: /^(redirect_uri|post_logout_redirect_uri)$/.test(name)
          ? 'the redirect target is always this page; a link cannot set it'
          : 'not a playground parameter',
      })
    } else if (query.getAll(name).length > 1) {
      rejected.push({ param: name, reason: 'given more than once' })
    } else {
      values.set(name, query.get(name) ?? '')
    }
  }
  if (values.has('issuer')) {
    for (const param of ['url', 'realm'] as const) {
      if (values.delete(param)) {
        rejected.push({
          param,
          reason:
            'a link names either issuer (any OIDC provider) or url and realm (Keycloak), not both',
        })
      }
    }
  }
  return values
}

/**
 * A link that names a provider describes the whole request: what it omits is empty, never
 * inherited from the stored configuration (another provider's levels, the demo's map).
 */
function wholeRequest(patch: Partial<PlaygroundConfig>): Partial<PlaygroundConfig> {
  if (patch.mode === undefined) return patch
  // Without `dialect` (links made before 2026-12) a link means what it meant: Keycloak's rules for
  // Keycloak, the generic ones otherwise, even for a host that now names its dialect.
  const target = { mode: patch.mode, issuer: patch.issuer ?? '' }
  const dialect =
    patch.dialect === undefined && target.mode === 'oidc' && hostDialect(target.issuer)
      ? { dialect: legacyDialect(target) }
      : {}
  return { ...emptyRequest(), dialect: 'auto', ...patch, ...dialect }
}

/** Decode a page URL's query. null when it carries no link at all. Never throws. */
export function decodeShareLink(search: string): LinkImport | null {
  // Refused before anything is decoded: a huge link costs nothing but this sentence.
  if (search.length > INPUT_LIMITS.linkChars) {
    return refuseWhole(
      `the link is ${describeLength(search.length)} long; a playground link is at most ` +
        `${INPUT_LIMITS.linkChars} characters (${INPUT_LIMITS.linkChars / 1024} KB), so none of it was read`,
    )
  }
  const query = new URLSearchParams(search)
  const count = [...query.keys()].length
  if (count === 0) return null
  if (count > INPUT_LIMITS.linkParams) {
    return refuseWhole(
      `the link has ${count} parameters; a playground link has at most ${INPUT_LIMITS.linkParams}, ` +
        'so none of it was read',
    )
  }
  const patch: Partial<PlaygroundConfig> = {}
  const accepted: LinkParam[] = []
  const rejected: RejectedParam[] = []
  const values = readParams(query, rejected)
  for (const [param, raw] of values) {
    const decoded = decodeParam(param, raw, values.has('acr_values'))
    if (decoded.ok) {
      Object.assign(patch, decoded.value)
      accepted.push(param)
    } else {
      rejected.push({ param, reason: clipped(decoded.error) })
    }
  }
  return { patch: wholeRequest(patch), accepted, rejected }
}

/** The link for a configuration, on the bare page URL. Carries configuration only. */
export function encodeShareLink(config: PlaygroundConfig, pageUrl: string): string {
  const url = new URL(pageUrl)
  url.hash = ''
  const query = new URLSearchParams()
  if (config.mode === 'keycloak') {
    query.set('url', config.url)
    query.set('realm', config.realm)
  } else {
    query.set('issuer', config.issuer)
  }
  query.set('client_id', config.clientId)
  const dialect = resolveDialect(config.dialect, config)
  if (dialect !== legacyDialect(config)) query.set('dialect', dialect)
  const claims = parseClaimsRequest(config.claims)
  for (const name of REQUEST_PARAM_NAMES) {
    const simple = SIMPLE_PARAMS.find((p) => p.name === name)
    const wire = simple
      ? wireValue(simple, config)
      : name === 'acr_values'
        ? config.sendAcrValues && config.acrValues.length > 0
          ? config.acrValues.join(' ')
          : undefined
        : // claims: minified when valid; a broken text travels as typed, to be named in the notice
          claims.claims !== null
          ? JSON.stringify(claims.claims)
          : config.claims.trim() || undefined
    if (wire !== undefined) query.set(name, wire)
  }
  if (Object.keys(config.loaMap).length > 0) query.set('loa_map', JSON.stringify(config.loaMap))
  url.search = query.toString()
  return url.href
}

/**
 * Why a link from encodeShareLink would be refused when opened (its query over the limit), or
 * null. A configuration within every field's limit can still add up to more than one link holds.
 */
export function shareLinkProblem(link: string): string | null {
  const search = URL.parse(link)?.search ?? ''
  return search.length > INPUT_LIMITS.linkChars
    ? `This link is ${describeLength(search.length)} long; the playground reads links of at most ` +
        `${INPUT_LIMITS.linkChars} characters, so it would open with nothing loaded. Shorten the ` +
        'claims request or the ACR-to-LoA map.'
    : null
}
