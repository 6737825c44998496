/**
 * HR-driven lifecycle (issue 9): pure rules from a source's persons to the actions in Entra.
 */
export { compileAttributeMapping, type CompiledAttributeMapping } from './attribute-mapping.js';
export { parseHrCsv, type HrCsvImport } from './csv-import.js';
export { desiredState, type HrEvaluationContext, type HrPersonDesiredState } from './desired-state.js';
export { diffImport, personHash, type HrImportDiff } from './import-diff.js';
export { createJsonImport, mapJsonPage, valueAt, type HrJsonImport } from './json-mapping.js';
export { lifecyclePhase, type HrPersonDates, type HrPhaseOnDay } from './lifecycle-phase.js';
export {
  createPersonMerger,
  type HrImportProblem,
  type HrPersonMerger,
  type HrSourceRow,
} from './person-merger.js';
export { lastEndDate, personFields, primaryContract, type HrPersonFieldView } from './person-fields.js';
export { planPerson, sourceHasAddresses, type PlanOptions } from './plan-person.js';
export {
  personLabel,
  previewEnforcement,
  previewRuleChange,
  type EnforcementPreview,
  type HrEnforcementItem,
  type RuleChangePreview,
} from './preview.js';
export {
  compileRuleSet,
  type CompiledRuleSet,
  type HrRuleOutcome,
  type RuleProblem,
  type RuleSetCompilation,
} from './rules-engine.js';
export { readDate } from './source-values.js';
export {
  compileTemplate,
  HrTemplateError,
  isHrFieldName,
  mustCompileTemplate,
  type CompiledTemplate,
  type HrFieldView,
  type TemplateCompilation,
} from './templates.js';
export { checkThresholds, type ThresholdCheck } from './thresholds.js';
