/**
 * The Entra import planner: `plan()` of the design for desk users and agents, pure, plus the
 * reference apply of a plan to an in-memory desk. See docs/entra-import.md for the rules.
 */
export { planUserImport, type UserPlan, type UserPlanInput } from './user-plan.js';
export { planAgentImport, type AgentPlan, type AgentPlanInput } from './agent-plan.js';
export { applyAgentPlanToDesk, applyUserPlanToDesk, type CreateId } from './apply-plan.js';
export { CHANGE_FIELDS } from './changes.js';
export { criterionHolds, evaluateFieldFilter, type FieldFilterResult } from './field-filter.js';
