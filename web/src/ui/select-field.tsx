import {
  Button as AriaButton,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  type Key,
} from 'react-aria-components';

export interface SelectFieldProps {
  label: string;
  /** The form field this submits as (a hidden input carries the chosen id). */
  name: string;
  options: { id: string; label: string }[];
  defaultValue?: string;
  isDisabled?: boolean;
}

/** A labelled drop-down list that works with the keyboard and screen readers. */
export function SelectField({ label, name, options, defaultValue, isDisabled }: SelectFieldProps) {
  return (
    <Select
      className="field"
      name={name}
      validationBehavior="aria"
      {...(defaultValue !== undefined ? { defaultValue: defaultValue as Key } : {})}
      {...(isDisabled ? { isDisabled } : {})}
    >
      <Label className="field-label">{label}</Label>
      <AriaButton className="field-input select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
