import { Button } from '../../../../ui/button.js';
import { TextField } from '../../../../ui/text-field.js';
import { CatalogueField } from './catalogue-field.js';

export interface SetValuesEditorProps {
  values: { deskField: string; value: string }[];
  groupName: string | null;
  onChange: (values: { deskField: string; value: string }[], groupName: string | null) => void;
  errorAt: (path: string) => string | undefined;
  isDisabled: boolean;
}

/** "Values to set" on the users a mapping matched, optionally only for members of one group. */
export function SetValuesEditor({ values, groupName, onChange, errorAt, isDisabled }: SetValuesEditorProps) {
  const set = (i: number, change: Partial<{ deskField: string; value: string }>) =>
    onChange(
      values.map((v, j) => (j === i ? { ...v, ...change } : v)),
      groupName,
    );
  return (
    <fieldset className="stack">
      <legend className="field-label">Values to set on matched users</legend>
      {values.length > 0 ? (
        <table className="edit-table" aria-label="Values to set">
          <thead>
            <tr>
              <th scope="col" className="col-40">
                Desk field
              </th>
              <th scope="col" className="col-40">
                Value
              </th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => (
              <tr key={i}>
                <td>
                  <CatalogueField
                    catalogue="deskUser"
                    label={`Value ${i + 1} field`}
                    labelHidden
                    value={v.deskField}
                    onChange={(deskField) => set(i, { deskField })}
                    errorMessage={errorAt(`setValues.${i}.deskField`)}
                    isDisabled={isDisabled}
                  />
                </td>
                <td>
                  <TextField
                    label={`Value ${i + 1}`}
                    labelHidden
                    value={v.value}
                    onChange={(value) => set(i, { value })}
                    errorMessage={errorAt(`setValues.${i}.value`)}
                    isDisabled={isDisabled}
                  />
                </td>
                <td>
                  {!isDisabled ? (
                    <Button
                      variant="quiet"
                      aria-label={`Remove value ${i + 1}`}
                      onPress={() =>
                        onChange(
                          values.filter((_, j) => j !== i),
                          groupName,
                        )
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
      ) : (
        <p className="muted">None.</p>
      )}
      {!isDisabled ? (
        <div>
          <Button onPress={() => onChange([...values, { deskField: '', value: '' }], groupName)}>
            Add value to set
          </Button>
        </div>
      ) : null}
      <TextField
        label="Only for members of this Entra group (optional)"
        value={groupName ?? ''}
        onChange={(text) => onChange(values, text.trim() === '' ? null : text)}
        errorMessage={errorAt('setValuesGroupName')}
        isDisabled={isDisabled}
        description="Exact group name. Empty: the values apply to every user this mapping matches."
      />
    </fieldset>
  );
}
