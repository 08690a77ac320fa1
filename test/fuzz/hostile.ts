// A seeded generator of hostile input for the fuzz tests (test/unit/fuzz.spec.ts and
// test/e2e/demo/fuzz.spec.ts): share links, stored configurations, claims requests and realm
// exports. Same seed, same cases; no dependency, no randomness but the seed's.

/** mulberry32: a small 32-bit PRNG, plenty for choosing test cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed: FUZZ_SEED when set (a number), else a fixed one so the test command is repeatable. */
export function fuzzSeed(env: string | undefined, fallback = 20261125): number {
  const n = env === undefined || env.trim() === '' ? NaN : Number(env)
  return Number.isInteger(n) ? n >>> 0 : fallback
}

const LINK_PARAMS = [
  'url',
  'realm',
  'issuer',
  'client_id',
  'scope',
  'acr_values',
  'claims',
  'prompt',
  'max_age',
  'login_hint',
  'ui_locales',
  'kc_idp_hint',
  'loa_map',
]
const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'redirect_uri',
  'post_logout_redirect_uri',
  'access_token',
  'state',
  'code',
  'api_url',
  'apiUrl',
  '',
  '\u0000',
  '\u202e',
]

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 it would be. */
function encodeLoosely(text: string): string {
  return text
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('')
}

export class Hostile {
  readonly next: () => number

  constructor(seed: number) {
    this.next = mulberry32(seed)
  }

  int(max: number): number {
    return Math.floor(this.next() * max)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }

  /** A length skewed to the small, with the odd huge one. */
  size(max: number): number {
    const r = this.next()
    if (r < 0.6) return this.int(8)
    if (r < 0.85) return this.int(300)
    if (r < 0.95) return this.int(5000)
    return this.int(max)
  }

  /** A name that is a trap for plain objects, a real parameter, or noise. */
  name(): string {
    const r = this.next()
    if (r < 0.4) return this.pick(HOSTILE_NAMES)
    if (r < 0.7) return this.pick(LINK_PARAMS)
    return this.text(this.size(300))
  }

  /** Text of hostile characters: controls, surrogates, RTL, markup, URL syntax, escapes. */
  text(length: number): string {
    const alphabets = [
      'abcxyz019',
      '<>"\'&=#?%+ /\\',
      '\u0000\u0001\u001f\u007f\n\r\t',
      '\ud800\udfff\u202e\u200b\ufeff😀',
      '{}[]:,"',
      '%E0%A4%A%%2%zz%00',
    ]
    const alphabet = this.pick(alphabets)
    let out = ''
    // Repeat a short random chunk: long strings stay cheap to build.
    const chunk = Array.from({ length: Math.min(length, 16) }, () => this.pick([...alphabet])).join(
      '',
    )
    while (out.length < length) out += chunk || 'a'
    return out.slice(0, length)
  }

  /** A value for any field: strings, URLs, numbers, JSON of any depth, traps. */
  value(): string {
    const r = this.int(14)
    switch (r) {
      case 0:
        return this.text(this.size(40_000))
      case 1:
        return this.pick([
          'javascript:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'file:///etc/passwd',
          'https://user:pw@evil.example',
          'https://evil.example/',
          '//evil.example',
          'http://[::1',
          'http://localhost:9400',
        ])
      case 2:
        return this.pick(['-1', '1e309', 'NaN', '-0', '9'.repeat(400), '0x10', '1.5', ''])
      case 3:
        return this.deepJson(this.size(100_000))
      case 4:
        return this.jsonObject(this.size(70_000))
      case 5:
        return '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'
      case 6:
        return Array.from({ length: this.size(3000) }, (_, i) => `v${i}`).join(' ')
      case 7:
        return `<img src=x onerror="document.title='pwned'">`
      case 8:
        return this.claimsText()
      default:
        return this.text(this.size(300))
    }
  }

  deepJson(depth: number): string {
    const open = this.pick(['[', '{"a":', '{"id_token":', '{"__proto__":'])
    const close = open === '[' ? ']' : '}'
    return `${open.repeat(depth)}${this.pick(['1', '"x"', 'null', '{}'])}${close.repeat(depth)}`
  }

