// What each registered claim (and JOSE header parameter) means, one line each, with the section
// that defines it: the token view explains a claim on hover and focus from these tables.

export interface ClaimDoc {
  /** What the claim says, in one sentence. */
  text: string
  /** Where it is defined: `RFC 7519 4.1.1`, `OIDC Core 2`, `Keycloak` for its own claims. */
  spec: string
}

type Row = readonly [spec: string, text: string]

const docs = (rows: Record<string, Row>): Readonly<Record<string, ClaimDoc>> =>
  Object.fromEntries(Object.entries(rows).map(([name, [spec, text]]) => [name, { spec, text }]))

/** Payload claims, with the sections that define them for ID tokens and JWT access tokens. */
export const CLAIM_DOCS = docs({
  iss: ['RFC 7519 4.1.1; OIDC Core 2', 'Issuer: the provider that made and signed the token.'],
  sub: ['RFC 7519 4.1.2; OIDC Core 2', 'Subject: the user, unique and stable at this issuer.'],
  aud: ['RFC 7519 4.1.3; OIDC Core 2', 'Audience: whom the token is for (ID token: client_id).'],
  exp: ['RFC 7519 4.1.4', 'Expiry: the token must not be accepted at or after this time.'],
  nbf: ['RFC 7519 4.1.5', 'Not before: the token must not be accepted before this time.'],
  iat: ['RFC 7519 4.1.6', 'Issued at: when the provider made this token.'],
  jti: ['RFC 7519 4.1.7', 'JWT ID: unique per token, lets a receiver refuse a replay.'],
  auth_time: ['OIDC Core 2; RFC 9068 2.2.1', 'When the user last logged in; SSO reuse keeps it.'],
  nonce: ['OIDC Core 2', "The request's nonce echoed back: ties the ID token to this login."],
  acr: ['OIDC Core 2; RFC 9068 2.2.1', 'Authentication Context Class Reference: the level met.'],
  amr: ['OIDC Core 2; RFC 8176 2', 'Authentication Methods References: how the user proved it.'],
  azp: ['OIDC Core 2', 'Authorized party: the client the token was issued to.'],
  at_hash: ['OIDC Core 3.1.3.6', 'Access token hash: binds the ID token to the access token.'],
  c_hash: ['OIDC Core 3.3.2.11', 'Code hash: binds the ID token to the authorization code.'],
  sid: ['OIDC Front-Channel Logout 3', "Session ID: the provider's session, used by logout."],
  session_state: ['OIDC Session Management 3', "Keycloak's SSO session id (also in sid)."],
  typ: ['Keycloak', 'Keycloak\'s token type: "ID", "Bearer" (access) or "Refresh".'],
  scope: ['RFC 9068 2.2.3; RFC 8693 4.2', 'The scopes granted, space-separated.'],
  client_id: ['RFC 9068 2.2; RFC 8693 4.3', 'The client that asked for this access token.'],
  preferred_username: ['OIDC Core 5.1', 'The name the user goes by; not unique, never a key.'],
  email: ['OIDC Core 5.1', 'The e-mail address; trust it only with email_verified true.'],
})

/** JOSE header parameters. */
const HEADER_DOCS = docs({
  alg: ['RFC 7515 4.1.1', 'The signature algorithm; "none" or HS* cannot be checked here.'],
  kid: ['RFC 7515 4.1.4', "Key ID: which key of the provider's JWKS signed the token."],
  typ: ['RFC 7515 4.1.9; RFC 9068 2.1', 'Media type: "JWT", or "at+jwt" for an access token.'],
})

/** `amr` values registered by RFC 8176 section 2. */
export const AMR_VALUES: Readonly<Record<string, string>> = {
  face: 'facial recognition',
  fpt: 'fingerprint',
  geo: 'geolocation',
  hwk: 'proof of a hardware key',
  iris: 'iris scan',
  kba: 'knowledge-based (security questions)',
  mca: 'several channels',
  mfa: 'several factors',
  otp: 'one-time password',
  pin: 'PIN',
  pwd: 'password',
  rba: 'risk-based',
  retina: 'retina scan',
  sc: 'smart card',
  sms: 'SMS to a registered number',
  swk: 'proof of a software key',
  tel: 'phone call to a registered number',
  user: 'user presence test',
  vbm: 'voice biometric',
  wia: 'Windows integrated authentication',
}

/** What step-up is about: shown highlighted wherever a token is. */
export const HIGHLIGHTED_CLAIMS: readonly string[] = ['acr', 'amr', 'auth_time']

// Claim names come from tokens: own keys only, so `constructor` or `__proto__` is no claim.
const own = <T>(table: Readonly<Record<string, T>>, name: string): T | undefined =>
  Object.hasOwn(table, name) ? table[name] : undefined

export function claimDoc(name: string): ClaimDoc | undefined {
  return own(CLAIM_DOCS, name)
}

export function headerDoc(name: string): ClaimDoc | undefined {
  return own(HEADER_DOCS, name)
}

export function isHighlighted(name: string): boolean {
  return HIGHLIGHTED_CLAIMS.includes(name)
}

/** `pwd: password, otp: one-time password` for the values RFC 8176 knows; the rest as they are. */
export function explainAmr(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  return value
    .map((v) => {
      const known = typeof v === 'string' ? own(AMR_VALUES, v) : undefined
      return known ? `${String(v)}: ${known}` : `${JSON.stringify(v)}: not registered`
    })
    .join(', ')
}
