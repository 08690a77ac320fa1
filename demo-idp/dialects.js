// The demo provider's dialect modes: the same users, factors and levels (levels.js), asked for and
// answered as each provider documents its step-up. Served beside the Keycloak-like provider at
// http://localhost:9400/<mode> (server.js). Pure, so each rule is unit-tested alone.
// Sources, one per rule: the README's "Dialects of step-up" table.
import { LEVELS, USERS } from './levels.js'

export const PAPE_MULTI_FACTOR = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor'

const loaOf = (name) => LEVELS.find((level) => level.acr === name)?.loa

function parseClaims(params) {
  try {
    const claims = params.claims ? JSON.parse(params.claims) : undefined
    return claims && typeof claims === 'object' ? claims : undefined
  } catch {
    return undefined
  }
}

const strings = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [])
const acrValues = (params) =>
  typeof params.acr_values === 'string' ? params.acr_values.split(' ').filter(Boolean) : []

/** The demo level reached, from nextStep's acr ("1"/"0" without a level: bronze's factors). */
const reachedLoa = (acr) => loaOf(acr) ?? (acr === '0' ? 0 : 1)

/**
 * Each mode: `request(params, accountId)` reads what is asked where the provider reads it and
 * names the demo level that needs the same factors; `answer(asked, done)` shapes the tokens.
 * `asked` is the mode's own reading; `done` is nextStep's { acr, amr, authTime }.
 */
export const MODES = {
  // Entra: authentication contexts in claims.access_token.acrs (value or values), essential;
  // answered in the access token's acrs, the ID token carries no acr; xms_cc echoes cp1.
  entra: {
    acrValuesSupported: [],
    contexts: { c1: 'silver', c2: 'gold' },
    request(params) {
      const token = parseClaims(params)?.access_token
      const acrs = token?.acrs
      const names =
        acrs && typeof acrs === 'object'
          ? typeof acrs.value === 'string'
            ? [acrs.value]
            : strings(acrs.values)
          : []
      return {
        names,
        capabilities: strings(token?.xms_cc?.values),
        requested: {
          values: names.map((c) => this.contexts[c] ?? c),
          essential: acrs?.essential === true,
        },
      }
    },
    answer(asked, done) {
      const held = reachedLoa(done.acr)
      const acrs = asked.names.filter((c) => (loaOf(this.contexts[c]) ?? Infinity) <= held)
      return {
        acr: undefined,
        amr: done.amr,
        access: {
          acrs,
          ...(asked.capabilities.includes('cp1') ? { xms_cc: ['cp1'] } : {}),
        },
      }
    },
  },
  // Okta: predefined acr_values; unsupported ones are ignored; of several it chooses one (the
  // demo: the first supported) and reflects it in the tokens. ifpossible asks a second factor
  // only of a user enrolled in one.
  okta: {
    names: {
      'urn:okta:loa:1fa:any': 'bronze',
      'urn:okta:loa:1fa:pwd': 'bronze',
      'urn:okta:loa:2fa:any': 'silver',
      'urn:okta:loa:2fa:any:ifpossible': 'silver',
      phr: 'gold',
      phrh: 'gold',
    },
    get acrValuesSupported() {
      return Object.keys(this.names)
    },
    request(params, accountId) {
      const chosen = acrValues(params).find((v) => Object.hasOwn(this.names, v))
      let level = chosen && this.names[chosen]
      const enrolled = USERS[accountId]?.factors ?? ['pwd', 'otp']
      if (chosen?.endsWith(':ifpossible') && !enrolled.includes('otp')) level = 'bronze'
      return {
        names: chosen ? [chosen] : [],
        requested: { values: level ? [level] : [], essential: false },
      }
    },
    answer(asked, done) {
      const [chosen] = asked.names
      const held = reachedLoa(done.acr)
      const reached = { 1: 'urn:okta:loa:1fa:any', 2: 'urn:okta:loa:2fa:any', 3: 'phr' }[held]
      const target = chosen && asked.requested.values[0]
      return {
        acr: chosen && held >= (loaOf(target) ?? 1) ? chosen : reached,
        amr: done.amr,
        access: {},
      }
    },
  },
  // Auth0: acr_values with the PAPE multi-factor policy asks MFA; the answer is amr containing
  // mfa; access tokens carry no auth_time by default.
  auth0: {
    acrValuesSupported: [PAPE_MULTI_FACTOR],
    request(params) {
      const names = acrValues(params).filter((v) => v === PAPE_MULTI_FACTOR)
      return { names, requested: { values: names.length ? ['silver'] : [], essential: false } }
    },
    answer(asked, done) {
      const mfa = reachedLoa(done.acr) >= 2
      return {
        acr: asked.names.length && mfa ? PAPE_MULTI_FACTOR : undefined,
        amr: mfa ? ['mfa'] : undefined,
        access: {},
        noAuthTimeInAccessToken: true,
      }
    },
  },
  // Cognito: acr_values, an ordered list of levels (the demo targets the first); acr is the level
  // satisfied, urn:cognito:loa:N; amr the methods, with mfa once there are two.
  cognito: {
    acrValuesSupported: ['urn:cognito:loa:1', 'urn:cognito:loa:2', 'urn:cognito:loa:3'],
    request(params) {
      const levels = { 1: 'bronze', 2: 'silver', 3: 'gold' }
      const first = acrValues(params)
        .map((v) => /^urn:cognito:loa:(\d)$/.exec(v)?.[1])
        .find((n) => n && levels[n])
      return {
        names: first ? [`urn:cognito:loa:${first}`] : [],
        requested: { values: first ? [levels[first]] : [], essential: false },
      }
    },
    answer(asked, done) {
      const held = Math.max(1, reachedLoa(done.acr))
      return {
        acr: `urn:cognito:loa:${held}`,
        amr: done.amr.length >= 2 ? [...done.amr, 'mfa'] : done.amr,
        access: {},
      }
    },
  },
}

export const MODE_NAMES = Object.keys(MODES)
