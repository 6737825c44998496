import type { HrRulesView } from '../../../../../../src/contracts/api/hr-rules.js';
import type { HrConditionOperator, HrRule, HrRuleSet } from '../../../../../../src/contracts/hr/rules.js';
import { newId } from '../../../../lib/new-id.js';

/** A condition as the editor holds it: the values as typed (comma-separated). */
export interface ConditionDraft {
  field: string;
  operator: HrConditionOperator;
  valuesText: string;
}

export type EntitlementDraft =
  { kind: 'account' } | { kind: 'group'; name: string } | { kind: 'licence'; skuId: string; name: string };

export interface RuleDraft {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  conditions: ConditionDraft[];
  entitlements: EntitlementDraft[];
  dynamicGroups: { template: string; createMissing: boolean }[];
}

/** A new, empty rule with its own GUID (stable across versions, so previews can name it). */
export function newRule(): RuleDraft {
  return {
    id: newId(),
    name: '',
    description: '',
    enabled: true,
    conditions: [],
    entitlements: [],
    dynamicGroups: [],
  };
}

const splitValues = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function toRuleDrafts(rules: HrRuleSet): RuleDraft[] {
  return rules.map((r) => ({
    ...r,
    conditions: r.conditions.map((c) => ({
      field: c.field,
      operator: c.operator,
      valuesText: c.values.join(', '),
    })),
    entitlements: r.entitlements.map((e) => ({ ...e })),
    dynamicGroups: r.dynamicGroups.map((g) => ({ ...g })),
  }));
}

/** The contract's rule set (`PUT …/rules` body's `rules`) from the editor's cards. */
export function toRuleSet(drafts: RuleDraft[]): HrRule[] {
  return drafts.map((r) => ({
    ...r,
    conditions: r.conditions.map((c) => ({
      field: c.field,
      operator: c.operator,
      values: splitValues(c.valuesText),
    })),
  }));
}

/**
 * A dynamic group's name for an example person: each `{field}` (or `{a|b}`, the first with a value)
 * replaced by the first value the source has for it; fields without values stay as written.
 */
export function exampleName(template: string, fieldValues: HrRulesView['fieldValues']): string {
  return template.replace(/\{([^}]+)\}/g, (token, body: string) => {
    for (const field of body.split('|')) {
      const value = fieldValues[field.trim()]?.[0];
      if (value) return value;
    }
    return token;
  });
}

/** The errors of one rule (`rules.3.name` → `name`), for its card. */
export function errorsOf(errors: Record<string, string>, index: number): Record<string, string> {
  const prefix = `rules.${index}.`;
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors))
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = message;
  if (errors[`rules.${index}`]) out.rule = errors[`rules.${index}`]!;
  return out;
}
