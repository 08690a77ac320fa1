import { describe, expect, it } from 'vitest'

import { getWithBearer } from '@/services/bearer'

describe('getWithBearer', () => {
  it('sends the token as a Bearer credential', async () => {
    let sent: RequestInit | undefined
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      sent = init
      return new Response('{}', { status: 200 })
    }) as typeof fetch
    const result = await getWithBearer('http://api.test/x', 'tok', 'unreachable', fetchImpl)
    expect(result.ok && result.value.status).toBe(200)
    expect((sent?.headers as Record<string, string>).Authorization).toBe('Bearer tok')
  })

  it("turns a failure before any answer into the caller's explanation", async () => {
    const fetchImpl = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof fetch
    expect(await getWithBearer('http://api.test/x', 'tok', 'CORS or down', fetchImpl)).toEqual({
      ok: false,
      error: 'CORS or down',
    })
  })
})
