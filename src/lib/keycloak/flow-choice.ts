// Which flow serves the login: AuthenticationFlowResolver.resolveBrowserFlow, with client policies
// (AcrCondition + auth-flow-enforcer) first. Rules: docs/keycloak-research.md#flow-choice.
import type { Notes, Stop } from './predict-types'
import type { FlowModel, StepUpModel } from './realm-model'

interface FlowChoice {
  flow?: FlowModel
  /** The level a client policy's flow grants (AuthenticationProcessor.authenticationComplete). */
  flowLoa?: number
  stop?: Stop
}

/**
 * The flow that runs for these voluntary values (AcrUtils.getAcrValues: what AcrCondition reads).
 * A policy flow missing from the export stops the login.
 */
export function chooseFlow(
  model: StepUpModel,
  voluntaryValues: string[],
  notes: Notes,
): FlowChoice {
  const { reasons, unknowns } = notes
  const choice: FlowChoice = {}
  if (model.flow) choice.flow = model.flow
  for (const policy of model.acrFlowPolicies) {
    if (!policy.enabled || !voluntaryValues.includes(policy.acr) || !policy.flowAlias) continue
    if (policy.otherConditions.length > 0)
      unknowns.push(
        `Client policy "${policy.policy}" also has the conditions ${policy.otherConditions.join(', ')}: assumed to match.`,
      )
    if (!policy.flow) {
      reasons.push(
        `Client policy "${policy.policy}" asks for flow "${policy.flowAlias}", which is not in the export: Keycloak fails the request.`,
      )
      unknowns.push(
        'The exact error page for a missing policy flow is not known from the source read.',
      )
      return {
        stop: { outcome: 'error-page', errorPage: `flow "${policy.flowAlias}" does not exist` },
      }
    }
    choice.flow = policy.flow
    if (policy.flowLoa !== undefined) choice.flowLoa = policy.flowLoa
    else delete choice.flowLoa
    reasons.push(
      `Client policy "${policy.policy}" matches "${policy.acr}": flow "${policy.flowAlias}" runs instead of the client's flow.`,
    )
  }
  const flow = choice.flow
  if (flow && flow === model.flow && model.flowSource === 'client-override')
    reasons.push(`The client's browser flow override "${flow.alias}" serves this login.`)
  if (flow && flow.levels.length === 0)
    unknowns.push(
      `Flow "${flow.alias}" has no Condition - Level of Authentication: it has no levels, so the steps listed are only its required executions.`,
    )
  return choice
}
