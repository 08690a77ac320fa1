// Every key this app writes to Web Storage. Tokens are never stored: not here, not anywhere.

/**
 * localStorage: the configuration as stored before profiles (versioned, see stored-config.ts). Read
 * once as the active profile's configuration, then removed: the profiles hold every configuration.
 */
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
/**
 * sessionStorage: the Keycloak version of the realm, as picked by the user and as the admin API's
 * server info told it (with the server it was read from), versioned: `{ "version": 1, … }`.
 */
export const STORAGE_KEY_REALM_VERSION = 'acr-playground:realm:version'
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
/**
 * localStorage: the plan run under way in some tab, with that tab's id: a run whose tab was closed
 * is offered to the next visit (resume or drop). Removed when the run ends.
 */
export const STORAGE_KEY_PLAN_RUN_OPEN = 'acr-playground:plan-run:open'
/** sessionStorage: what this tab has on show (a saved profile, or a link's or plan's unsaved one). */
export const STORAGE_KEY_WORKSPACE = 'acr-playground:workspace'
/** sessionStorage: this tab's id, which the plan run under way names as its owner. */
export const STORAGE_KEY_TAB_ID = 'acr-playground:tab'
/** sessionStorage: the tools open on this page (realm, plans, …), so a reload keeps them open. */
export const STORAGE_KEY_OPEN_TOOLS = 'acr-playground:open-tools'
