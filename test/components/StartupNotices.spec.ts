import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import StartupNotices from '@/components/StartupNotices.vue'
import { decodeShareLink } from '@/lib/request/share-link'

describe('StartupNotices', () => {
  it('names each rejected link parameter with its reason', () => {
    const link = decodeShareLink('?issuer=javascript:alert(1)&max_age=-5&client_id=web')
    const wrapper = mount(StartupNotices, {
      props: { link, storageProblems: [], saveFailed: false },
    })
    const notice = wrapper.get('[data-testid="link-notice"]')
    expect(notice.text()).toContain('came from a link')
    expect(notice.get('[data-param="issuer"]').text()).toContain('http: or https:')
    expect(notice.get('[data-param="max_age"]').text()).toContain('whole number')
    expect(notice.text()).toContain('client_id')
  })

  it('lists what storage could not read, and asks to dismiss it', async () => {
    const wrapper = mount(StartupNotices, {
      props: { link: null, storageProblems: ['max_age was not readable.'], saveFailed: false },
    })
    const notice = wrapper.get('[data-testid="storage-notice"]')
    expect(notice.get('li').text()).toBe('max_age was not readable.')
    await notice.get('button').trigger('click')
    expect(wrapper.emitted('dismissStorage')).toEqual([[]])
  })

  it('shows nothing when there is nothing to say', () => {
    const wrapper = mount(StartupNotices, {
      props: { link: null, storageProblems: [], saveFailed: false },
    })
    expect(wrapper.text()).toBe('')
  })
})

describe('StartupNotices with a link past its limits', () => {
  it('says the whole link was refused, with the limit, and that nothing was loaded', () => {
    const link = decodeShareLink(`?loa_map=${'x'.repeat(20_000)}`)
    const wrapper = mount(StartupNotices, {
      props: { link, storageProblems: [], saveFailed: false },
    })
    const notice = wrapper.get('[data-testid="link-notice"]')
    expect(notice.text()).toContain('not read')
    expect(notice.text()).not.toContain('came from a link')
    expect(notice.get('[data-param="(link)"]').text()).toMatch(
      /Rejected the whole link: .*at most 16384 characters/,
    )
  })
})
