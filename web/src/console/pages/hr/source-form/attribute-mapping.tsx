import {
  HR_ENTRA_ATTRIBUTE_LABELS,
  HR_ENTRA_ATTRIBUTES,
  type HrEntraAttribute,
} from '../../../../../../src/contracts/hr/entra-attributes.js';
import { Button } from '../../../../ui/button.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import type { SourceDraftProps } from './draft.js';

/** Entra attribute → template over the person's fields, one row each; displayName is required. */
export function AttributeMapping({ draft, change, errors }: SourceDraftProps) {
  const rows = draft.attributes;
  const used = new Set(rows.map((r) => r.attribute));
  const unused = HR_ENTRA_ATTRIBUTES.filter((a) => !used.has(a));
  const setRow = (index: number, patch: Partial<(typeof rows)[number]>) =>
    change({ attributes: rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="stack">
      <legend className="field-label">Attribute mapping</legend>
      <p className="field-description">
        What each Entra attribute is set to. Templates use the person’s fields in braces:{' '}
        <code className="code">{'{preferredName|givenName} {surname}'}</code> takes the preferred name when
        there is one; <code className="code">{'{custom.Grade}'}</code> reads a custom column. Text without
        braces is a constant.
      </p>
      <table className="edit-table" aria-label="Attribute mapping">
        <thead>
          <tr>
            <th scope="col">Entra attribute</th>
            <th scope="col">Template</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.attribute}>
              <td>
                <SelectField
                  label="Entra attribute"
                  labelHidden
                  value={row.attribute}
                  onChange={(attribute) => setRow(index, { attribute: attribute as HrEntraAttribute })}
                  options={HR_ENTRA_ATTRIBUTES.filter((a) => a === row.attribute || !used.has(a)).map(
                    (a) => ({
                      id: a,
                      label: HR_ENTRA_ATTRIBUTE_LABELS[a],
                    }),
                  )}
                />
              </td>
              <td>
                <TextField
                  label={`Template for ${HR_ENTRA_ATTRIBUTE_LABELS[row.attribute]}`}
                  labelHidden
                  value={row.template}
                  onChange={(template) => setRow(index, { template })}
                  errorMessage={errors[`attributes.${row.attribute}`]}
                />
              </td>
              <td>
                <Button
                  variant="quiet"
                  aria-label={`Remove ${HR_ENTRA_ATTRIBUTE_LABELS[row.attribute]}`}
                  onPress={() => change({ attributes: rows.filter((_, i) => i !== index) })}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.attributes && !errors['attributes.displayName'] ? (
        <p className="field-error">{errors.attributes}</p>
      ) : null}
      {errors['attributes.displayName'] && !used.has('displayName') ? (
        <p className="field-error">{errors['attributes.displayName']}</p>
      ) : null}
      {unused.length ? (
        <div className="toolbar">
          <Button
            onPress={() =>
              change({ attributes: [...rows, { attribute: unused[0] as HrEntraAttribute, template: '' }] })
            }
          >
            Add attribute
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
