// Signature verification against the provider's JWKS, or a key pasted beside a pasted token, with
// jose, loaded only when a token comes back so the first page stays small. keycloak-js verifies no
// signature and no claim but the nonce.
import type { ChosenKey } from '@/lib/tokens/pasted-key'
import { checkClaims, type Expectations, type TokenCheck } from '@/lib/tokens/token-checks'
import type { JsonObject } from '@/lib/request/claims-request'

type VerificationStatus = 'valid' | 'invalid' | 'unverified'

export interface Verification {
  status: VerificationStatus
  /** Why it could not be checked (unverified), or what failed (invalid). */
  reason?: string
  checks: TokenCheck[]
}

type Jose = typeof import('jose')
let jose: Promise<Jose> | undefined
const keySets = new Map<string, ReturnType<Jose['createRemoteJWKSet']>>()

async function keySet(jwksUri: string) {
  jose ??= import('jose')
  const { createRemoteJWKSet } = await jose
  let set = keySets.get(jwksUri)
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 0 })
    keySets.set(jwksUri, set)
  }
  return set
}

export async function verifyToken(
  token: string,
  payload: JsonObject,
  jwksUri: string | undefined,
  expected: Expectations,
): Promise<Verification> {
  const checks = checkClaims(payload, expected)
  if (!jwksUri) {
    return {
      status: 'unverified',
      reason: 'The provider advertises no jwks_uri, so the signature cannot be checked.',
      checks,
    }
  }
  let signature: TokenCheck
  try {
    const { compactVerify } = await (jose ??= import('jose'))
    await compactVerify(token, await keySet(jwksUri))
    signature = { name: 'signature', ok: true, detail: `verifies with a key from ${jwksUri}` }
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      signature = {
        name: 'signature',
        ok: false,
        detail: 'does not verify: the token was altered or not signed by this provider',
      }
    } else if (code === 'ERR_JWKS_NO_MATCHING_KEY') {
      signature = {
        name: 'signature',
        ok: false,
        detail: `no key in ${jwksUri} matches the token's kid and alg`,
      }
    } else {
      const reason =
        code === 'ERR_JOSE_NOT_SUPPORTED' || code === 'ERR_JOSE_ALG_NOT_ALLOWED'
          ? `Its algorithm cannot be checked here (${(error as Error).message}); symmetric (HS*) signatures need the client secret.`
          : `The keys at ${jwksUri} could not be read (${(error as Error).message}): the provider is down or does not allow this page's origin (CORS).`
      return { status: 'unverified', reason, checks }
    }
  }
  return withSignature(signature, checks)
}

function withSignature(signature: TokenCheck, checks: TokenCheck[]): Verification {
  const all = [signature, ...checks]
  const failures = [signature, ...checks].filter((c) => !c.ok).map((c) => c.name)
  return failures.length === 0
    ? { status: 'valid', checks: all }
    : { status: 'invalid', reason: `Failed: ${failures.join(', ')}.`, checks: all }
}

/**
 * Check the signature with a pasted key (src/lib/tokens/pasted-key.ts chose it for this token), not the
 * provider's: only that key's algorithm is accepted. The key is used here and not kept.
 */
export async function verifyWithKey(
  token: string,
  payload: JsonObject,
  key: ChosenKey,
  expected: Expectations,
): Promise<Verification> {
  const checks = checkClaims(payload, expected)
  const lib = await (jose ??= import('jose'))
  let keys: (CryptoKey | Uint8Array)[]
  try {
    keys =
      key.form === 'secret'
        ? // Copied into this realm's Uint8Array: jose checks instanceof, and under jsdom
          // TextEncoder's array comes from another realm.
          [Uint8Array.from(new TextEncoder().encode(key.secret))]
        : key.form === 'spki'
          ? [await lib.importSPKI(key.pem, key.alg)]
          : key.form === 'x509'
            ? [await lib.importX509(key.pem, key.alg)]
            : await Promise.all(key.jwks.map(async (jwk) => lib.importJWK(jwk, key.alg)))
  } catch (error) {
    return {
      status: 'unverified',
      reason: `The pasted key could not be read (${(error as Error).message}): the signature is not checked.`,
      checks,
    }
  }
  for (const candidate of keys) {
    try {
      await lib.compactVerify(token, candidate, { algorithms: [key.alg] })
      return withSignature(
        { name: 'signature', ok: true, detail: `verifies with the pasted key: ${key.describe}` },
        checks,
      )
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
        return {
          status: 'unverified',
          reason: `The pasted key could not check it (${(error as Error).message}).`,
          checks,
        }
    }
  }
  return withSignature(
    {
      name: 'signature',
      ok: false,
      detail: `does not verify with the pasted key (${key.describe}): the token was altered or signed with another key`,
    },
    checks,
  )
}

/** A pasted key that cannot check this token (another kid, another algorithm): the signature fails. */
export function keyMismatch(
  reason: string,
  payload: JsonObject,
  expected: Expectations,
): Verification {
  return withSignature(
    { name: 'signature', ok: false, detail: `cannot be checked with the pasted key: ${reason}` },
    checkClaims(payload, expected),
  )
}

/** Start reading the provider's keys now, so the check after a login does not wait for them. */
export function preloadKeys(jwksUri: string | undefined) {
  if (!jwksUri) return
  void keySet(jwksUri)
    .then((set) => set.reload())
    .catch(() => undefined) // verifyToken says why, if it still fails then
}
