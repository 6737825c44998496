import type { HrDesiredState } from '../../contracts/hr/lifecycle.js';
import type { HrPerson } from '../../contracts/hr/person.js';
import type { HrLifecycleSettings } from '../../contracts/hr/source.js';
import type { CompiledAttributeMapping } from './attribute-mapping.js';
import { lifecyclePhase } from './lifecycle-phase.js';
import { personFields } from './person-fields.js';
import type { CompiledRuleSet } from './rules-engine.js';

/**
 * What Rollcall wants in Entra for one person on one day (issue 9): the phase, whether the
 * account exists and may sign in, its names and attributes, and the entitlements the published
 * rules grant. The account exists only when a rule grants it and the person is past `future`;
 * a leaver keeps a disabled account with no groups or licences until `purge`.
 */

/** A source's settings and compiled rules, prepared once per enforcement or preview. */
export interface HrEvaluationContext {
  lifecycle: HrLifecycleSettings;
  /** The source's default usage location, used unless the mapping fills one. */
  usageLocation: string;
  attributes: CompiledAttributeMapping;
  rules: CompiledRuleSet;
  /** The source takes the account's UPN and e-mail back (a JSON source with a write-back URL). */
  writeBack: boolean;
}

/** The desired state with the phase's reason in words, for the planner's audit reasons. */
export type HrPersonDesiredState = HrDesiredState & { phaseReason: string };

const HOLDS_ACCOUNT = new Set(['preboarding', 'active', 'left']);

/** The desired state of `person` on `today`; `removedOn` when the source no longer lists them. */
export function desiredState(
  person: HrPerson,
  context: HrEvaluationContext,
  today: string,
  removedOn: string | null = null,
): HrPersonDesiredState {
  const fields = personFields(person, today);
  const { phase, reason } = lifecyclePhase(
    { startDate: fields.startDate ?? today, endDate: fields.endDate },
    context.lifecycle,
    today,
    removedOn,
  );
  const granted = context.rules.evaluate(fields);
  const account = granted.accountRules.length > 0 && HOLDS_ACCOUNT.has(phase);
  const entitled = account && phase !== 'left';
  const attributes = context.attributes.render(fields, person.employeeId);
  if (fields.displayName !== null) attributes.displayName = fields.displayName;
  if (attributes.usageLocation === undefined || attributes.usageLocation === null)
    attributes.usageLocation = context.usageLocation;
  return {
    employeeId: person.employeeId,
    phase,
    phaseReason: reason,
    accountRules: granted.accountRules,
    account,
    enabled: account && phase === 'active',
    names: {
      first: fields.preferredName ?? person.givenName,
      last: person.surname,
      middle: fields.middleName,
    },
    attributes,
    managerEmployeeId: fields.managerEmployeeId,
    groups: entitled ? granted.groups : [],
    licences: entitled ? granted.licences : [],
  };
}
