import {
  hrAttributeMappingSchema,
  hrLifecycleSettingsSchema,
  type HrLifecycleSettings,
} from '../../../contracts/hr/source.js';
import type { HrRule } from '../../../contracts/hr/rules.js';
import { compileAttributeMapping } from '../attribute-mapping.js';
import type { HrEvaluationContext } from '../desired-state.js';
import { compileRuleSet } from '../rules-engine.js';

/** An evaluation context with the default attribute mapping, for tests. */
export function context(
  rules: HrRule[],
  lifecycle: Partial<HrLifecycleSettings> = {},
  options: { writeBack?: boolean } = {},
): HrEvaluationContext {
  const attributes = compileAttributeMapping(hrAttributeMappingSchema.parse(undefined));
  const compiled = compileRuleSet(rules);
  if (!attributes.ok || !compiled.ok) throw new Error('test context does not compile');
  return {
    lifecycle: hrLifecycleSettingsSchema.parse(lifecycle),
    usageLocation: 'GB',
    attributes: attributes.mapping,
    rules: compiled.ruleSet,
    writeBack: options.writeBack ?? false,
  };
}
