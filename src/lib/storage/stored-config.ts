// The configuration in localStorage: a versioned schema, read field by field so a damaged or
// older entry loads what it can and says what it could not.
import {
  defaultConfig,
  fieldParsers,
  parseLoaMapObject,
  type PlaygroundConfig,
} from '../request/config'
import { INPUT_LIMITS, jsonTextProblem } from '../core/limits'
import { parseDialectChoice } from '../provider/provider'
import { SIMPLE_PARAM_LABELS, type SimpleParamField } from '../request/request-params'
import { err, ok, type Result } from '../core/result'

const CONFIG_SCHEMA_VERSION = 1

interface StoredConfigV1 {
  version: 1
  config: PlaygroundConfig
}

interface LoadedConfig {
  config: PlaygroundConfig
  /** One plain sentence per field that could not be loaded. Empty when all went well. */
  problems: string[]
  /** The stored text could not be used at all and should be kept aside. */
  unreadable: boolean
}

export function serializeConfig(config: PlaygroundConfig): string {
  const stored: StoredConfigV1 = { version: CONFIG_SCHEMA_VERSION, config }
  return JSON.stringify(stored)
}

function text(value: unknown, parse: (v: string) => Result<string>): Result<string> {
  return typeof value === 'string' ? parse(value) : err('is not text')
}

type FieldReader<K extends keyof PlaygroundConfig> = (value: unknown) => Result<PlaygroundConfig[K]>

const readers: { [K in keyof PlaygroundConfig]: FieldReader<K> } = {
  mode: (v) => (v === 'keycloak' || v === 'oidc' ? ok(v) : err('is neither keycloak nor oidc')),
  url: (v) => (v === '' ? ok('') : text(v, fieldParsers.url)),
  realm: (v) => (v === '' ? ok('') : text(v, fieldParsers.realm)),
  issuer: (v) => (v === '' ? ok('') : text(v, fieldParsers.issuer)),
  clientId: (v) => (v === '' ? ok('') : text(v, fieldParsers.clientId)),
  dialect: parseDialectChoice,
  scope: (v) => text(v, fieldParsers.scope),
  acrValues: (v) =>
    !Array.isArray(v) || !v.every((x) => typeof x === 'string')
      ? err('is not a list of values')
      : v.length > INPUT_LIMITS.acrValues
        ? err(`has ${v.length} values; at most ${INPUT_LIMITS.acrValues} are allowed`)
        : fieldParsers.acrValues(v.join(' ')),
  sendAcrValues: (v) => (typeof v === 'boolean' ? ok(v) : err('is not true or false')),
  // The editor's text as the user left it, mistakes included: the request builder refuses to
  // send a broken one and says why, and the text is not lost on reload. Only its size is judged
  // here, with the link's limits, so a huge or deeply nested text is never parsed.
  claims: (v) => {
    if (typeof v !== 'string') return err('is not text')
    const tooBig = jsonTextProblem(v, INPUT_LIMITS.claimsChars)
    return tooBig ? err(tooBig) : ok(v)
  },
  prompt: (v) => text(v, fieldParsers.prompt),
  maxAge: (v) =>
    v === null
      ? ok(null)
      : typeof v === 'number'
        ? fieldParsers.maxAge(String(v))
        : err('is not a number'),
  loginHint: (v) => text(v, fieldParsers.loginHint),
  uiLocales: (v) => text(v, fieldParsers.uiLocales),
  kcIdpHint: (v) => text(v, fieldParsers.kcIdpHint),
  loaMap: (v) => parseLoaMapObject(v),
  loaMapSource: (v) => (v === 'typed' || v === 'link' ? ok(v) : err('is neither typed nor link')),
  apiUrl: (v) => (v === '' ? ok('') : text(v, fieldParsers.apiUrl)),
}

const OTHER_FIELD_LABELS: Record<Exclude<keyof PlaygroundConfig, SimpleParamField>, string> = {
  mode: 'provider mode',
  url: 'Keycloak URL',
  realm: 'realm',
  issuer: 'issuer',
  clientId: 'client ID',
  dialect: 'dialect',
  acrValues: 'ACR values',
  sendAcrValues: 'send as acr_values',
  claims: 'claims request',
  loaMap: 'ACR-to-LoA map',
  loaMapSource: 'source of the ACR-to-LoA map',
  apiUrl: 'API URL',
}

const FIELD_LABELS: Record<keyof PlaygroundConfig, string> = {
  ...OTHER_FIELD_LABELS,
  ...SIMPLE_PARAM_LABELS,
}

function readFields(
  source: Record<string, unknown>,
  problems: string[],
  adjective = 'saved',
): PlaygroundConfig {
  const config = defaultConfig()
  for (const key of Object.keys(readers) as (keyof PlaygroundConfig)[]) {
    if (!(key in source)) continue
    const result = (readers[key] as FieldReader<typeof key>)(source[key])
    if (result.ok) (config as unknown as Record<string, unknown>)[key] = result.value
    else
      problems.push(
        `The ${adjective} ${FIELD_LABELS[key]} ${result.error}. It was reset to its default.`,
      )
  }
  return config
}

/**
 * One configuration object read field by field, as the stored entry is (the profiles document and
 * its export file hold several). A field that cannot be read keeps its default and is named in
 * `problems` ("The <adjective> issuer is not a URL…"). Never throws.
 */
export function readConfigObject(
  value: unknown,
  adjective = 'saved',
): Result<{ config: PlaygroundConfig; problems: string[] }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return err('is not an object')
  const problems: string[] = []
  return ok({ config: readFields(value as Record<string, unknown>, problems, adjective), problems })
}

/**
 * Read the stored configuration. Never throws: a missing entry gives the defaults (preconfigured
 * for the demo provider), a damaged one gives the defaults and says so.
 */
export function readStoredConfig(raw: string | null): LoadedConfig {
  if (raw === null) return { config: defaultConfig(), problems: [], unreadable: false }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return {
      config: defaultConfig(),
      problems: [
        'The saved configuration was not readable (not JSON). It was set aside and the defaults loaded.',
      ],
      unreadable: true,
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      config: defaultConfig(),
      problems: [
        'The saved configuration was not an object. It was set aside and the defaults loaded.',
      ],
      unreadable: true,
    }
  }
  const entry = value as Record<string, unknown>
  const problems: string[] = []
  if (!('version' in entry)) {
    // Before the schema had a version, the fields stood at the top level.
    problems.push(
      'The saved configuration came from an older version of the playground; what it understood was loaded.',
    )
    return { config: readFields(entry, problems), problems, unreadable: false }
  }
  if (
    typeof entry.version !== 'number' ||
    typeof entry.config !== 'object' ||
    entry.config === null
  ) {
    return {
      config: defaultConfig(),
      problems: [
        'The saved configuration has an unknown shape. It was set aside and the defaults loaded.',
      ],
      unreadable: true,
    }
  }
  if (entry.version > CONFIG_SCHEMA_VERSION) {
    problems.push(
      `The saved configuration was written by a newer version (schema ${entry.version}); the fields this version knows were loaded.`,
    )
  }
  return {
    config: readFields(entry.config as Record<string, unknown>, problems),
    problems,
    unreadable: false,
  }
}
