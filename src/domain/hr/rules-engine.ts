import type { HrGrantedGroup, HrGrantedLicence } from '../../contracts/hr/lifecycle.js';
import type { HrCondition, HrRule, HrRuleSet } from '../../contracts/hr/rules.js';
import {
  compileTemplate,
  isHrFieldName,
  unknownFieldMessage,
  type CompiledTemplate,
  type HrFieldView,
} from './templates.js';

/**
 * Business rules compiled once into an evaluator (issue 9, guide 004): conditions on a person's
 * fields grant the account, groups and licences. Comparisons ignore case and surrounding spaces;
 * `equals`/`notEquals` with several values mean "any of"/"none of", like `in`/`notIn`. All of a
 * rule's conditions must hold; a rule without conditions applies to everyone. Disabled rules are
 * left out. A group granted by several rules (names compared without case) is listed once with
 * every granting rule's name.
 */

/** What the enabled rules grant one person. */
export interface HrRuleOutcome {
  /** Names of the rules granting the account. */
  accountRules: string[];
  groups: HrGrantedGroup[];
  licences: HrGrantedLicence[];
}

export interface CompiledRuleSet {
  evaluate(fields: HrFieldView): HrRuleOutcome;
  /** The licence's name as the rules wrote it, or the SKU id when none was given. */
  licenceName(skuId: string): string;
}

export interface RuleProblem {
  ruleId: string;
  rule: string;
  message: string;
}

export type RuleSetCompilation =
  { ok: true; ruleSet: CompiledRuleSet } | { ok: false; problems: RuleProblem[] };

type Normalised = (field: string) => string;
type Predicate = (value: Normalised) => boolean;

interface CompiledRule {
  name: string;
  conditions: Predicate[];
  account: boolean;
  groups: string[];
  licences: string[];
  dynamic: { template: CompiledTemplate; createMissing: boolean }[];
}

const norm = (value: string | null | undefined): string => (value ?? '').trim().toLowerCase();

function compileCondition(condition: HrCondition): Predicate {
  const { field } = condition;
  const values = condition.values.map(norm);
  const set = new Set(values);
  switch (condition.operator) {
    case 'equals':
    case 'in':
      return (v) => set.has(v(field));
    case 'notEquals':
    case 'notIn':
      return (v) => !set.has(v(field));
    case 'startsWith':
      return (v) => {
        const value = v(field);
        return value !== '' && values.some((prefix) => value.startsWith(prefix));
      };
    case 'contains':
      return (v) => {
        const value = v(field);
        return value !== '' && values.some((part) => value.includes(part));
      };
    case 'isSet':
      return (v) => v(field) !== '';
    case 'isNotSet':
      return (v) => v(field) === '';
  }
}

function compileRule(rule: HrRule, problems: RuleProblem[]): CompiledRule {
  const problem = (message: string) => problems.push({ ruleId: rule.id, rule: rule.name, message });
  for (const condition of rule.conditions)
    if (!isHrFieldName(condition.field)) problem(unknownFieldMessage(condition.field));
  const dynamic: CompiledRule['dynamic'] = [];
  for (const group of rule.dynamicGroups) {
    const compiled = compileTemplate(group.template);
    if (compiled.ok) dynamic.push({ template: compiled.template, createMissing: group.createMissing });
    else problem(compiled.message);
  }
  return {
    name: rule.name,
    conditions: rule.conditions.map(compileCondition),
    account: rule.entitlements.some((e) => e.kind === 'account'),
    groups: rule.entitlements.flatMap((e) => (e.kind === 'group' ? [e.name] : [])),
    licences: rule.entitlements.flatMap((e) => (e.kind === 'licence' ? [e.skuId.toLowerCase()] : [])),
    dynamic,
  };
}

function grantGroup(
  groups: Map<string, HrGrantedGroup>,
  name: string,
  rule: string,
  createMissing: boolean,
): void {
  const key = name.toLowerCase();
  const granted = groups.get(key);
  if (granted === undefined) {
    groups.set(key, { name, rules: [rule], createMissing });
    return;
  }
  if (!granted.rules.includes(rule)) granted.rules.push(rule);
  granted.createMissing ||= createMissing;
}

/**
 * Compiles a rule set for evaluation (enabled rules only), or lists every problem of every rule,
 * disabled ones included, so a draft is checked whole before it is published.
 */
export function compileRuleSet(rules: HrRuleSet): RuleSetCompilation {
  const problems: RuleProblem[] = [];
  const all = rules.map((r) => ({ enabled: r.enabled, rule: compileRule(r, problems) }));
  const compiled = all.filter((r) => r.enabled).map((r) => r.rule);
  if (problems.length > 0) return { ok: false, problems };
  const licenceNames = new Map<string, string>();
  for (const rule of rules)
    for (const e of rule.entitlements)
      if (e.kind === 'licence' && e.name !== '' && !licenceNames.has(e.skuId.toLowerCase()))
        licenceNames.set(e.skuId.toLowerCase(), e.name);

  const evaluate = (fields: HrFieldView): HrRuleOutcome => {
    const cache = new Map<string, string>();
    const value: Normalised = (field) => {
      let v = cache.get(field);
      if (v === undefined) {
        v = norm(fields[field]);
        cache.set(field, v);
      }
      return v;
    };
    const accountRules: string[] = [];
    const groups = new Map<string, HrGrantedGroup>();
    const licences = new Map<string, HrGrantedLicence>();
    for (const rule of compiled) {
      if (!rule.conditions.every((holds) => holds(value))) continue;
      if (rule.account && !accountRules.includes(rule.name)) accountRules.push(rule.name);
      for (const name of rule.groups) grantGroup(groups, name, rule.name, false);
      for (const { template, createMissing } of rule.dynamic) {
        const name = template.renderStrict(fields);
        if (name !== null) grantGroup(groups, name, rule.name, createMissing);
      }
      for (const skuId of rule.licences) {
        const granted = licences.get(skuId);
        if (granted === undefined) licences.set(skuId, { skuId, rules: [rule.name] });
        else if (!granted.rules.includes(rule.name)) granted.rules.push(rule.name);
      }
    }
    return { accountRules, groups: [...groups.values()], licences: [...licences.values()] };
  };
  return {
    ok: true,
    ruleSet: { evaluate, licenceName: (skuId) => licenceNames.get(skuId.toLowerCase()) ?? skuId },
  };
}
