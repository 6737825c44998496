import type { HrRuleSet } from '../../contracts/hr/rules.js';
import type { HrSourceInput } from '../../contracts/hr/source.js';
import { compileAttributeMapping } from './attribute-mapping.js';
import type { HrEvaluationContext } from './desired-state.js';
import { compileRuleSet } from './rules-engine.js';

/** A source's settings and a rule set compiled for evaluation, or every problem in words. */
export type EvaluationContextResult =
  { ok: true; context: HrEvaluationContext } | { ok: false; problems: { field: string; message: string }[] };

/** Compiles the attribute mapping and the rules once, for a preview or an enforcement. */
export function evaluationContext(
  settings: Pick<HrSourceInput, 'lifecycle' | 'usageLocation' | 'attributes'> &
    Partial<Pick<HrSourceInput, 'kind' | 'json'>>,
  rules: HrRuleSet,
): EvaluationContextResult {
  const attributes = compileAttributeMapping(settings.attributes);
  const compiled = compileRuleSet(rules);
  const problems = [
    ...(attributes.ok
      ? []
      : attributes.problems.map((p) => ({ field: `attributes.${p.attribute}`, message: p.message }))),
    ...(compiled.ok
      ? []
      : compiled.problems.map((p) => ({ field: `rules.${p.ruleId}`, message: `${p.rule}: ${p.message}` }))),
  ];
  if (!attributes.ok || !compiled.ok) return { ok: false, problems };
  return {
    ok: true,
    context: {
      lifecycle: settings.lifecycle,
      usageLocation: settings.usageLocation,
      attributes: attributes.mapping,
      rules: compiled.ruleSet,
      writeBack: supportsWriteBack(settings),
    },
  };
}

/** Only a JSON source with a write-back URL takes the UPN and e-mail back (SCIM sources pull them). */
export function supportsWriteBack(settings: Partial<Pick<HrSourceInput, 'kind' | 'json'>>): boolean {
  return settings.kind === 'json' && Boolean(settings.json?.writeBackUrl);
}
