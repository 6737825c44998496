import type { HrRulePreview } from '../../../contracts/api/hr-rules.js';
import type { HrPerson } from '../../../contracts/hr/person.js';
import type { HrRuleSet } from '../../../contracts/hr/rules.js';
import { previewRuleChange } from '../../../domain/hr/preview.js';
import { compileRuleSet, type CompiledRuleSet } from '../../../domain/hr/rules-engine.js';
import { ApiHttpError } from '../../http/api-error.js';

/** Persons listed in a preview answer (the totals count all). */
const PERSONS_SHOWN = 500;

/** Compiles a rule set, or refuses with 400 naming each rule and what is wrong with it. */
export function compiledOrRefused(rules: HrRuleSet, what: string): CompiledRuleSet {
  const compiled = compileRuleSet(rules);
  if (compiled.ok) return compiled.ruleSet;
  throw new ApiHttpError(
    'validation_failed',
    `The ${what} cannot be evaluated: ${compiled.problems.map((p) => `${p.rule}: ${p.message}`).join('; ')}.`,
    compiled.problems.map((p) => ({
      field: `rules.${Math.max(
        0,
        rules.findIndex((r) => r.id === p.ruleId),
      )}`,
      message: `${p.rule}: ${p.message}`,
    })),
  );
}

/**
 * Who gains and loses what if the draft replaced the published rules, with totals per
 * entitlement. `missingGroups` is filled by the caller when the tenant could be asked.
 */
export function rulePreview(
  persons: readonly HrPerson[],
  published: CompiledRuleSet,
  draft: CompiledRuleSet,
  today: string,
): Omit<HrRulePreview, 'missingGroups'> & { gainedGroups: string[] } {
  const preview = previewRuleChange(persons, published, draft, today);
  const byEntitlement = new Map<string, HrRulePreview['byEntitlement'][number]>();
  const tally = (e: { kind: 'account' | 'group' | 'licence'; name: string }, key: 'gains' | 'losses') => {
    const id = `${e.kind}:${e.name.toLowerCase()}`;
    const entry = byEntitlement.get(id) ?? { kind: e.kind, name: e.name, gains: 0, losses: 0 };
    entry[key] += 1;
    byEntitlement.set(id, entry);
  };
  for (const p of preview.persons) {
    for (const g of p.gains) tally(g, 'gains');
    for (const l of p.loses) tally(l, 'losses');
  }
  const shown = [...preview.persons]
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .slice(0, PERSONS_SHOWN);
  return {
    totals: { persons: persons.length, ...preview.totals },
    byEntitlement: [...byEntitlement.values()].sort((a, b) => b.gains + b.losses - (a.gains + a.losses)),
    persons: shown,
    gainedGroups: [...byEntitlement.values()]
      .filter((e) => e.kind === 'group' && e.gains > 0)
      .map((e) => e.name),
  };
}