  /** A flat object of `entries` names: a huge LoA map, a record full of traps. */
  jsonObject(entries: number): string {
    const parts: string[] = []
    for (let i = 0; i < entries; i++) {
      const key = this.chance(0.01) ? this.pick(HOSTILE_NAMES) : `acr${i}`
      const level = this.chance(0.9) ? String(i % 7) : this.pick(['-1', '"9"', '1e300', '{}', '[]'])
      parts.push(`${JSON.stringify(key)}:${level}`)
    }
    return `{${parts.join(',')}}`
  }

  /** A claims request: valid, nearly valid, or hostile. */
  claimsText(): string {
    const r = this.int(8)
    const values = Array.from({ length: this.size(2000) }, (_, i) => `v${i}`)
    switch (r) {
      case 0:
        return JSON.stringify({ id_token: { acr: { essential: true, values } } })
      case 1:
        return JSON.stringify({ id_token: { acr: { value: this.text(this.size(9000)) } } })
      case 2:
        return `{"id_token":{"acr":${this.deepJson(this.size(20_000))}}}`
      case 3:
        return `{"id_token":{${Array.from({ length: this.size(5000) }, (_, i) => `"c${i}":${this.pick(['1', '[]', 'null', '{}', '"x"'])}`).join(',')}}}`
      case 4:
        return '{"__proto__":{"polluted":1},"id_token":{"__proto__":{"polluted":1}}}'
      case 5:
        return `{"id_token":{"acr":{"essential":${this.deepJson(this.size(3000))}}}}`
      case 6:
        return this.text(this.size(20_000))
      default:
        return JSON.stringify({ id_token: { acr: { values: [this.text(this.size(300))] } } })
    }
  }

  /** A page URL query (with its "?"): the share link an attacker hands out. */
  link(): string {
    const r = this.int(10)
    if (r === 0) return `?${this.text(this.size(40_000))}`
    if (r === 1) return `?${'a=1&'.repeat(this.size(12_000))}`
    if (r === 2) return `?loa_map=${encodeURIComponent(this.jsonObject(this.size(70_000)))}`
    const params: string[] = []
    const count = this.chance(0.1) ? this.size(200) : 1 + this.int(14)
    let length = 0
    // Under 1.5 MB: Chromium refuses to navigate to a URL over 2 MB, before any page sees it.
    for (let i = 0; i < count && length < 1_500_000; i++) {
      const name = this.chance(0.75) ? this.pick(LINK_PARAMS) : this.name()
      const encode = this.chance(0.9) ? encodeLoosely : (s: string) => s
      const param = `${encode(name)}=${encode(this.value())}`
      if (length + param.length > 1_500_000) break
      params.push(param)
      length += param.length + 1
    }
    return `?${params.join('&')}`
  }

  /** A login response (the URL fragment) that no login of the tab asked for. */
  callback(): { hash: string; description: string } {
    const description = this.pick([
      'Your session expired, log in again at https://evil.example/login',
      `<img src=x onerror="document.title='pwned'">`,
      `Hostile ${this.text(this.size(5000))}`,
      'Call +1 555 0100 to unlock your account',
    ])
    const params = new URLSearchParams({
      state: this.pick(['forged', '', this.text(this.size(300))]) || 'x',
      error: this.pick(['access_denied', 'login_required', this.text(this.size(200))]) || 'e',
      error_description: description,
    })
    if (this.chance(0.3)) params.set('error_uri', 'javascript:alert(1)')
    if (this.chance(0.3)) params.set('code', 'stolen-code')
    return { hash: `#${params}`, description }
  }

