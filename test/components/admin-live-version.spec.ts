// The live read's glue (src/services/admin-api.ts readLive): the version Keycloak tells, or why
// not, goes into the stored version state; an expired token is refused before any call.
import { describe, expect, it, vi } from 'vitest'

import { versionOf } from '@/lib/keycloak/keycloak-version'
import { readLive } from '@/services/admin-api'

const SERVER = 'http://localhost:8180'
const target = {
  mode: 'keycloak' as const,
  url: SERVER,
  realm: 'acr-playground',
  clientId: 'acr-playground',
  issuer: '',
}
const token = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`

/** An admin API with an empty realm; the server info answers `serverInfo` with `status`. */
function keycloak(serverInfo: unknown, status = 200) {
  return vi.fn(async (url: string) => {
    const path = new URL(url).pathname
    if (path === '/admin/serverinfo') return Response.json(serverInfo, { status })
    if (path.endsWith('/acr-playground')) return Response.json({ realm: 'acr-playground' })
    return Response.json([])
  }) as unknown as typeof fetch
}

describe('readLive', () => {
  it('stores the version the server tells, for that server', async () => {
    const read = await readLive(
      target,
      token({ preferred_username: 'erin', exp: Date.now() / 1000 + 60 }),
      '',
      keycloak({ systemInfo: { version: '26.7.5' } }),
    )
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.value.live).toMatchObject({ username: 'erin', versionNote: null })
    expect(versionOf(read.value.versionText, SERVER)).toMatchObject({
      source: 'server',
      recorded: '26.7.5',
    })
    expect(versionOf(read.value.versionText, 'http://localhost:8190').source).toBe('unknown')
  })

  it('without systemInfo (no manage-realm) keeps the pick and says why', async () => {
    const picked = '{"version":1,"picked":"26.5.6","server":null}'
    const read = await readLive(target, token({}), picked, keycloak({ profileInfo: {} }))
    expect(read.ok && read.value.live.versionNote).toContain('manage-realm')
    expect(read.ok && versionOf(read.value.versionText, SERVER).source).toBe('user')
  })

  it('a 403 on the server info is a note, not a failure of the read', async () => {
    const read = await readLive(target, token({}), '', keycloak({}, 403))
    expect(read.ok && read.value.live.versionNote).toContain('403')
  })

  it('refuses an expired token before any call', async () => {
    const fetchImpl = keycloak({ systemInfo: { version: '26.7.5' } })
    const read = await readLive(target, token({ exp: 1 }), '', fetchImpl)
    expect(read).toEqual({ ok: false, error: expect.stringContaining('expired') })
    expect(fetchImpl).not.toHaveBeenCalled()
  })
})
