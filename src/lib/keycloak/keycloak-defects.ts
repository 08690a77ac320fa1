// Known Keycloak defects and advisories that touch step-up: which versions they affect, the request
// and realm under which they matter (a pure predicate), and the evidence: reproduced here on a
// version by a named test, not reproduced by a named test, or only reported (with what was tried).
// The research behind each row is in docs/keycloak-research.md#defects. The README's table is
// checked against this one by test/unit/keycloak-defects.spec.ts.
import { requestedAcr, type AuthRequest } from '../request/auth-request'
import type { KeycloakVersion } from './keycloak-facts'
import {
  describeRange,
  versionOf,
  inRange,
  recordedVersion,
  recordedVersionsText,
  type ParsedVersion,
  type VersionRange,
} from './keycloak-version'
import { loaOf } from '../verdict/loa'
import type { FlowNode, StepUpModel } from './realm-model'

/** What decides whether a defect matters: the request sent and what is known of the realm. */
interface DefectInput {
  request: AuthRequest
  /** The realm's step-up model, when imported and of this provider. */
  model: StepUpModel | null
  /** The request was pushed (PAR, RFC 9126): the playground never pushes, an app may. */
  pushed?: boolean
}

type DefectEvidence =
  /** Seen here: the named test shows the behaviour on these versions. */
  | { status: 'reproduced'; on: KeycloakVersion[]; spec: string; test: string }
  /** Tried here and not seen: the named test shows the correct behaviour on these versions. */
  | { status: 'not-reproduced'; on: KeycloakVersion[]; spec: string; test: string }
  /** Only reported: what was tried, and why it was not settled here. */
  | { status: 'reported'; tried: string }

export interface KeycloakDefect {
  /** Keycloak's issue number (#31534) or the advisory's CVE id. */
  id: string
  title: string
  /** The versions the report or advisory names as affected (`unknown` where it names none). */
  affected: VersionRange
  /** When it matters, in words. */
  condition: string
  /** When it matters, for a request and a realm. */
  applies: (input: DefectInput) => boolean
  /** What it does to a step-up, in a sentence. */
  effect: string
  evidence: DefectEvidence
}

const acrValuesOf = (request: AuthRequest) => request.acrValues?.split(' ').filter(Boolean) ?? []

function walk(nodes: FlowNode[], test: (node: FlowNode) => boolean): boolean {
  return nodes.some((node) => test(node) || walk(node.children ?? [], test))
}

/** A level below the lowest one asked counts for 0 s, so it runs before the level asked. */
function levelBelowAlwaysAsked({ request, model }: DefectInput): boolean {
  const levels = model?.flow?.levels ?? []
  const asked = requestedAcr(request).values.map((v) => loaOf(v, model?.loaMap.effective ?? {}))
  if (!asked.length || asked.some((l) => l === undefined)) return false
  const lowest = Math.min(...(asked as number[]))
  return levels.some((l) => l.level !== undefined && l.level < lowest && l.maxAge === 0)
}

