// Step-up rules of the demo provider, kept free of oidc-provider so they are unit-tested alone.
// They copy what a Keycloak browser flow with "Condition - Level of Authentication" does:
// each level adds a factor, each level stays valid for its own max age, and a session that
// already holds a level is only asked for what is missing.

/** Factors, in the order the login pages ask for them. */
export const FACTORS = ['pwd', 'otp', 'hwk']

export const FACTOR_LABELS = {
  pwd: 'password',
  otp: 'one-time code',
  hwk: 'security key (simulated)',
}

/**
 * ACR name -> level. Each level adds one factor; `maxAge` is how many seconds that factor counts
 * for the level, as Keycloak's per-level "Max Age": an expired silver re-asks the one-time code,
 * not the password, while bronze still holds.
 */
export const LEVELS = [
  { acr: 'bronze', loa: 1, adds: 'pwd', factors: ['pwd'], maxAge: 36000 },
  { acr: 'silver', loa: 2, adds: 'otp', factors: ['pwd', 'otp'], maxAge: 600 },
  { acr: 'gold', loa: 3, adds: 'hwk', factors: ['pwd', 'otp', 'hwk'], maxAge: 120 },
]

/** The demo's acr.loa.map, in Keycloak's format. */
export const ACR_LOA_MAP = Object.fromEntries(LEVELS.map((level) => [level.acr, level.loa]))

export const USERS = {
  alice: { password: 'alice', name: 'Alice (password only)', factors: ['pwd'] },
  bob: { password: 'bob', name: 'Bob (every factor)', factors: ['pwd', 'otp', 'hwk'] },
  eve: { password: 'eve', name: 'Eve (password only; hostile claim values)', factors: ['pwd'] },
}

function levelByAcr(acr) {
  return LEVELS.find((level) => level.acr === acr)
}

/**
 * What ACR the authorization request asks for.
 * The claims request wins over acr_values when both name one (as in Keycloak); `value` is read
 * as well as `values` because OIDC Core 5.5.1 allows both.
 * @returns {{ values: string[], essential: boolean }}
 */
export function requestedAcr(params) {
  let claims
  try {
    claims = params.claims ? JSON.parse(params.claims) : undefined
  } catch {
    claims = undefined
  }
  const acr = claims?.id_token?.acr
  if (acr && typeof acr === 'object') {
    const values = Array.isArray(acr.values)
      ? acr.values.filter((v) => typeof v === 'string')
      : typeof acr.value === 'string'
        ? [acr.value]
        : []
    if (values.length > 0) return { values, essential: acr.essential === true }
  }
  const values =
    typeof params.acr_values === 'string' ? params.acr_values.split(' ').filter(Boolean) : []
  return { values, essential: false }
}

/**
 * The level the request targets: like Keycloak, the lowest of the known requested levels.
 * Unknown values are ignored; `unknown` lists them so an essential request can fail on them.
 */
export function targetLevel(requested) {
  const known = requested.values.map(levelByAcr).filter(Boolean)
  const unknown = requested.values.filter((v) => !levelByAcr(v))
  const target = known.length ? known.reduce((a, b) => (a.loa <= b.loa ? a : b)) : undefined
  return { target, unknown }
}

function fresh(level, factorTimes, now) {
  const at = factorTimes[level.adds]
  return at !== undefined && now - at <= level.maxAge
}

/** Is a level held, given when each factor was last performed (epoch seconds)? */
export function levelHeld(level, factorTimes, now) {
  return LEVELS.filter((l) => l.loa <= level.loa).every((l) => fresh(l, factorTimes, now))
}

/** The first factor a level lacks now, lowest level first. */
function missingFactor(level, factorTimes, now) {
  return LEVELS.filter((l) => l.loa <= level.loa).find((l) => !fresh(l, factorTimes, now))?.adds
}

/** The highest level held now, or undefined. */
export function currentLevel(factorTimes, now) {
  return [...LEVELS].reverse().find((level) => levelHeld(level, factorTimes, now))
}

/**
 * Decide the next step of an interaction.
 * @param {object} input
 * @param {string|undefined} input.accountId  who is signed in (undefined: nobody yet)
 * @param {Record<string, number>} input.factorTimes  last time each factor was performed
 * @param {Record<string, number>} input.doneNow  factors performed in this interaction
 * @param {{values: string[], essential: boolean}} input.requested
 * @param {boolean} input.forceLogin  prompt=login, or max_age exceeded
 * @param {number} input.now
 * @returns {{ step: 'factor', factor: string }
 *   | { step: 'error', error: string, description: string }
 *   | { step: 'done', acr: string, amr: string[], authTime: number }}
 */
export function nextStep({ accountId, factorTimes, doneNow, requested, forceLogin, now }) {
  // A forced login counts only what is performed now: every factor of the level is asked again.
  const times = forceLogin ? doneNow : { ...factorTimes, ...doneNow }
  if (!accountId || times.pwd === undefined) return { step: 'factor', factor: 'pwd' }

  const user = USERS[accountId]
  const { target, unknown } = targetLevel(requested)

  if (requested.essential && unknown.length > 0 && !target) {
    return {
      step: 'error',
      error: 'unmet_authentication_requirements',
      description: `this provider knows no level named ${unknown.join(', ')}`,
    }
  }

  if (target) {
    const missing = missingFactor(target, times, now)
    if (missing && user.factors.includes(missing)) return { step: 'factor', factor: missing }
    if (missing && requested.essential) {
      return {
        step: 'error',
        error: 'unmet_authentication_requirements',
        description: `${accountId} has no ${FACTOR_LABELS[missing]}, so the essential level ${target.acr} cannot be reached`,
      }
    }
  }

  const held = currentLevel(times, now) ?? LEVELS[0]
  const performed = Object.values(doneNow)
  const authTime = Math.max(...Object.values(times))
  let acr
  if (!target) {
    // Keycloak without a requested level: "1" for a fresh authentication, "0" for SSO reuse.
    acr = performed.length ? '1' : '0'
  } else if (held.loa >= target.loa) {
    acr = target.acr
  } else {
    acr = held.acr // a voluntary request the user could not meet: the provider downgrades
  }
  const amrLevel = target && held.loa >= target.loa ? target : held
  return { step: 'done', acr, amr: amrLevel.factors, authTime }
}
