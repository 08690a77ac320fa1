// The tools the page opens on demand, one table: each is a disclosure below the first screen and a
// chunk of its own, loaded when it is opened. Which are open is kept for the tab (a reload keeps it).

export const TOOLS = [
  {
    id: 'realm',
    testid: 'realm-panel',
    title: 'Realm: what decides step-up',
    note: 'Paste a Keycloak realm export to predict and explain from it.',
  },
  {
    id: 'copy-as',
    testid: 'copy-as',
    title: 'Copy as keycloak-js, URL or curl',
    note: 'The request on show, as code.',
  },
  {
    id: 'challenges',
    testid: 'challenges-panel',
    title: 'Challenges and the API caller',
    note: 'Read a WWW-Authenticate challenge, or call an API with the access token.',
  },
  {
    id: 'session-probe',
    testid: 'session-probe-panel',
    title: 'Session probe',
    note: 'Which levels does the SSO session hold now? One prompt=none per level.',
  },
  {
    id: 'plans',
    testid: 'plan-panel',
    title: 'Test plans',
    note: 'Run a set of step-up logins and check what each one must give.',
  },
  {
    id: 'token',
    testid: 'token-inspector',
    title: 'Paste a token',
    note: "Decode and verify any JWT against this provider's keys, in memory only.",
  },
  {
    id: 'history',
    testid: 'history-panel',
    title: 'History (this tab)',
    note: 'Every login of this tab, and what changed between two.',
  },
] as const

export type ToolId = (typeof TOOLS)[number]['id']
/** Every disclosure whose state is kept: the tools, and "Compose more" on the first screen. */
export type PanelId = ToolId | 'compose'

const IDS: readonly string[] = ['compose', ...TOOLS.map((t) => t.id)]

function isPanelId(value: unknown): value is PanelId {
  return typeof value === 'string' && IDS.includes(value)
}

/** The open panels as stored; anything unreadable is none. Never throws. */
export function readOpenTools(raw: string | null): PanelId[] {
  if (raw === null || raw.length > 1000) return []
  try {
    const value: unknown = JSON.parse(raw)
    return Array.isArray(value) ? [...new Set(value.filter(isPanelId))] : []
  } catch {
    return []
  }
}

export function serializeOpenTools(open: PanelId[]): string | null {
  return open.length ? JSON.stringify(open) : null
}
