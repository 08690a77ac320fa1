// The one table of the authorization request parameters the playground composes. The request
// builder, the share-link codec, the history diff and the URL preview all read it, so a parameter
// is named, validated and sent the same way everywhere.
import { fieldParsers, type PlaygroundConfig } from './config'
import type { Result } from '../core/result'

/** The step-up part of an authorization request, exactly as it goes on the wire. */
export interface AuthRequest {
  scope: string
  acrValues?: string
  /** Minified JSON. */
  claims?: string
  prompt?: string
  maxAge?: number
  loginHint?: string
  uiLocales?: string
  kcIdpHint?: string
}

/** Options for keycloak-js `createLoginUrl`/`login`: the parameters it can express itself. */
export interface KeycloakLoginOptions {
  redirectUri: string
  scope: string
  prompt?: 'none' | 'login'
  maxAge?: number
  loginHint?: string
  idpHint?: string
  locale?: string
  acrValues?: string
}

/** A parameter whose value is one configuration field, sent as text when set. */
interface SimpleParam<K extends keyof PlaygroundConfig = keyof PlaygroundConfig> {
  /** The OIDC parameter name; the share link uses the same name. */
  name: string
  /** The configuration field it fills. */
  field: K
  /** The AuthRequest property it becomes. */
  requestKey: keyof AuthRequest
  /** How the form labels it. */
  label: string
  /** Link or stored text → field value. Never throws. */
  parse: (text: string) => Result<PlaygroundConfig[K]>
  /** Field value → wire text; undefined: not sent. */
  toWire: (value: PlaygroundConfig[K]) => string | undefined
}

const text = (value: string) => (value ? value : undefined)

/** Any one of the simple parameters, its field and value types kept together. */
type AnySimpleParam = {
  [K in keyof PlaygroundConfig]: SimpleParam<K>
}[keyof PlaygroundConfig]

function param<K extends keyof PlaygroundConfig>(p: SimpleParam<K>): AnySimpleParam & { field: K } {
  return p as unknown as AnySimpleParam & { field: K }
}

/** The wire text of one simple parameter for a configuration; undefined when not sent. */
export function wireValue(p: AnySimpleParam, config: PlaygroundConfig): string | undefined {
  return (p.toWire as (value: unknown) => string | undefined)(config[p.field])
}

/** Parse one simple parameter's text into a configuration patch. */
export function parseParam(p: AnySimpleParam, text: string): Result<Partial<PlaygroundConfig>> {
  const parsed = (p.parse as (text: string) => Result<unknown>)(text)
  return parsed.ok ? { ok: true, value: { [p.field]: parsed.value } } : parsed
}

/**
 * The parameters that are one field each. `acr_values` (an ordered list shared with the claims
 * request) and `claims` (JSON text) have their own rules in auth-request.ts and share-link.ts but
 * keep their place in REQUEST_PARAM_NAMES.
 */
export const SIMPLE_PARAMS = [
  param({
    name: 'scope',
    field: 'scope',
    requestKey: 'scope',
    label: 'scope',
    parse: fieldParsers.scope,
    toWire: text,
  }),
  param({
    name: 'prompt',
    field: 'prompt',
    requestKey: 'prompt',
    label: 'prompt',
    parse: fieldParsers.prompt,
    toWire: text,
  }),
  param({
    name: 'max_age',
    field: 'maxAge',
    requestKey: 'maxAge',
    label: 'max_age',
    parse: fieldParsers.maxAge,
    toWire: (v) => (v === null ? undefined : String(v)),
  }),
  param({
    name: 'login_hint',
    field: 'loginHint',
    requestKey: 'loginHint',
    label: 'login_hint',
    parse: fieldParsers.loginHint,
    toWire: text,
  }),
  param({
    name: 'ui_locales',
    field: 'uiLocales',
    requestKey: 'uiLocales',
    label: 'ui_locales',
    parse: fieldParsers.uiLocales,
    toWire: text,
  }),
  param({
    name: 'kc_idp_hint',
    field: 'kcIdpHint',
    requestKey: 'kcIdpHint',
    label: 'kc_idp_hint',
    parse: fieldParsers.kcIdpHint,
    toWire: text,
  }),
] as const

/** The configuration fields that are one simple parameter each. */
export type SimpleParamField = (typeof SIMPLE_PARAMS)[number]['field']

/** How the form and the messages about a stored configuration name each simple parameter. */
export const SIMPLE_PARAM_LABELS = Object.fromEntries(
  SIMPLE_PARAMS.map((p) => [p.field, p.label]),
) as Record<SimpleParamField, string>

/** Every step-up parameter by its OIDC name, in the order the preview and the diff show them. */
export const REQUEST_PARAMS = [
  { name: 'scope', requestKey: 'scope', keycloakOption: 'scope' },
  { name: 'acr_values', requestKey: 'acrValues', keycloakOption: 'acrValues' },
  // keycloak-js builds `claims` only as {"id_token":{"acr":…}}: see withClaimsParameter.
  { name: 'claims', requestKey: 'claims', keycloakOption: undefined },
  { name: 'prompt', requestKey: 'prompt', keycloakOption: 'prompt' },
  { name: 'max_age', requestKey: 'maxAge', keycloakOption: 'maxAge' },
  { name: 'login_hint', requestKey: 'loginHint', keycloakOption: 'loginHint' },
  { name: 'ui_locales', requestKey: 'uiLocales', keycloakOption: 'locale' },
  { name: 'kc_idp_hint', requestKey: 'kcIdpHint', keycloakOption: 'idpHint' },
] as const satisfies readonly {
  name: string
  requestKey: keyof AuthRequest
  /** The keycloak-js login option that sends it; undefined: keycloak-js cannot. */
  keycloakOption: keyof KeycloakLoginOptions | undefined
}[]

type RequestParamName = (typeof REQUEST_PARAMS)[number]['name']

export const REQUEST_PARAM_NAMES = REQUEST_PARAMS.map((p) => p.name)

/** The request as OIDC name/value pairs, in table order; unset parameters are left out. */
export function requestParams(request: AuthRequest): [RequestParamName, string][] {
  const pairs: [RequestParamName, string][] = []
  for (const { name, requestKey } of REQUEST_PARAMS) {
    const value = request[requestKey]
    if (value !== undefined) pairs.push([name, String(value)])
  }
  return pairs
}
