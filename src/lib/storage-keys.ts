// Every key this app writes to Web Storage. Tokens are never stored: not here, not anywhere.

/** localStorage: the configuration (versioned, see stored-config.ts). */
export const STORAGE_KEY_CONFIG = 'acr-playground:config'
/** localStorage: a stored configuration that could not be read, kept so nothing is lost. */
export const STORAGE_KEY_CONFIG_BACKUP = 'acr-playground:config:unreadable'
/** sessionStorage: the login attempts of this tab (requests and decoded outcomes, no raw tokens). */
export const STORAGE_KEY_HISTORY = 'acr-playground:history'
/** sessionStorage: requests the provider kept in a client's session that are no login of the history (a session probe's). */
export const STORAGE_KEY_CLIENT_NOTES = 'acr-playground:history:client-notes'
/** sessionStorage: the attempt whose redirect is under way. */
export const STORAGE_KEY_PENDING = 'acr-playground:pending'
/** sessionStorage: set while an RP-initiated logout is under way. */
export const STORAGE_KEY_LOGOUT = 'acr-playground:logout'
/** localStorage: keycloak-js's own callback entries (state, nonce, PKCE verifier) start with this. */
export const KEYCLOAK_JS_CALLBACK_PREFIX = 'kc-callback-'
/** sessionStorage: the last provider's discovery document, so a return from it needs no new fetch. */
export const STORAGE_KEY_DISCOVERY = 'acr-playground:discovery'
/** sessionStorage: the realm export the user pasted (bounded), so the model survives the redirect. */
export const STORAGE_KEY_REALM = 'acr-playground:realm'
/** localStorage: the theme chosen with the switch ('light' or 'dark'); absent: follow the system. */
export const STORAGE_KEY_THEME = 'acr-playground:theme'
/** localStorage: the issuers this browser connected to (at most 20): a link naming one connects at once. */
export const STORAGE_KEY_KNOWN_PROVIDERS = 'acr-playground:known-providers'
/** localStorage: the saved profiles (named configurations), versioned (see profiles.ts). */
export const STORAGE_KEY_PROFILES = 'acr-playground:profiles'
/** sessionStorage: the callback URL public/silent-probe.js keeps for a probe by redirects; read once. */
export const STORAGE_KEY_SESSION_PROBE_CALLBACK = 'acr-playground:session-probe:callback'
/** localStorage: stored profiles that could not be read, kept so nothing is lost. */
export const STORAGE_KEY_PROFILES_BACKUP = 'acr-playground:profiles:unreadable'
/** localStorage: the test plan on show (no secrets: plans never hold any). */
export const STORAGE_KEY_PLAN = 'acr-playground:plan'
/** sessionStorage: a test plan run under way: progress and results survive each step's redirects. */
export const STORAGE_KEY_PLAN_RUN = 'acr-playground:plan-run'
/** sessionStorage: a session probe by redirects under way (the levels left, the answers so far). */
export const STORAGE_KEY_SESSION_PROBE = 'acr-playground:session-probe'
/** sessionStorage: the configuration before a plan run (its steps replace it), put back at the end. */
export const STORAGE_KEY_PLAN_CONFIG = 'acr-playground:plan-run:config'
