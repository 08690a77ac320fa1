import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import TokenDetails from '@/components/TokenDetails.vue'
import { CLAIM_DOCS } from '@/lib/tokens/claim-docs'
import type { JsonObject } from '@/lib/request/claims-request'

const NOW = 1_800_000_000
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const header = { alg: 'RS256', kid: 'k1', typ: 'JWT' }
const payload: JsonObject = {
  iss: 'http://idp',
  sub: 'bob',
  aud: ['web', 'api'],
  exp: NOW + 300,
  iat: NOW - 30,
  auth_time: NOW - 90,
  acr: 'silver',
  amr: ['pwd', 'otp'],
  department: 'R&D',
}
const raw = `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`

/** What an entry shows on the page: its text without the explanation that appears on focus. */
function shownText(element: Element): string {
  const copy = element.cloneNode(true) as Element
  copy.querySelectorAll('[role="tooltip"]').forEach((tip) => tip.remove())
  return copy.textContent ?? ''
}

function mountToken(claims: JsonObject = payload, attachTo?: HTMLElement) {
  return mount(TokenDetails, {
    props: {
      title: 'ID token',
      testid: 'id-token',
      decoded: { header, payload: claims },
      raw,
      now: NOW,
      verificationTestid: 'token-verification',
    },
    attachTo,
  })
}

describe('TokenDetails', () => {
  it('colours the raw token by part, and its text stays exactly the token', () => {
    const wrapper = mountToken()
    const rawToken = wrapper.get('[data-testid="id-token-raw"]')
    expect(rawToken.text()).toBe(raw)
    const [h, p, s] = raw.split('.')
    expect(rawToken.get('[data-part="header"]').classes()).toContain('jwt-header')
    expect(rawToken.get('[data-part="header"]').text()).toBe(h)
    expect(rawToken.get('[data-part="payload"]').classes()).toContain('jwt-payload')
    expect(rawToken.get('[data-part="payload"]').text()).toBe(p)
    expect(rawToken.get('[data-part="signature"]').classes()).toContain('jwt-signature')
    expect(rawToken.get('[data-part="signature"]').text()).toBe(s)
  })

  it('shows header and payload as indented JSON, one member a line, nested values indented', () => {
    const wrapper = mountToken()
    const shown = wrapper.get('[data-testid="id-token-payload"]')
    expect(shown.findAll('.json-entry')).toHaveLength(Object.keys(payload).length)
    expect(shownText(shown.get('[data-claim="sub"]').element)).toBe('"sub": "bob",')
    expect(shownText(shown.get('[data-claim="aud"]').element)).toBe(
      '"aud": [\n  "web",\n  "api"\n],',
    )
    expect(shownText(shown.get('[data-claim="department"]').element)).toBe('"department": "R&D"')
    const alg = wrapper.get('[data-testid="id-token-header"] [data-param="alg"]')
    expect(shownText(alg.element)).toBe('"alg": "RS256",')
  })

  it('highlights acr, amr and auth_time, and nothing else', () => {
    const wrapper = mountToken()
    const highlighted = wrapper
      .findAll('[data-testid="id-token-payload"] [data-highlight]')
      .map((entry) => entry.attributes('data-claim'))
    expect(highlighted).toEqual(['auth_time', 'acr', 'amr'])
    expect(wrapper.get('[data-claim="acr"]').classes()).toContain('claim-highlight')
  })

  it('explains a registered claim to keyboard focus, as its accessible description', async () => {
    const wrapper = mountToken(payload, document.body)
    const term = wrapper.get('[data-claim="acr"] [data-testid="claim-term"]')
    expect(term.attributes('tabindex')).toBe('0')
    ;(term.element as HTMLElement).focus()
    expect(document.activeElement).toBe(term.element)
    const tip = document.getElementById(term.attributes('aria-describedby') ?? '')
    expect(tip?.getAttribute('role')).toBe('tooltip')
    expect(tip?.textContent).toContain(CLAIM_DOCS.acr?.text)
    expect(tip?.textContent).toContain('OIDC Core 2')
    await term.trigger('keydown', { key: 'Escape' })
    expect(wrapper.get('[data-claim="acr"] .claim-term').attributes('data-dismissed')).toBe('true')
    wrapper.unmount()
  })

  it('explains the amr values this token holds (RFC 8176)', () => {
    const wrapper = mountToken()
    expect(wrapper.get('[data-claim="amr"] [data-testid="claim-tip"]').text()).toContain(
      'pwd: password, otp: one-time password',
    )
  })

  it('leaves a claim no spec registers unexplained and out of the tab order', () => {
    const wrapper = mountToken()
    expect(wrapper.find('[data-claim="department"] [data-testid="claim-term"]').exists()).toBe(
      false,
    )
  })

  it('shows times also as UTC dates with their age', () => {
    const wrapper = mountToken()
    expect(wrapper.get('[data-claim="auth_time"] [data-testid="claim-time"]').text()).toBe(
      '// 2027-01-15 07:58:30 UTC, 1 min 30 s ago',
    )
    expect(wrapper.get('[data-claim="exp"]').text()).toContain('in 5 min 0 s')
  })

  it('keeps the ages in step with the clock', async () => {
    const wrapper = mountToken()
    await wrapper.setProps({ now: NOW + 60 })
    expect(wrapper.get('[data-claim="auth_time"] [data-testid="claim-time"]').text()).toContain(
      '2 min 30 s ago',
    )
    expect(wrapper.get('[data-claim="exp"]').text()).toContain('in 4 min 0 s')
  })

  it('renders a hostile claim as text, and shows it as the application reads it', () => {
    const hostile = `<img src=x onerror="document.title='pwned'">`
    const wrapper = mountToken({ name: hostile })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('[data-claim="name"]').text()).toContain(`as text: ${hostile}`)
  })

  it('renders a large payload on demand: its explained claims first, the rest after a click', async () => {
    const big: JsonObject = { ...payload }
    for (let i = 0; i < 80; i++) big[`group_${i}`] = `/org/department-${i}/team-with-a-long-name`
    const wrapper = mountToken(big)
    const shown = () => wrapper.findAll('[data-testid="id-token-payload"] .json-entry[data-claim]')
    expect(shown().map((e) => e.attributes('data-claim'))).toEqual([
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'amr',
    ])
    await wrapper.get('[data-testid="id-token-payload-show-all"]').trigger('click')
    expect(shown()).toHaveLength(Object.keys(big).length)
  })

  it('shows an audience check given for information as such, not as a pass or a failure', () => {
    const wrapper = mount(TokenDetails, {
      props: {
        title: 'Pasted token',
        testid: 'pasted-token',
        decoded: { header, payload },
        now: NOW,
        verificationTestid: 'v',
        verification: {
          status: 'valid',
          checks: [{ name: 'aud', ok: true, info: true, detail: 'is "api" (for information)' }],
        },
      },
    })
    const check = wrapper.get('[data-check="aud"]')
    expect(check.attributes('data-info')).toBe('true')
    expect(check.text()).toContain('ℹ')
    expect(check.text()).not.toContain('✓')
  })
})
