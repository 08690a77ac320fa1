// The demo OpenID Provider: oidc-provider with step-up levels, started by `npm start` beside the app.
// Run alone: `node demo-idp/server.js` (PORT=9400 by default). It keeps everything in memory and makes
// new signing keys at every start.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { generateKeyPair, exportJWK, jwtVerify } from 'jose'
import Provider, { interactionPolicy } from 'oidc-provider'

import {
  ACR_LOA_MAP,
  FACTOR_LABELS,
  LEVELS,
  USERS,
  nextStep,
  requestedAcr,
  targetLevel,
} from './levels.js'
import { MODES, MODE_NAMES } from './dialects.js'
import { totp, totpMatches } from './totp.js'
import {
  errorPage,
  keyPage,
  logoutPage,
  logoutSuccessPage,
  otpPage,
  passwordPage,
} from './pages.js'
import { createResourceServer } from './resource-server.js'

export const CLIENT_ID = 'acr-playground'
export const API_AUDIENCE = 'urn:acr-playground:demo-api'
/** Bob's TOTP secret (base32). Public on purpose: it is a demo user. */
export const OTP_SECRETS = { bob: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }
const PROFILE = {
  alice: { name: 'Alice Example' },
  bob: { name: 'Bob Example' },
  // Claim values that would run script if a client rendered them as HTML.
  eve: { name: '<img src=x onerror="document.title=\'pwned\'">' },
}

const FACTOR_COOKIE = 'demo_factors'

/** Loopback http(s) URLs only: any local port and path may be a redirect target of this demo. */
export function isLoopbackUrl(value) {
  const url = URL.parse(value)
  return (
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) &&
    url.hash === ''
  )
}

function epoch() {
  return Math.floor(Date.now() / 1000)
}

