// The claim checks a client owes an ID token (OIDC Core 3.1.3.7) and what can be said of an
// access token. Signature verification is separate (src/services/verify.ts).
import type { JsonObject } from '../request/claims-request'
import { formatEpoch } from '../core/time'

export interface TokenCheck {
  name: string
  ok: boolean
  detail: string
  /** Shown for information only: it never fails the token (`audience: 'informational'`). */
  info?: boolean
}

export interface Expectations {
  issuer: string
  clientId: string
  /** The nonce sent with the request, when known. */
  nonce?: string
  /** Epoch seconds. */
  now: number
  kind: 'id' | 'access'
  /**
   * `informational` for a token this client did not ask for (a pasted one): aud, azp and client_id
   * are shown, not judged, since it may be meant for anyone. Default `checked`.
   */
  audience?: 'checked' | 'informational'
}

/** Clock skew tolerated between this browser and the provider, seconds. */
const CLOCK_SKEW = 60

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud]
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : []
}

export function checkClaims(payload: JsonObject, expected: Expectations): TokenCheck[] {
  const checks: TokenCheck[] = []
  const iss = payload.iss
  checks.push({
    name: 'iss',
    ok: iss === expected.issuer,
    detail:
      iss === expected.issuer
        ? `is the issuer, ${expected.issuer}`
        : `is ${JSON.stringify(iss)}, not ${expected.issuer}`,
  })
  const aud = audiences(payload.aud)
  const azp = payload.azp
  if (expected.kind === 'id') {
    checks.push({
      name: 'aud',
      ok: aud.includes(expected.clientId),
      detail: aud.includes(expected.clientId)
        ? `names this client, ${expected.clientId}`
        : `is ${JSON.stringify(payload.aud)}, which does not name ${expected.clientId}`,
    })
    if (aud.length > 1 || azp !== undefined) {
      checks.push({
        name: 'azp',
        ok: azp === expected.clientId,
        detail:
          azp === expected.clientId
            ? 'is this client'
            : `is ${JSON.stringify(azp)}, not ${expected.clientId}`,
      })
    }
  } else if (azp !== undefined || payload.client_id !== undefined) {
    const client = azp ?? payload.client_id
    checks.push({
      name: azp !== undefined ? 'azp' : 'client_id',
      ok: client === expected.clientId,
      detail:
        client === expected.clientId
          ? 'is this client'
          : `is ${JSON.stringify(client)}, not ${expected.clientId}`,
    })
  }
  const exp = payload.exp
  checks.push(
    typeof exp !== 'number'
      ? { name: 'exp', ok: false, detail: 'is missing' }
      : {
          name: 'exp',
          ok: exp + CLOCK_SKEW > expected.now,
          detail: `${exp + CLOCK_SKEW > expected.now ? 'is' : 'was'} ${formatEpoch(exp)}`,
        },
  )
  const iat = payload.iat
  checks.push(
    typeof iat !== 'number'
      ? { name: 'iat', ok: expected.kind === 'access', detail: 'is missing' }
      : {
          name: 'iat',
          ok: iat - CLOCK_SKEW <= expected.now,
          detail:
            iat - CLOCK_SKEW <= expected.now
              ? `is ${formatEpoch(iat)}`
              : `is in the future: ${formatEpoch(iat)}`,
        },
  )
  if (expected.kind === 'id' && expected.nonce !== undefined) {
    checks.push({
      name: 'nonce',
      ok: payload.nonce === expected.nonce,
      detail:
        payload.nonce === expected.nonce
          ? 'matches the request'
          : 'does not match the nonce the request sent',
    })
  }
  return expected.audience === 'informational' ? checks.map(asInformation) : checks
}

/** The checks that say whom a token is for. */
const AUDIENCE_CHECKS = ['aud', 'azp', 'client_id']

function asInformation(check: TokenCheck): TokenCheck {
  if (!AUDIENCE_CHECKS.includes(check.name)) return check
  return {
    name: check.name,
    ok: true,
    info: true,
    detail: check.ok
      ? check.detail
      : `${check.detail} (for information: it may be meant for another client)`,
  }
}