export const KEYCLOAK_DEFECTS: KeycloakDefect[] = [
  {
    id: '#31534',
    title: 'Multiple acr_values requested not considering highest LoA',
    affected: { from: 'unknown', fixedIn: null },
    condition: 'several acr_values are sent',
    applies: ({ request }) => acrValuesOf(request).length > 1,
    effect:
      'Keycloak runs the lowest level among several acr_values, not the highest; the issue was closed unfixed (by design).',
    evidence: {
      status: 'reproduced',
      on: ['26.5.6', '26.7.5'],
      spec: 'test/e2e/keycloak/version.spec.ts',
      test: 'several acr_values on a Keycloak whose version the server tells: the lowest runs, and the #31534 hint names that version',
    },
  },
  {
    id: '#44002',
    title: 'OIDC Pushed Authorization Request unable to use kc_idp_hint or acr_values',
    affected: { from: 'unknown', fixedIn: 'unknown' },
    condition: 'a pushed authorization request (PAR) carries acr_values',
    applies: ({ request, pushed }) => pushed === true && acrValuesOf(request).length > 0,
    effect: 'reported: Keycloak ignores acr_values pushed to the PAR endpoint.',
    evidence: {
      status: 'not-reproduced',
      on: ['26.5.6', '26.7.5'],
      spec: 'test/e2e/keycloak/par.spec.ts',
      test: 'PAR with acr_values=silver: Keycloak asks the password and the OTP, and acr is silver',
    },
  },
  {
    id: '#15237',
    title: 'Step-up authentication ignores acr_values',
    affected: { from: '19.0.3', fixedIn: null },
    condition: 'a level below the one asked counts for 0 s (max age 0)',
    applies: levelBelowAlwaysAsked,
    effect:
      'Keycloak asks the lower level again before the one asked: every level sub-flow at or below the request that is not still valid runs, in order.',
    evidence: {
      status: 'reported',
      tried:
        'Read in the source of 26.5.6 and 26.7.3 (the walk of the level sub-flows) and modelled by the prediction (predict.spec.ts "gold after gold: the passkey again (max age 0)"); no realm here has a level of max age 0 below another level, so no browser login shows it.',
    },
  },
  {
    id: '#25335',
    title: 'Brokered IdP authentication breaks step-up authentication',
    affected: { from: 'unknown', fixedIn: null },
    condition: 'the login may go through an identity provider (kc_idp_hint, or the realm has one)',
    applies: ({ request, model }) =>
      request.kcIdpHint !== undefined || (model?.identityProviders?.length ?? 0) > 0,
    effect:
      'a login through an identity provider records no level, so the level conditions later see none.',
    evidence: {
      status: 'reproduced',
      on: ['26.5.6', '26.7.5'],
      spec: 'test/e2e/keycloak/broker.spec.ts',
      test: 'first broker login and a returning user: acr_values silver is forwarded and the upstream asks its OTP, yet the downstream answers bronze (level 1), predicted',
    },
  },
  {
    id: 'CVE-2026-97176',
    title: 'Essential acr bypassed through the cookie step over a lower session',
    affected: { from: 'unknown', fixedIn: 'unknown' },
    condition:
      'an essential claims request for id_token.acr is sent (and a lower SSO session exists)',
    applies: ({ request }) => requestedAcr(request).essential,
    effect:
      'the advisory says Keycloak answers an essential higher level from a lower SSO session without asking the missing factor.',
    evidence: {
      status: 'not-reproduced',
      on: ['26.5.6', '26.7.5'],
      spec: 'test/e2e/keycloak/essential-after-lower.spec.ts',
      test: 'bob at bronze, then an essential silver claims request without prompt=login: Keycloak asks the OTP and raises the level',
    },
  },
  {
    id: 'CVE-2026-133228',
    title: 'Client Minimum ACR not enforced when the login starts at credential reset',
    affected: { from: 'unknown', fixedIn: 'unknown' },
    condition: 'the client has a Minimum ACR value, and a login starts at "Forgot password?"',
    applies: ({ model }) => model?.minimumAcrValue !== undefined,
    effect:
      "the advisory says a login begun at credential reset ends with tokens below the client's Minimum ACR.",
    evidence: {
      status: 'reported',
      tried:
        'No advisory text was available here to read the steps from, and the project realms do not allow password reset (their files are not changed for it); not tried on a server.',
    },
  },
  {
    id: '26.8.1 2FA setup',
    title: 'Second factor setup could be bypassed (fixed in 26.8.1)',
    affected: { from: 'unknown', fixedIn: '26.8.1' },
    condition: 'a level needs a factor the user may still have to set up (OTP, WebAuthn)',
    applies: ({ model }) =>
      (model?.flow?.levels ?? []).some((l) => l.authenticators.some((a) => a.setupAction)),
    effect:
      'the 26.8.1 release notes name a bypass of the second factor setup; which step-up paths it touches is not known here.',
    evidence: {
      status: 'reported',
      tried:
        'Not available here: Maven Central serves Keycloak distributions only up to 26.7.5, so 26.8.1 could not be run or compared.',
    },
  },
  {
    id: '26.8.1 Conditional OTP',
    title: 'Conditional OTP "skip for header" changed in 26.8.1',
    affected: { from: '26.8.1', fixedIn: null },
    condition: 'the flow has a Conditional OTP Form',
    applies: ({ model }) =>
      walk(
        model?.flow?.tree ?? [],
        (n) => n.authenticator?.providerId === 'auth-conditional-otp-form',
      ),
    effect:
      'Conditional OTP reads its "skip for header" setting differently from 26.8.1: a level that relies on it may ask, or skip, the OTP otherwise.',
    evidence: {
      status: 'reported',
      tried:
        'Not available here: Maven Central serves Keycloak distributions only up to 26.7.5, so 26.8.1 could not be run or compared.',
    },
  },
]

