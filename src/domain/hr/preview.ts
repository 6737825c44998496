import {
  EMPTY_APPLIED_STATE,
  HR_ACTION_KINDS,
  type HrAction,
  type HrActionKind,
  type HrAppliedState,
  type HrEntitlementDiff,
} from '../../contracts/hr/lifecycle.js';
import type { HrPerson } from '../../contracts/hr/person.js';
import { desiredState, type HrEvaluationContext } from './desired-state.js';
import { personFields } from './person-fields.js';
import { planPerson, type PlanOptions } from './plan-person.js';
import type { CompiledRuleSet, HrRuleOutcome } from './rules-engine.js';

/**
 * Previews (issue 9): who gains and loses what when a draft rule set replaces the published one,
 * and the dry run of an enforcement — every action it would take, per person, without taking it.
 */

type Entitlement = HrEntitlementDiff['gains'][number];

export interface RuleChangePreview {
  /** Only persons whose entitlements change. */
  persons: HrEntitlementDiff[];
  totals: { personsAffected: number; gains: number; losses: number };
}

/** The name a preview shows for a person. */
export function personLabel(person: HrPerson): string {
  return person.displayName ?? `${person.preferredName ?? person.givenName} ${person.surname}`;
}

function entitlements(outcome: HrRuleOutcome, rules: CompiledRuleSet): Map<string, Entitlement> {
  const all = new Map<string, Entitlement>();
  if (outcome.accountRules.length > 0)
    all.set('account', { kind: 'account', name: 'account', rules: outcome.accountRules });
  for (const g of outcome.groups)
    all.set(`group:${g.name.toLowerCase()}`, { kind: 'group', name: g.name, rules: g.rules });
  for (const l of outcome.licences)
    all.set(`licence:${l.skuId.toLowerCase()}`, {
      kind: 'licence',
      name: rules.licenceName(l.skuId),
      rules: l.rules,
    });
  return all;
}

const missingFrom = (a: Map<string, Entitlement>, b: Map<string, Entitlement>) =>
  [...a].filter(([key]) => !b.has(key)).map(([, e]) => e);

/**
 * What each person gains and loses under `draft` compared with `published`, on `today`'s fields.
 * Rules alone: the lifecycle phase (a leaver holds nothing) is the enforcement's business.
 */
export function previewRuleChange(
  persons: readonly HrPerson[],
  published: CompiledRuleSet,
  draft: CompiledRuleSet,
  today: string,
): RuleChangePreview {
  const diffs: HrEntitlementDiff[] = [];
  let gains = 0;
  let losses = 0;
  for (const person of persons) {
    const fields = personFields(person, today);
    const before = entitlements(published.evaluate(fields), published);
    const after = entitlements(draft.evaluate(fields), draft);
    const gained = missingFrom(after, before);
    const lost = missingFrom(before, after);
    if (gained.length === 0 && lost.length === 0) continue;
    gains += gained.length;
    losses += lost.length;
    diffs.push({
      employeeId: person.employeeId,
      displayName: personLabel(person),
      gains: gained,
      loses: lost,
    });
  }
  return { persons: diffs, totals: { personsAffected: diffs.length, gains, losses } };
}

/** One person as the enforcement sees them: their last import, what was applied, and removal. */
export interface HrEnforcementItem {
  person: HrPerson;
  applied: HrAppliedState | null;
  /** The day the source stopped listing the person; null while listed. */
  removedOn?: string | null;
}

export interface EnforcementPreview {
  /** Only persons with something to do. */
  persons: { employeeId: string; displayName: string; actions: HrAction[] }[];
  counts: Record<HrActionKind, number>;
  totalActions: number;
}

/** The dry run: every action enforcement would take on `today`, per person, and counts per kind. */
export function previewEnforcement(
  items: Iterable<HrEnforcementItem>,
  context: HrEvaluationContext,
  today: string,
  options: PlanOptions = {},
): EnforcementPreview {
  const counts = Object.fromEntries(HR_ACTION_KINDS.map((k) => [k, 0])) as Record<HrActionKind, number>;
  const persons: EnforcementPreview['persons'] = [];
  let totalActions = 0;
  for (const { person, applied, removedOn } of items) {
    const desired = desiredState(person, context, today, removedOn ?? null);
    const actions = planPerson(desired, applied ?? EMPTY_APPLIED_STATE, context.lifecycle, {
      writeBack: context.writeBack,
      ...options,
    });
    if (actions.length === 0) continue;
    for (const action of actions) counts[action.kind] += 1;
    totalActions += actions.length;
    persons.push({ employeeId: person.employeeId, displayName: personLabel(person), actions });
  }
  return { persons, counts, totalActions };
}
