import type { AssetFieldMapping, IntuneDeviceField } from '../../../../../src/contracts/api/assets-config.js';
import type { FieldErrors } from '../../../lib/form-errors.js';
import { Button } from '../../../ui/button.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { FIELD_OPTIONS } from './asset-type-editor.js';

/** Intune field → asset field. A blank Intune value never wipes the asset's. */
export function AssetFieldMappings(props: {
  value: AssetFieldMapping[];
  onChange: (value: AssetFieldMapping[]) => void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const { value, onChange, errors, readOnly } = props;
  const set = (index: number, change: Partial<AssetFieldMapping>) =>
    onChange(value.map((m, i) => (i === index ? { ...m, ...change } : m)));
  return (
    <div className="stack">
      {value.length ? (
        <table className="table">
          <caption className="visually-hidden">Field mappings</caption>
          <thead>
            <tr>
              <th scope="col">Intune field</th>
              <th scope="col">Asset field</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.map((mapping, i) => (
              <tr key={i}>
                <td>
                  <SelectField
                    label={`Mapping ${i + 1} Intune field`}
                    labelHidden
                    options={FIELD_OPTIONS}
                    value={mapping.intuneField}
                    onChange={(f) => set(i, { intuneField: f as IntuneDeviceField })}
                    isDisabled={readOnly}
                  />
                </td>
                <td>
                  <TextField
                    label={`Mapping ${i + 1} asset field`}
                    labelHidden
                    value={mapping.assetField}
                    onChange={(assetField) => set(i, { assetField })}
                    errorMessage={errors[`config.fieldMappings.${i}.assetField`]}
                    isDisabled={readOnly}
                  />
                </td>
                <td>
                  {readOnly ? null : (
                    <Button
                      variant="quiet"
                      aria-label={`Remove mapping ${i + 1}`}
                      onPress={() => onChange(value.filter((_, j) => j !== i))}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          No field mappings: assets get their name, type, serial number, user and site only.
        </p>
      )}
      {readOnly ? null : (
        <div className="toolbar">
          <Button onPress={() => onChange([...value, { intuneField: 'complianceState', assetField: '' }])}>
            Add field mapping
          </Button>
        </div>
      )}
    </div>
  );
}