/** Does `defect` touch this version? `maybe` when the version, or the range, does not decide. */
export function affects(
  defect: KeycloakDefect,
  version: ParsedVersion | null,
): 'yes' | 'no' | 'maybe' {
  const recorded = recordedVersion(version)
  const { evidence } = defect
  if (recorded && evidence.status !== 'reported' && evidence.on.includes(recorded))
    return evidence.status === 'reproduced' ? 'yes' : 'no'
  if (!version) return 'maybe'
  const inside = inRange(version, defect.affected)
  return inside === 'unknown' ? 'maybe' : inside ? 'yes' : 'no'
}

/** The evidence in a sentence. */
export function evidenceText(evidence: DefectEvidence): string {
  if (evidence.status === 'reported') return `Reported, not reproduced here: ${evidence.tried}`
  const on = evidence.on.join(' and ')
  return evidence.status === 'reproduced'
    ? `Reproduced on ${on} by ${evidence.spec.replace(/^test\/e2e\//, '')} "${evidence.test}".`
    : `Not reproduced on ${on}: ${evidence.spec.replace(/^test\/e2e\//, '')} "${evidence.test}".`
}

/** The defects that touch this version, whatever the request (for the realm panel). */
export function defectsOfVersion(version: ParsedVersion): KeycloakDefect[] {
  return KEYCLOAK_DEFECTS.filter((d) => affects(d, version) !== 'no')
}

export interface DefectHint {
  code: 'known-defect'
  defect: string
  text: string
}

/**
 * The known-defect hints for a login: each defect whose condition the request and realm meet, on
 * the version in use (or, when it is not known, with the versions it would need).
 */
export function defectHintsFor(
  input: DefectInput & { keycloak: boolean; version: ParsedVersion | null },
): DefectHint[] {
  if (!input.keycloak) return []
  const hints: DefectHint[] = []
  for (const defect of KEYCLOAK_DEFECTS) {
    if (!defect.applies(input)) continue
    const touches = affects(defect, input.version)
    if (touches === 'no') continue
    const named = `${defect.id} "${defect.title}"`
    const lead =
      touches === 'yes' && input.version
        ? `Keycloak ${input.version.text} has ${named}:`
        : input.version
          ? `If Keycloak ${input.version.text} is among the versions of ${named} (${describeRange(defect.affected)}):`
          : `If your Keycloak is among the versions of ${named} (${describeRange(defect.affected)}; the playground records ${recordedVersionsText()}, pick yours in the realm panel):`
    hints.push({
      code: 'known-defect',
      defect: defect.id,
      text: `${lead} ${defect.effect} It matters because ${defect.condition}. ${evidenceText(defect.evidence)}`,
    })
  }
  return hints
}

/** defectHintsFor with the version as the realm store keeps it (keycloak-version.ts versionOf). */
export function defectHintsAt(
  input: DefectInput & { keycloak: boolean },
  versionText: string,
  serverUrl: string,
): DefectHint[] {
  return defectHintsFor({ ...input, version: versionOf(versionText, serverUrl).version })
}
