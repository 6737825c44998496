import { HR_PERSON_FIELDS } from '../../../../../../src/contracts/hr/person.js';
import {
  HR_CONDITION_OPERATORS,
  VALUELESS_OPERATORS,
  type HrConditionOperator,
} from '../../../../../../src/contracts/hr/rules.js';
import { Button } from '../../../../ui/button.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { FIELD_LABELS, OPERATOR_LABELS } from '../labels.js';
import type { ConditionDraft } from './rules-draft.js';

const CUSTOM = 'custom';
/** How many of the source's values a condition offers to add with one press. */
const SUGGESTIONS = 8;

export interface ConditionRowProps {
  condition: ConditionDraft;
  /** "Condition 2 of Everyone", for labels. */
  name: string;
  change: (patch: Partial<ConditionDraft>) => void;
  remove: () => void;
  fieldValues: Record<string, string[]>;
  errors: Record<string, string>;
  readOnly: boolean;
}

/** One condition: a field (or custom.<name>), how it compares, and the values, with the source's values to pick. */
export function ConditionRow({
  condition,
  name,
  change,
  remove,
  fieldValues,
  errors,
  readOnly,
}: ConditionRowProps) {
  const custom = condition.field.startsWith('custom.');
  const valueless = VALUELESS_OPERATORS.includes(condition.operator);
  const chosen = condition.valuesText
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  const suggestions = (fieldValues[condition.field] ?? [])
    .filter((v) => !chosen.includes(v.toLowerCase()))
    .slice(0, SUGGESTIONS);
  return (
    <div className="stack" role="group" aria-label={name}>
      <div className="toolbar">
        <SelectField
          label="Field"
          value={custom ? CUSTOM : condition.field}
          onChange={(field) => change({ field: field === CUSTOM ? 'custom.' : field })}
          isDisabled={readOnly}
          options={[
            ...HR_PERSON_FIELDS.map((f) => ({ id: f, label: FIELD_LABELS[f] })),
            { id: CUSTOM, label: 'Custom field…' },
          ]}
          errorMessage={custom ? undefined : errors.field}
        />
        {custom ? (
          <TextField
            label="Custom field name"
            value={condition.field.slice('custom.'.length)}
            onChange={(text) => change({ field: `custom.${text}` })}
            isDisabled={readOnly}
            errorMessage={errors.field}
          />
        ) : null}
        <SelectField
          label="Operator"
          value={condition.operator}
          onChange={(operator) => change({ operator: operator as HrConditionOperator })}
          isDisabled={readOnly}
          options={HR_CONDITION_OPERATORS.map((o) => ({ id: o, label: OPERATOR_LABELS[o] }))}
          errorMessage={errors.operator}
        />
        {valueless ? null : (
          <TextField
            label="Values"
            value={condition.valuesText}
            onChange={(valuesText) => change({ valuesText })}
            isDisabled={readOnly}
            description="Separated by commas; case is ignored."
            errorMessage={errors.values}
          />
        )}
        {readOnly ? null : (
          <Button variant="quiet" aria-label={`Remove ${name}`} onPress={remove}>
            Remove
          </Button>
        )}
      </div>
      {!readOnly && !valueless && suggestions.length ? (
        <div className="toolbar" aria-label={`Values in the source for ${name}`}>
          <span className="muted">In the source:</span>
          {suggestions.map((v) => (
            <Button
              key={v}
              variant="quiet"
              className="badge"
              onPress={() =>
                change({
                  valuesText: condition.valuesText.trim() ? `${condition.valuesText.trim()}, ${v}` : v,
                })
              }
            >
              {`+ ${v}`}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
