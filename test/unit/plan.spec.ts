import { readFileSync, readdirSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import {
  decodePlanParam,
  encodePlanParam,
  parsePlan,
  PLAN_LIMITS,
  planProviders,
  serializePlan,
  stepConfig,
  withStepFromLink,
  type Plan,
} from '@/lib/plans/plan'

const DEMO = {
  issuer: 'http://localhost:9400',
  client_id: 'acr-playground',
  loa_map: { bronze: 1, silver: 2 },
}

function planText(changes: Record<string, unknown> = {}, step: Record<string, unknown> = {}) {
  return JSON.stringify({
    acrPlaygroundPlan: 1,
    name: 'p',
    profiles: { demo: DEMO },
    steps: [{ name: 's', user: 'bob', request: { acr_values: 'silver' }, ...step }],
    ...changes,
  })
}

function problems(text: string): string[] {
  const parsed = parsePlan(text)
  return parsed.ok ? [] : parsed.error
}

describe('the plan files in plans/ are valid plans', () => {
  const dir = new URL('../../plans/', import.meta.url)
  it.each(readdirSync(dir).filter((f) => f.endsWith('.plan.json')))('%s', (file) => {
    const parsed = parsePlan(readFileSync(new URL(file, dir), 'utf8'))
    expect(parsed.ok ? [] : parsed.error).toEqual([])
  })
})

describe('parsePlan: a valid plan', () => {
  it('reads profiles, steps, defaults and expectations', () => {
    const parsed = parsePlan(planText({}, { expect: { acr: 'silver', loa: 2, amr: ['otp'] } }))
    expect(parsed.ok && parsed.value).toEqual({
      name: 'p',
      profiles: {
        demo: {
          issuer: 'http://localhost:9400',
          client_id: 'acr-playground',
          loa_map: '{"bronze":1,"silver":2}',
        },
      },
      steps: [
        {
          name: 's',
          profile: 'demo',
          user: 'bob',
          session: 'new',
          request: { acr_values: 'silver' },
          expect: { acr: 'silver', loa: 2, amr: ['otp'] },
        },
      ],
    })
  })

  it.each<[string, Record<string, unknown>[], string[]]>([
    ['first step', [{}], ['new']],
    ['same user goes on', [{ user: 'bob' }, { user: 'bob' }], ['new', 'continue']],
    ['another user starts anew', [{ user: 'bob' }, { user: 'alice' }], ['new', 'new']],
    ['explicit', [{ session: 'continue' }, { session: 'new' }], ['continue', 'new']],
  ])('session default: %s', (_, steps, sessions) => {
    const parsed = parsePlan(
      JSON.stringify({ acrPlaygroundPlan: 1, name: 'p', profiles: { demo: DEMO }, steps }),
    )
    expect(parsed.ok && parsed.value.steps.map((s) => s.session)).toEqual(sessions)
  })

  it('round-trips through its file and through its link', () => {
    const parsed = parsePlan(
      planText({ description: 'd' }, { expect: { error: 'login_required' } }),
    )
    if (!parsed.ok) throw new Error(parsed.error.join())
    const again = parsePlan(serializePlan(parsed.value))
    expect(again.ok && again.value).toEqual(parsed.value)
    const fromLink = decodePlanParam(encodePlanParam(parsed.value))
    expect(fromLink.ok && fromLink.value).toEqual(parsed.value)
  })

  it('a step config is the link decoder reading profile + request, with login_hint = user', () => {
    const parsed = parsePlan(planText({}, { request: { acr_values: 'silver', max_age: 0 } }))
    if (!parsed.ok) throw new Error()
    const config = stepConfig(parsed.value, 0)
    expect(config.ok && config.value).toMatchObject({
      mode: 'oidc',
      issuer: 'http://localhost:9400',
      acrValues: ['silver'],
      maxAge: 0,
      loginHint: 'bob',
      loaMap: { bronze: 1, silver: 2 },
      loaMapSource: 'link',
    })
    expect(config.ok && 'apiUrl' in config.value).toBe(false)
  })

  it('lists every provider it will sign in at', () => {
    const parsed = parsePlan(
      planText({
        profiles: {
          demo: DEMO,
          kc: { url: 'http://kc:8080/', realm: 'r', client_id: 'c' },
        },
      }),
    )
    expect(parsed.ok).toBe(false) // a step must name its profile when there are several
    const named = parsePlan(
      planText(
        { profiles: { demo: DEMO, kc: { url: 'http://kc:8080/', realm: 'r', client_id: 'c' } } },
        { profile: 'kc' },
      ),
    )
    expect(named.ok && planProviders(named.value)).toEqual([
      'http://localhost:9400',
      'http://kc:8080/realms/r',
    ])
  })
})

describe('parsePlan: every problem is named with its place', () => {
  it.each<[string, string, string]>([
    ['not JSON', '{"acrPlaygroundPlan": 1,', 'The plan is not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['no marker', '{"name":"x"}', 'This is not a plan file'],
    ['a future format', '{"acrPlaygroundPlan": 2}', 'format 2; this playground reads format 1'],
    ['no steps', planText({ steps: [] }), 'steps is not a list of at least one step'],
    ['no profiles', planText({ profiles: {} }), 'profiles is not an object'],
    ['an unknown field', planText({ extra: 1 }), 'extra is not a plan field'],
    [
      'an unknown step field',
      planText({}, { password: 'x' }),
      'steps[1].password is not a step field',
    ],
    [
      'an unknown expectation',
      planText({}, { expect: { level: 2 } }),
      'steps[1].expect.level is not an expectation',
    ],
    ['a bad loa', planText({}, { expect: { loa: 'high' } }), 'steps[1].expect.loa is not a level'],
    [
      'a bad verdict',
      planText({}, { expect: { verdict: 'ok' } }),
      'steps[1].expect.verdict is none of',
    ],
    ['a bad amr', planText({}, { expect: { amr: 'otp' } }), 'steps[1].expect.amr is not a list'],
    ['stops and tokens', planText({}, { expect: { stops: true, acr: 'x' } }), 'acr need tokens'],
    ['stops and error', planText({}, { expect: { stops: true, error: 'x' } }), 'not both'],
    [
      'an unknown profile',
      planText({}, { profile: 'nope' }),
      'steps[1].profile "nope" is not one of',
    ],
    [
      'a provider in a step',
      planText({}, { request: { issuer: 'https://evil' } }),
      'steps[1].request.issuer is not allowed here',
    ],
    [
      'an API URL',
      planText({ profiles: { demo: { ...DEMO, api_url: 'https://evil' } } }),
      'profiles.demo.api_url is not allowed',
    ],
    [
      'a redirect_uri',
      planText({}, { request: { redirect_uri: 'https://evil' } }),
      'redirect_uri is not allowed',
    ],
    ['a bad max_age', planText({}, { request: { max_age: -1 } }), 'steps[1]: max_age'],
    [
      'a profile without provider',
      planText({ profiles: { demo: { client_id: 'x' } } }),
      'names no provider',
    ],
    [
      'a javascript: issuer',
      planText({ profiles: { demo: { ...DEMO, issuer: 'javascript:alert(1)' } } }),
      'steps[1]: issuer',
    ],
    [
      '__proto__ as a profile',
      '{"acrPlaygroundPlan":1,"name":"p","profiles":{"__proto__":{"issuer":"http://x"}},"steps":[{"profile":"toString"}]}',
      'steps[1].profile "toString" is not one of',
    ],
  ])('%s', (_, text, message) => {
    expect(problems(text).join('\n')).toContain(message)
  })

  it('refuses a huge plan by its size, before reading it', () => {
    const text = planText({ description: 'x'.repeat(PLAN_LIMITS.chars) })
    expect(problems(text)[0]).toMatch(/^The plan is .* long/)
  })

  it('refuses too many steps', () => {
    const steps = Array.from({ length: PLAN_LIMITS.steps + 1 }, () => ({}))
    expect(problems(planText({ steps })).join()).toContain(`at most ${PLAN_LIMITS.steps}`)
  })

  it('refuses a deeply nested plan without walking it', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    expect(problems(`{"acrPlaygroundPlan":1,"name":${deep}}`).join()).toMatch(/deep|nest/)
  })
})

describe('decodePlanParam: a damaged link says so', () => {
  it.each<[string, string, string]>([
    ['not base64url', 'abc$%', 'not base64url'],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'), 'does not decode to text'],
    ['cut to a length no byte ends at', 'eyJhY', 'does not decode to text'],
    ['cut JSON', Buffer.from('{"acrPlaygroundPlan":1,"na').toString('base64url'), 'not JSON'],
    ['too long', 'A'.repeat(20_000), 'Share the plan as a file'],
  ])('%s', (_, value, message) => {
    const decoded = decodePlanParam(value)
    expect(decoded.ok ? '' : decoded.error.join()).toContain(message)
  })
})

describe('withStepFromLink: the page’s request becomes a step', () => {
  const link = (q: string) => `https://tools.example.com/acr/?${q}`
  it('starts a plan with a profile for the provider and the request as the step', () => {
    const plan = withStepFromLink(
      null,
      link(
        'issuer=http%3A%2F%2Flocalhost%3A9400&client_id=a&acr_values=silver&loa_map=%7B%22silver%22%3A2%7D',
      ),
      'Step 1',
    )
    expect(plan.profiles).toEqual({
      'localhost:9400': {
        issuer: 'http://localhost:9400',
        client_id: 'a',
        loa_map: '{"silver":2}',
      },
    })
    expect(plan.steps[0]).toEqual({
      name: 'Step 1',
      profile: 'localhost:9400',
      request: { acr_values: 'silver' },
      session: 'new',
      expect: {},
    })
    expect(parsePlan(serializePlan(plan)).ok).toBe(true)
  })

  it('names the profile after the page’s profile when it has one', () => {
    const plan = withStepFromLink(
      null,
      link('url=http%3A%2F%2Fkc&realm=r&client_id=a'),
      's',
      'Gold app',
    )
    expect(Object.keys(plan.profiles)).toEqual(['Gold app'])
    expect(plan.steps[0]?.profile).toBe('Gold app')
  })

  it('reuses the profile for the same provider, adds one for another', () => {
    let plan: Plan = withStepFromLink(null, link('url=http%3A%2F%2Fkc&realm=r&client_id=a'), 'one')
    plan = withStepFromLink(
      plan,
      link('url=http%3A%2F%2Fkc&realm=r&client_id=a&prompt=login'),
      'two',
    )
    plan = withStepFromLink(plan, link('url=http%3A%2F%2Fkc&realm=r&client_id=b'), 'three')
    expect(Object.keys(plan.profiles)).toEqual(['r', 'r 2'])
    expect(plan.steps.map((s) => [s.profile, s.session])).toEqual([
      ['r', 'new'],
      ['r', 'continue'],
      ['r 2', 'continue'],
    ])
  })
})
