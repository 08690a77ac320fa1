// The signature and claims check of a pasted token, for the token tool: the verifier (jose) is a
// chunk of its own, loaded on first use. Holds nothing: the token stays in the tool's memory.
import { defineStore } from 'pinia'

import type { JsonObject } from '@/lib/request/claims-request'
import type { ChosenKey } from '@/lib/tokens/pasted-key'
import type { Result } from '@/lib/core/result'
import { checkClaims, type Expectations } from '@/lib/tokens/token-checks'
import type { Verification } from '@/services/verify'

export type { Verification } from '@/services/verify'

const loadVerifier = () => import('@/services/verify')

export const useVerifierStore = defineStore('verifier', () => {
  /** Run a check with the verifier loaded; a chunk that fails to load leaves the token unverified. */
  async function withVerifier(
    payload: JsonObject,
    expected: Expectations,
    check: (
      verifier: Awaited<ReturnType<typeof loadVerifier>>,
    ) => Promise<Verification> | Verification,
  ): Promise<Verification> {
    try {
      return await check(await loadVerifier())
    } catch (error) {
      return {
        status: 'unverified',
        reason: `The verifier could not be loaded (${String(error)}): reload the page.`,
        checks: checkClaims(payload, expected),
      }
    }
  }

  /** Check against the provider's keys (its jwks_uri). */
  function verifyToken(
    token: string,
    payload: JsonObject,
    jwksUri: string | undefined,
    expected: Expectations,
  ): Promise<Verification> {
    return withVerifier(payload, expected, (v) => v.verifyToken(token, payload, jwksUri, expected))
  }

  /** Check with the pasted key chosen for this token, or fail the signature with why it cannot. */
  function verifyWithKey(
    token: string,
    payload: JsonObject,
    key: Result<ChosenKey, string>,
    expected: Expectations,
  ): Promise<Verification> {
    return withVerifier(payload, expected, (v) =>
      key.ok
        ? v.verifyWithKey(token, payload, key.value, expected)
        : v.keyMismatch(key.error, payload, expected),
    )
  }

  return { verifyToken, verifyWithKey }
})