  /** A stored configuration as localStorage might hold it after an attack or a bug. */
  storedConfig(base: Record<string, unknown>): string {
    const r = this.int(10)
    if (r === 0) return this.text(this.size(40_000))
    if (r === 1) return this.deepJson(this.size(200_000))
    const config: Record<string, unknown> = { ...base }
    const fields = Object.keys(base)
    const changes = 1 + this.int(4)
    for (let i = 0; i < changes; i++) {
      const field = this.chance(0.9) ? this.pick(fields) : this.name()
      config[field] = this.jsonValue()
    }
    const text = JSON.stringify(
      r === 2 ? config : { version: this.pick([1, 1, 1, 2, -1, 1e308]), config },
    )
    // A literal "__proto__" key, which no object literal stringifies to: written in by hand.
    return this.chance(0.1) ? text.replace(/^\{/, '{"__proto__":{"polluted":1},') : text
  }

  /** A parsed JSON value of any type, for stored fields. */
  jsonValue(): unknown {
    const r = this.int(9)
    switch (r) {
      case 0:
        return this.text(this.size(100_000))
      case 1:
        return JSON.parse(this.jsonObject(this.size(70_000))) as unknown
      case 2:
        return Array.from({ length: this.size(20_000) }, (_, i) => `v${i}`)
      case 3:
        return this.pick([null, true, -1, 1e308, 0.5, [], {}])
      case 4:
        return JSON.parse(this.deepJson(Math.min(this.size(2000), 2000))) as unknown
      default:
        return this.value()
    }
  }

  /** A realm export: one of the project's realms, mutated where it hurts, as text. */
  realmExport(bases: readonly string[]): string {
    const r = this.int(8)
    if (r === 0) return this.text(this.size(200_000))
    if (r === 1) return this.deepJson(this.size(200_000))
    const realm = JSON.parse(this.pick(bases)) as Record<string, unknown>
    const mutations = 1 + this.int(5)
    for (let i = 0; i < mutations; i++) this.mutateRealm(realm)
    return JSON.stringify(realm)
  }

  private mutateRealm(realm: Record<string, unknown>) {
    const objects = (value: unknown) =>
      Array.isArray(value)
        ? (value.filter((v) => typeof v === 'object' && v !== null) as Record<string, unknown>[])
        : []
    const flows = objects(realm.authenticationFlows)
    const clients = objects(realm.clients)
    switch (this.int(9)) {
      case 0: // a huge acr.loa.map, as the attribute text Keycloak keeps
        realm.attributes = { 'acr.loa.map': this.jsonObject(this.size(70_000)) }
        break
      case 1: // every flow contains itself, and the first contains the last
        for (const flow of flows) {
          const executions = Array.isArray(flow.authenticationExecutions)
            ? (flow.authenticationExecutions as unknown[])
            : []
          executions.push({
            authenticatorFlow: true,
            flowAlias: flow.alias,
            requirement: 'REQUIRED',
          })
          flow.authenticationExecutions = executions
        }
        break
      case 2: // a chain of sub-flows far deeper than Keycloak allows
        for (let i = 0; i < 500; i++)
          flows.push({
            alias: `f${i}`,
            authenticationExecutions: [
              { authenticatorFlow: true, flowAlias: `f${i + 1}`, requirement: 'CONDITIONAL' },
            ],
          })
        realm.browserFlow = 'f0'
        break
      case 3: // thousands of clients
        for (let i = 0; i < this.size(6000); i++)
          clients.push({ clientId: `c${i}`, attributes: { 'acr.loa.map': '{"x":1}' } })
        realm.clients = clients
        break
      case 4: // traps as keys
        realm.attributes = JSON.parse(
          '{"__proto__":{"polluted":1},"acr.loa.map":"{\\"__proto__\\":1}"}',
        )
        break
      case 5: // a field of the wrong type
        realm[
          this.pick([
            'clients',
            'authenticationFlows',
            'authenticatorConfig',
            'attributes',
            'realm',
            'browserFlow',
            'clientScopes',
            'clientPolicies',
          ])
        ] = this.jsonValue()
        break
      case 6: // an execution with hostile fields
        if (Array.isArray(flows[0]?.authenticationExecutions))
          (flows[0].authenticationExecutions as unknown[]).push({
            authenticator: this.text(this.size(5000)),
            requirement: this.value(),
            priority: this.pick([NaN, -1e308, '1', null]),
            authenticatorConfig: '__proto__',
          })
        break
      case 7: // an executions list far longer than a flow has
        if (flows[0])
          flows[0].authenticationExecutions = Array.from({ length: this.size(20_000) }, (_, i) => ({
            authenticator: 'auth-otp-form',
            requirement: 'REQUIRED',
            priority: i,
          }))
        break
      default: // a client's own map, huge and odd
        if (clients[0])
          clients[0].attributes = {
            'acr.loa.map': this.value(),
            'default.acr.values': Array.from({ length: this.size(5000) }, (_, i) => `a${i}`).join(
              '##',
            ),
            'minimum.acr.value': this.text(this.size(3000)),
          }
    }
  }
}
