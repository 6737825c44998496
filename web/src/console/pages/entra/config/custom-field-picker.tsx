import { createCustomField } from '../../../../../../src/contracts/api/custom-fields.js';
import { useMe } from '../../../../auth/session.js';
import { bodySchemaOf } from '../../../../lib/api.js';
import { useApi } from '../../../../lib/api-context.js';
import { can } from '../../../../lib/permissions.js';
import { useFormSubmit } from '../../../../lib/use-form-submit.js';
import { ComboPicker } from '../../../../ui/combo-picker.js';
import { DialogButton } from '../../../../ui/dialog.js';
import { FormBody } from '../../../../ui/form-body.js';
import { TextField } from '../../../../ui/text-field.js';
import { useLookups } from './lookups.js';
import { matching } from './pickers.js';

export interface CustomFieldPickerProps {
  label: string;
  /** The field's name (what follows `custom.`), or '' when none is chosen yet. */
  value: string;
  onChange: (name: string) => void;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
}

function NewCustomFieldForm({ close, onCreated }: { close: () => void; onCreated: (name: string) => void }) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(createCustomField),
    send: (body) => call(createCustomField, { body }),
    onDone: (field) => {
      close();
      onCreated(field.name);
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Create custom field" label="New custom field" onCancel={close}>
      <TextField
        label="Name"
        name="name"
        autoFocus
        description="Letters, digits, _ and -, such as cost_centre. Mappings write to custom.<name>."
      />
      <TextField label="Label" name="label" description="What people read, such as Cost centre." />
    </FormBody>
  );
}

/**
 * A custom field of desk users, by label or name (a field mapping may only write one that
 * exists). Those who may configure the integration can create one on the spot.
 */
export function CustomFieldPicker(props: CustomFieldPickerProps) {
  const me = useMe();
  const { records } = useLookups();
  const fields = records.data?.customFields;
  const options = (fields ?? []).map((f) => ({ id: f.name, label: `${f.label} (${f.name})` }));
  const saved = props.value
    ? fields?.find((f) => f.name.toLowerCase() === props.value.toLowerCase())
    : undefined;
  const value = saved?.name ?? (props.value || null);
  const valueLabel = saved
    ? `${saved.label} (${saved.name})`
    : props.value && fields
      ? `Unknown custom field (${props.value})`
      : undefined;
  return (
    <div className="stack">
      <ComboPicker
        label={props.label}
        sourceKey={`entra-lookups:custom-fields:${options.length}`}
        value={value}
        valueLabel={valueLabel}
        onChange={(option) => option && props.onChange(option.id)}
        search={async (text) => matching(options, text)}
        placeholder="Type the field’s label or name…"
        errorMessage={props.errorMessage ?? records.error?.message}
        isDisabled={props.isDisabled ?? false}
      />
      {!props.isDisabled && can(me, 'integrations.entra.configure') ? (
        <DialogButton label="New custom field" title="New custom field" variant="quiet">
          {(close) => (
            <NewCustomFieldForm
              close={close}
              onCreated={(name) => {
                records.reload();
                props.onChange(name);
              }}
            />
          )}
        </DialogButton>
      ) : null}
    </div>
  );
}
