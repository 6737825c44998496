import type { HrRulesView } from '../../../../../../src/contracts/api/hr-rules.js';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { TextField } from '../../../../ui/text-field.js';
import { ConditionRow } from './condition-row.js';
import { DynamicGroupsEditor, EntitlementsEditor } from './grants-editor.js';
import type { ConditionDraft, RuleDraft } from './rules-draft.js';

export interface RuleCardProps {
  rule: RuleDraft;
  index: number;
  change: (patch: Partial<RuleDraft>) => void;
  remove: () => void;
  view: HrRulesView;
  /** This rule's errors, keyed inside the rule (`conditions.0.values`). */
  errors: Record<string, string>;
  readOnly: boolean;
}

/** One rule: who it applies to (all conditions hold; none: everyone) and what it grants. */
export function RuleCard({ rule, index, change, remove, view, errors, readOnly }: RuleCardProps) {
  const title = rule.name.trim() || `Rule ${index + 1}`;
  const setCondition = (i: number, patch: Partial<ConditionDraft>) =>
    change({ conditions: rule.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <section className="card stack" aria-label={`Rule ${title}`}>
      <div className="columns-2">
        <TextField
          label="Rule name"
          value={rule.name}
          onChange={(name) => change({ name })}
          isDisabled={readOnly}
          errorMessage={errors.name}
        />
        <TextField
          label="Description"
          value={rule.description}
          onChange={(description) => change({ description })}
          isDisabled={readOnly}
          errorMessage={errors.description}
        />
      </div>
      <Checkbox isSelected={rule.enabled} onChange={(enabled) => change({ enabled })} isDisabled={readOnly}>
        Enabled
      </Checkbox>
      <fieldset className="stack">
        <legend className="field-label">Applies to</legend>
        {rule.conditions.length === 0 ? <p className="muted">Everyone (no conditions).</p> : null}
        {rule.conditions.map((c, i) => (
          <ConditionRow
            key={i}
            condition={c}
            name={`Condition ${i + 1} of ${title}`}
            change={(patch) => setCondition(i, patch)}
            remove={() => change({ conditions: rule.conditions.filter((_, j) => j !== i) })}
            fieldValues={view.fieldValues}
            errors={Object.fromEntries(
              Object.entries(errors)
                .filter(([k]) => k.startsWith(`conditions.${i}.`))
                .map(([k, v]) => [k.slice(`conditions.${i}.`.length), v]),
            )}
            readOnly={readOnly}
          />
        ))}
        {readOnly ? null : (
          <div className="toolbar">
            <Button
              onPress={() =>
                change({
                  conditions: [
                    ...rule.conditions,
                    { field: 'department', operator: 'equals', valuesText: '' },
                  ],
                })
              }
            >
              Add condition
            </Button>
          </div>
        )}
      </fieldset>
      <EntitlementsEditor rule={rule} change={change} view={view} errors={errors} readOnly={readOnly} />
      <DynamicGroupsEditor rule={rule} change={change} view={view} errors={errors} readOnly={readOnly} />
      {errors.rule ? <p className="field-error">{errors.rule}</p> : null}
      {readOnly ? null : (
        <div className="toolbar">
          <Button variant="danger" aria-label={`Remove rule ${title}`} onPress={remove}>
            Remove rule
          </Button>
        </div>
      )}
    </section>
  );
}
