import { EMPTY_APPLIED_STATE, type HrAppliedState } from '../../../contracts/hr/lifecycle.js';
import { hrPersonSchema, type HrPerson } from '../../../contracts/hr/person.js';
import { hrRuleSetSchema, type HrRuleSet } from '../../../contracts/hr/rules.js';
import { hrSourceInputSchema, type HrSourceInput } from '../../../contracts/hr/source.js';
import type { HrPersonRow, StoredHrSource } from '../../../store/index.js';
import type { EnforcedPerson } from '../../../workflows/hr/ports.js';

/** A stored source's settings, validated again on the way out (they were when saved). */
export function sourceSettings(source: Pick<StoredHrSource, 'config'>): HrSourceInput {
  return hrSourceInputSchema.parse(source.config);
}

export function ruleSet(rules: readonly Record<string, unknown>[]): HrRuleSet {
  return hrRuleSetSchema.parse(rules);
}

/** A stored person as enforcement and previews use them. */
export function enforcedPerson(row: HrPersonRow): EnforcedPerson {
  return {
    person: hrPersonSchema.parse(row.person) satisfies HrPerson,
    applied: { ...EMPTY_APPLIED_STATE, ...(row.applied as Partial<HrAppliedState>) },
    removedOn: row.removedOn,
  };
}

/** Today in UTC as YYYY-MM-DD: lifecycle dates are whole UTC days. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