async function readForm(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/**
 * The demo provider at `issuer`; with `mode` (a key of MODES, demo-idp/dialects.js), the same users
 * and levels asked for and answered in that provider's dialect, its issuer ending in /<mode>.
 */
export async function createDemoProvider({ issuer, mode }) {
  const dialect = mode ? MODES[mode] : undefined
  const base = mode ? `/${mode}` : ''
  /** What a request asks for: where the dialect reads it, as the demo levels that serve it. */
  const readRequest = (params, accountId) =>
    dialect ? dialect.request(params, accountId) : { requested: requestedAcr(params) }
  /** accountId:auth_time -> what the dialect puts in the access token for that login. */
  const accessExtras = new Map()
  const factorCookie = mode ? `${FACTOR_COOKIE}_${mode}` : FACTOR_COOKIE
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: `demo-${epoch()}`,
    use: 'sig',
    alg: 'RS256',
  }

  /** Browser (demo_factors cookie) -> { accountId, times: { pwd, otp, hwk } } */
  const factorRecords = new Map()
  /** Interaction uid -> { accountId, doneNow } while a login is under way. */
  const progress = new Map()

  function factorRecord(ctx, accountId) {
    const record = factorRecords.get(ctx.cookies.get(factorCookie))
    return record && record.accountId === accountId ? record.times : {}
  }

  const policy = interactionPolicy.base()
  policy.remove('consent') // first-party demo: loadExistingGrant grants what is asked
  policy.get('login').checks.push(
    new interactionPolicy.Check('demo_level', 'the requested level needs the End-User', (ctx) => {
      const { oidc } = ctx
      if (oidc.result?.login) return false
      // Interactive requests always pass through the demo's pages, which decide the acr
      // (like Keycloak: "0" when an SSO session is reused without a level request).
      if (!oidc.prompts.has('none')) return true
      const accountId = oidc.session.accountId
      const step = nextStep({
        accountId,
        factorTimes: factorRecord(ctx, accountId),
        doneNow: {},
        requested: readRequest(oidc.params, accountId).requested,
        forceLogin: false,
        now: epoch(),
      })
      return step.step !== 'done'
    }),
  )

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'], // no refresh token: keycloak-js would try to decode an opaque one
        response_types: ['code'],
        redirect_uris: ['http://localhost:5173/'],
        post_logout_redirect_uris: ['http://localhost:5173/'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('hex')],
      // Each mode is a provider of its own on the same host: its own session cookies.
      ...(mode
        ? {
            names: {
              session: `_session_${mode}`,
              interaction: `_interaction_${mode}`,
              resume: `_interaction_resume_${mode}`,
            },
          }
        : {}),
    },
    acrValues: dialect ? dialect.acrValuesSupported : LEVELS.map((l) => l.acr),
    // Entra asks with {"access_token":…}, which oidc-provider's claims parameter refuses (it
    // takes id_token and userinfo only): in that mode the parameter is read by the demo itself.
    extraParams: mode === 'entra' ? ['claims'] : [],
    // Authentication facts belong in every ID token, not only when a request names them.
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile'],
    // UserInfo is served below for the playground's JWT access tokens: oidc-provider's own endpoint
    // refuses a token issued for a resource server, and keycloak-js needs a JWT access token.
    discovery: { userinfo_endpoint: `${issuer}/userinfo` },
    features: {
      userinfo: { enabled: false },
      // off, oidc-provider silently drops the claims request (Entra mode reads it itself)
      claimsParameter: { enabled: mode !== 'entra' },
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = logoutPage(form)
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = logoutSuccessPage()
        },
      },
      resourceIndicators: {
        enabled: true,
        // keycloak-js decodes the access token, so it must be a JWT: give every token this audience.
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: API_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
        }),
      },
    },
    pkce: { required: () => true },
    ttl: { IdToken: 300, AccessToken: 300, Session: 3600, Grant: 3600, Interaction: 600 },
    interactions: {
      policy,
      url: (ctx, interaction) => `${base}/interaction/${interaction.uid}`,
    },
    clientBasedCORS: (ctx, origin) => isLoopbackUrl(origin),
    async loadExistingGrant(ctx) {
      const { oidc } = ctx
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId)
      const grant =
        (grantId && (await oidc.provider.Grant.find(grantId))) ||
        new oidc.provider.Grant({
          clientId: oidc.client.clientId,
          accountId: oidc.session.accountId,
        })
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '))
      grant.addOIDCClaims([...oidc.requestParamClaims])
      grant.addResourceScope(API_AUDIENCE, 'api')
      await grant.save()
      return grant
    },
    async extraTokenClaims(ctx, token) {
      // Put the authentication context into the JWT access token, as Keycloak does.
      const code = ctx.oidc.entities.AuthorizationCode
      if (!code || token.kind !== 'AccessToken') return undefined
      const claims = { acr: code.acr, amr: code.amr, auth_time: code.authTime, azp: code.clientId }
      const extras = accessExtras.get(`${code.accountId}:${code.authTime}`)
      if (extras?.noAuthTimeInAccessToken) delete claims.auth_time
      return { ...claims, ...extras?.access }
    },
    async findAccount(ctx, sub) {
      if (!USERS[sub]) return undefined
      return {
        accountId: sub,
        async claims() {
          return { sub, preferred_username: sub, ...PROFILE[sub] }
        },
      }
    },
    async renderError(ctx, out) {
      ctx.type = 'html'
      ctx.body = errorPage(out)
    },
  })
  provider.proxy = false

  // Any loopback page of the playground may be a redirect target, so it runs from any port and path.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    return isLoopbackUrl(value)
  }
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(
    value,
  ) {
    return isLoopbackUrl(value)
  }

  // keycloak-js sends the token request with credentials: CORS must say they are allowed.
  provider.use(async (ctx, next) => {
    await next()
    // Entra mode reads the claims parameter itself (see extraParams): it is supported.
    if (mode === 'entra' && ctx.path === '/.well-known/openid-configuration' && ctx.body)
      ctx.body = { ...ctx.body, claims_parameter_supported: true }
    const origin = ctx.response.get('Access-Control-Allow-Origin')
    if (origin && origin !== '*') ctx.set('Access-Control-Allow-Credentials', 'true')
  })

  // UserInfo (OIDC Core 5.3) for this provider's JWT access tokens: signature, issuer and expiry
  // checked; it answers the profile claims, not acr (as Keycloak's UserInfo does not).
  provider.use(async (ctx, next) => {
    if (ctx.path !== '/userinfo') return next()
    const origin = ctx.get('Origin')
    if (origin && isLoopbackUrl(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin)
      ctx.set('Vary', 'Origin')
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Headers', 'Authorization')
      ctx.set('Access-Control-Allow-Methods', 'GET, POST')
      ctx.status = 204
      return
    }
    ctx.set('Cache-Control', 'no-store')
    const token = /^Bearer (\S+)$/.exec(ctx.get('Authorization'))?.[1]
    let sub
    try {
      if (token)
        ({
          payload: { sub },
        } = await jwtVerify(token, publicKey, { issuer }))
    } catch {
      sub = undefined
    }
    if (typeof sub !== 'string' || !USERS[sub]) {
      ctx.status = 401
      ctx.set('WWW-Authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer')
      return
    }
    ctx.body = { sub, preferred_username: sub, ...PROFILE[sub] }
  })

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(pwd|otp|hwk))?$/.exec(ctx.path)
    if (!match) return next()
    const [, uid, factor] = match
    ctx.set('Cache-Control', 'no-store')

    let details
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res)
    } catch {
      ctx.status = 400
      ctx.type = 'html'
      ctx.body = errorPage({
        error: 'interaction_expired',
        error_description:
          'This login page has expired. Start the login again from the playground.',
      })
      return undefined
    }
    if (details.uid !== uid) {
      ctx.status = 400
      ctx.type = 'html'
      ctx.body = errorPage({ error: 'invalid_request', error_description: 'interaction mismatch' })
      return undefined
    }

    const state = progress.get(uid) ?? { accountId: details.session?.accountId, doneNow: {} }
    progress.set(uid, state)
    const { target } = targetLevel(readRequest(details.params, state.accountId).requested)
    const reasons = details.prompt.reasons
    const forceLogin = reasons.includes('login_prompt') || reasons.includes('max_age')
    const now = epoch()
    let error

    const finish = async (result) => {
      progress.delete(uid)
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
        mergeWithLastSubmission: false,
      })
      ctx.status = 303
      ctx.redirect(returnTo)
    }

    if (ctx.method === 'POST') {
      const form = await readForm(ctx.req)
      if (form.get('cancel')) {
        return finish({ error: 'access_denied', error_description: 'the user cancelled the login' })
      }
      if (factor === 'pwd') {
        const username = (form.get('username') ?? '').trim()
        if (USERS[username]?.password === form.get('password')) {
          if (state.accountId !== username) state.doneNow = {}
          state.accountId = username
          state.doneNow.pwd = now
        } else {
          error = 'Unknown user or wrong password.'
        }
      } else if (factor === 'otp') {
        if (
          state.accountId &&
          totpMatches(OTP_SECRETS[state.accountId] ?? '', (form.get('otp') ?? '').trim())
        ) {
          state.doneNow.otp = now
        } else {
          error = 'That code is not the current one.'
        }
      } else if (
        factor === 'hwk' &&
        state.accountId &&
        USERS[state.accountId].factors.includes('hwk')
      ) {
        state.doneNow.hwk = now
      }
    }

    const sessionTimes =
      state.accountId && state.accountId === details.session?.accountId
        ? factorRecord(ctx, state.accountId)
        : {}
    // Read again: who signs in may change what a dialect asks (Okta's …:ifpossible).
    const asked = readRequest(details.params, state.accountId)
    const { requested } = asked
    const step = nextStep({
      accountId: state.accountId,
      factorTimes: sessionTimes,
      doneNow: state.doneNow,
      requested,
      forceLogin,
      now,
    })

    if (step.step === 'error') {
      return finish({ error: step.error, error_description: step.description })
    }
    if (step.step === 'done') {
      let cookie = ctx.cookies.get(factorCookie)
      if (!cookie || !factorRecords.has(cookie)) {
        cookie = randomBytes(16).toString('hex')
        ctx.cookies.set(factorCookie, cookie, { httpOnly: true, sameSite: 'lax', signed: false })
      }
      const times = forceLogin ? state.doneNow : { ...sessionTimes, ...state.doneNow }
      factorRecords.set(cookie, { accountId: state.accountId, times })
      const answer = dialect ? dialect.answer(asked, step) : { acr: step.acr, amr: step.amr }
      if (dialect) accessExtras.set(`${state.accountId}:${step.authTime}`, answer)
      return finish({
        login: {
          accountId: state.accountId,
          ...(answer.acr !== undefined ? { acr: answer.acr } : {}),
          ...(answer.amr !== undefined ? { amr: answer.amr } : {}),
          ts: step.authTime,
          remember: true,
        },
      })
    }

    ctx.type = 'html'
    const common = { uid, base, target, essential: requested.essential, error }
    if (step.factor === 'pwd') {
      ctx.body = passwordPage({ ...common, loginHint: details.params.login_hint })
    } else if (step.factor === 'otp') {
      const secret = OTP_SECRETS[state.accountId]
      ctx.body = otpPage({
        ...common,
        accountId: state.accountId,
        currentCode: totp(secret),
        secret,
      })
    } else {
      ctx.body = keyPage({ ...common, accountId: state.accountId })
    }
    return undefined
  })

  return provider
}

