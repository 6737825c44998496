import { HR_MAPPABLE_FIELDS, type HrMappableField } from '../../../../../../src/contracts/hr/source.js';
import { TextField } from '../../../../ui/text-field.js';
import { FIELD_LABELS, REQUIRED_FIELDS } from '../labels.js';

export interface FieldMappingTableProps {
  /** "Columns", "JSON paths": names the table and its second column. */
  label: string;
  /** "Column header", "JSON path". */
  what: string;
  mapping: Partial<Record<HrMappableField, string>>;
  onChange: (mapping: Partial<Record<HrMappableField, string>>) => void;
  /** Errors keyed by the mapping's path (`csv.columns`). */
  errors: Record<string, string>;
  path: string;
}

/** Where each person and contract field is read from: one row per field, blank for unmapped. */
export function FieldMappingTable({ label, what, mapping, onChange, errors, path }: FieldMappingTableProps) {
  const own = Object.keys(errors).some((k) => k.startsWith(`${path}.`)) ? undefined : errors[path];
  return (
    <div className="stack">
      <table className="edit-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">{what}</th>
          </tr>
        </thead>
        <tbody>
          {HR_MAPPABLE_FIELDS.map((field) => (
            <tr key={field}>
              <th scope="row">
                {FIELD_LABELS[field]}
                {REQUIRED_FIELDS.includes(field) ? ' (required)' : ''}{' '}
                <span className="muted code">{field}</span>
              </th>
              <td>
                <TextField
                  label={`${what} for ${FIELD_LABELS[field]}`}
                  labelHidden
                  value={mapping[field] ?? ''}
                  onChange={(text) => onChange({ ...mapping, [field]: text })}
                  errorMessage={errors[`${path}.${field}`]}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {own ? <p className="field-error">{own}</p> : null}
    </div>
  );
}
