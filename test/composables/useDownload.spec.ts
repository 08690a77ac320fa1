import { afterEach, describe, expect, it, vi } from 'vitest'

import { useDownload } from '@/composables/useDownload'

afterEach(() => vi.useRealTimers())

describe('useDownload', () => {
  it('offers the text under its name through an object URL, revoked afterwards', async () => {
    vi.useFakeTimers()
    const clicked: { href: string; download: string; body: string }[] = []
    const created: Blob[] = []
    const revoked: string[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:test/1'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url))
    const link = { href: '', download: '', click: () => clicked.push({ ...link, body: '' }) }
    const { download } = useDownload({
      document: { createElement: (() => link) as unknown as Document['createElement'] },
    })

    download('plan.json', '{"a":1}', 'application/json')

    expect(clicked).toMatchObject([{ href: 'blob:test/1', download: 'plan.json' }])
    expect(created[0]?.type).toBe('application/json')
    expect(await created[0]?.text()).toBe('{"a":1}')
    expect(revoked).toEqual([])
    vi.advanceTimersByTime(1000)
    expect(revoked).toEqual(['blob:test/1'])
  })
})