export { ACR_LOA_MAP, FACTOR_LABELS }

/**
 * One request handler for the demo provider and its dialect modes: /<mode>/… goes to that mode's
 * provider (its issuer ends in /<mode>; oidc-provider reads the mount path from originalUrl).
 */
export async function demoHandler(issuer, provider) {
  const main = provider.callback()
  const modes = {}
  for (const mode of MODE_NAMES)
    modes[mode] = (await createDemoProvider({ issuer: `${issuer}/${mode}`, mode })).callback()
  return (req, res) => {
    const match = /^\/([a-z0-9]+)(?=[/?]|$)/.exec(req.url ?? '')
    const handler = match && Object.hasOwn(modes, match[1]) ? modes[match[1]] : undefined
    if (!handler) return main(req, res)
    req.originalUrl = req.url
    const rest = req.url.slice(match[0].length)
    req.url = rest.startsWith('/') ? rest : `/${rest}`
    return handler(req, res)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.DEMO_IDP_PORT ?? 9400)
  const apiPort = Number(process.env.DEMO_API_PORT ?? port + 1)
  const issuer = `http://localhost:${port}`
  const provider = await createDemoProvider({ issuer })
  const server = createServer(await demoHandler(issuer, provider)).listen(port, 'localhost', () => {
    console.log(
      `demo identity provider: ${issuer}  (users alice/alice, bob/bob; client ${CLIENT_ID})`,
    )
    console.log(`  dialect modes: ${MODE_NAMES.map((m) => `${issuer}/${m}`).join(', ')}`)
  })
  const api = createResourceServer({ issuer, audience: API_AUDIENCE }).listen(
    apiPort,
    'localhost',
    () => {
      console.log(
        `demo resource server:   http://localhost:${apiPort}/api/hello, /api/transfer (silver), /api/admin (gold, 60 s), ` +
          '/api/acr-only (silver), /api/recent (120 s), /api/otp-required (amr otp), /api/reports (scope reports: 403)',
      )
    },
  )
  const stop = () => {
    api.close()
    server.close(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
