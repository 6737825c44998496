import {
  FILTER_OPERATORS,
  type FieldFilter,
  type FilterOperator,
} from '../../../../../../src/contracts/entra/index.js';
import { Button } from '../../../../ui/button.js';
import { RadioField } from '../../../../ui/radio.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { OPERATOR_LABELS, optionsOf } from '../labels.js';
import { CatalogueField } from './catalogue-field.js';

const OPERATOR_OPTIONS = optionsOf(OPERATOR_LABELS);
const NO_VALUE: readonly FilterOperator[] = ['isEmpty', 'isNotEmpty'];

export interface FilterEditorProps {
  value: FieldFilter;
  onChange: (filter: FieldFilter) => void;
  /** The problem at a path relative to the filter (`criteria.0.value`). */
  errorAt: (path: string) => string | undefined;
  isDisabled: boolean;
}

/** Field filter criteria of a site mapping: Entra field, one of the seven operators, a value; all or any. */
export function FilterEditor({ value, onChange, errorAt, isDisabled }: FilterEditorProps) {
  const set = (i: number, change: Partial<FieldFilter['criteria'][number]>) =>
    onChange({ ...value, criteria: value.criteria.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  return (
    <fieldset className="stack">
      <legend className="field-label">Field filter</legend>
      <p className="muted">
        Only users whose Entra fields pass these criteria (text compared ignoring case). None: everyone.
      </p>
      {value.criteria.length > 1 ? (
        <RadioField
          label="Users must match"
          value={value.combinator}
          onChange={(combinator) => onChange({ ...value, combinator })}
          options={[
            { id: 'and', label: 'All criteria (and)' },
            { id: 'or', label: 'Any criterion (or)' },
          ]}
          isDisabled={isDisabled}
        />
      ) : null}
      {value.criteria.length > 0 ? (
        <table className="edit-table" aria-label="Filter criteria">
          <thead>
            <tr>
              <th scope="col">Entra field</th>
              <th scope="col">Operator</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.criteria.map((c, i) => (
              <tr key={i}>
                <td>
                  <CatalogueField
                    catalogue="entra"
                    label={`Criterion ${i + 1} field`}
                    labelHidden
                    value={c.entraField}
                    onChange={(entraField) => set(i, { entraField })}
                    errorMessage={errorAt(`criteria.${i}.entraField`)}
                    isDisabled={isDisabled}
                  />
                </td>
                <td>
                  <SelectField
                    label={`Criterion ${i + 1} operator`}
                    labelHidden
                    options={OPERATOR_OPTIONS}
                    value={c.operator}
                    onChange={(operator) => set(i, { operator: operator as FilterOperator })}
                    errorMessage={errorAt(`criteria.${i}.operator`)}
                    isDisabled={isDisabled}
                  />
                </td>
                <td>
                  {NO_VALUE.includes(c.operator) ? (
                    <span className="muted">—</span>
                  ) : (
                    <TextField
                      label={`Criterion ${i + 1} value`}
                      labelHidden
                      value={c.value}
                      onChange={(v) => set(i, { value: v })}
                      errorMessage={errorAt(`criteria.${i}.value`)}
                      isDisabled={isDisabled}
                    />
                  )}
                </td>
                <td>
                  {!isDisabled ? (
                    <Button
                      variant="quiet"
                      aria-label={`Remove criterion ${i + 1}`}
                      onPress={() =>
                        onChange({ ...value, criteria: value.criteria.filter((_, j) => j !== i) })
                      }
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!isDisabled ? (
        <div>
          <Button
            onPress={() =>
              onChange({
                ...value,
                criteria: [
                  ...value.criteria,
                  { entraField: 'department', operator: FILTER_OPERATORS[0], value: '' },
                ],
              })
            }
          >
            Add criterion
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
