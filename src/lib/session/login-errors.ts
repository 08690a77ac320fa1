// What each OAuth/OIDC error callback means, for the person who got it. Loaded with the return
// (login-return.ts), never by a page that opens without a login under way.
import type { ErrorExplanation } from './callback'

const EXPLANATIONS: Record<string, ErrorExplanation> = {
  // https://openid.net/specs/openid-connect-unmet-authentication-requirements-1_0.html: the OP
  // could not authenticate the user as the RP required (an essential acr, or other requirements).
  // The same words serve any provider that sends it (the step-up issue names Duende IdentityServer).
  unmet_authentication_requirements: {
    title: 'The essential level could not be reached',
    text:
      'The user declined or could not meet the requested authentication: the provider could not ' +
      'authenticate the user as the request required (OpenID Connect error ' +
      'unmet_authentication_requirements). With an essential claims request for acr, none of the ' +
      'requested levels was reached (the user lacks the factor, cancelled it, or the level is not ' +
      'configured). Keycloak shows its own error page in this case and never comes back (with ' +
      'prompt=none it answers interaction_required); other providers return this error. ' +
      'Ask voluntarily (acr_values) to accept a lower level, or give ' +
      'the user the missing factor.',
  },
  login_required: {
    title: 'The user would have to log in',
    text:
      'The request had prompt=none, and the provider needs the user to authenticate: there is no SSO ' +
      'session, or it does not hold the requested level or is older than max_age. keycloak-js drops this ' +
      'error after prompt=none; the playground read it from the redirect. Log in without prompt=none.',
  },
  interaction_required: {
    title: 'The user would have to act',
    text:
      'The request had prompt=none, and the provider needs the user on its pages (consent, a required ' +
      'action, or a further factor). Log in without prompt=none.',
  },
  consent_required: {
    title: 'Consent is needed',
    text: 'The request had prompt=none, and the user has not yet consented to this client. Log in without prompt=none.',
  },
  access_denied: {
    title: 'The login was refused',
    text:
      "The user cancelled on the provider's page, or the provider refused the request (for example a " +
      'disabled user or a policy of the client).',
  },
  invalid_request: {
    title: 'The provider rejected the request',
    text:
      'A parameter was malformed or not allowed: check the claims JSON, max_age, prompt, and that the ' +
      'redirect URI shown under Provider is registered for the client.',
  },
  invalid_scope: {
    title: 'A scope is unknown',
    text: 'The provider does not know one of the requested scopes, or the client may not ask for it.',
  },
  unauthorized_client: {
    title: 'The client may not do this',
    text: 'The client is not allowed this flow: check that it is a public client with the standard flow enabled.',
  },
  temporarily_unavailable: {
    title: 'The provider is busy',
    text: 'The provider could not answer now. Try again in a moment.',
  },
  server_error: {
    title: 'The provider failed',
    text: 'The provider hit an internal error. Its logs say why.',
  },
}

export function explainLoginError(error: string): ErrorExplanation {
  return (
    EXPLANATIONS[error] ?? {
      title: 'The provider returned an error',
      text: `The provider answered with the error code "${error}". Its description, if any, is shown above.`,
    }
  )
}
