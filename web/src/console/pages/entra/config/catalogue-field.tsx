import {
  CUSTOM_FIELD_PREFIX,
  DESK_AGENT_FIELDS,
  DESK_USER_FIELDS,
  ENTRA_USER_FIELDS,
} from '../../../../../../src/contracts/entra/index.js';
import { SelectField, type SelectOption } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { CustomFieldPicker } from './custom-field-picker.js';

const EXTENSION = '__extension';
const CUSTOM = '__custom';

const ENTRA_OPTIONS: SelectOption[] = [
  ...ENTRA_USER_FIELDS.map((f) => ({ id: f, label: f })),
  { id: EXTENSION, label: 'Directory extension…' },
];
const DESK_USER_OPTIONS: SelectOption[] = [
  ...DESK_USER_FIELDS.map((f) => ({ id: f, label: f })),
  { id: CUSTOM, label: 'Custom field…' },
];
const DESK_AGENT_OPTIONS: SelectOption[] = DESK_AGENT_FIELDS.map((f) => ({ id: f, label: f }));

export type Catalogue = 'entra' | 'deskUser' | 'deskAgent';

export interface CatalogueFieldProps {
  catalogue: Catalogue;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errorMessage?: string | undefined;
  isDisabled?: boolean;
  /** In a table whose column header names it already. */
  labelHidden?: boolean;
  description?: string;
}

/**
 * One field of a catalogue of the contracts (Entra user properties, desk user or agent fields),
 * plus what the catalogue leaves open: directory extensions (`extension_<app>_<name>`, typed) for
 * Entra, custom fields (`custom.<name>`, picked from the lookups) for desk users.
 */
export function CatalogueField(props: CatalogueFieldProps) {
  const { catalogue, value, onChange } = props;
  const known = (list: readonly string[]) => list.includes(value);
  let options = DESK_AGENT_OPTIONS;
  let selected: string | null = value || null;
  let other: { label: string; text: string; toValue: (text: string) => string; description: string } | null =
    null;
  let customField: string | null = null;
  if (catalogue === 'entra') {
    options = ENTRA_OPTIONS;
    if (value && !known(ENTRA_USER_FIELDS)) {
      selected = EXTENSION;
      other = {
        label: `${props.label}: extension name`,
        text: value,
        toValue: (text) => text.trim(),
        description: 'extension_<app id without dashes>_<name>',
      };
    }
  } else if (catalogue === 'deskUser') {
    options = DESK_USER_OPTIONS;
    if (value.startsWith(CUSTOM_FIELD_PREFIX)) {
      selected = CUSTOM;
      customField = value.slice(CUSTOM_FIELD_PREFIX.length);
    }
  }
  return (
    <div className="stack">
      <SelectField
        label={props.label}
        options={options}
        value={selected}
        onChange={(id) =>
          onChange(id === EXTENSION ? 'extension_' : id === CUSTOM ? CUSTOM_FIELD_PREFIX : id)
        }
        isDisabled={props.isDisabled ?? false}
        labelHidden={props.labelHidden ?? false}
        errorMessage={other || customField !== null ? undefined : props.errorMessage}
        {...(props.description ? { description: props.description } : {})}
      />
      {other ? (
        <TextField
          label={other.label}
          value={other.text}
          onChange={(text) => other && onChange(other.toValue(text))}
          description={other.description}
          errorMessage={props.errorMessage}
          isDisabled={props.isDisabled ?? false}
        />
      ) : null}
      {customField !== null ? (
        <CustomFieldPicker
          label={`${props.label}: custom field`}
          value={customField}
          onChange={(name) => onChange(`${CUSTOM_FIELD_PREFIX}${name}`)}
          errorMessage={props.errorMessage}
          isDisabled={props.isDisabled ?? false}
        />
      ) : null}
    </div>
  );
}
