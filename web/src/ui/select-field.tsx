import {
  Button as AriaButton,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  type Key,
} from 'react-aria-components';

export interface SelectOption {
  id: string;
  label: string;
  /** A line under the label in the list, saying what choosing it does. */
  description?: string;
}

export interface SelectFieldProps {
  label: string;
  /** The form field this submits as (a hidden input carries the chosen id). */
  name?: string;
  options: SelectOption[];
  defaultValue?: string;
  /** Controlled use (editors outside a `Form`): the chosen id and what to do on a change. */
  value?: string | null;
  onChange?: (id: string) => void;
  isDisabled?: boolean;
  /** Keeps the label for screen readers only (a column header already says it). */
  labelHidden?: boolean;
  description?: string;
  placeholder?: string;
  errorMessage?: string | undefined;
}

/** A labelled drop-down list that works with the keyboard and screen readers. */
export function SelectField(props: SelectFieldProps) {
  const { label, name, options, defaultValue, value, onChange, isDisabled, errorMessage } = props;
  const described = options.some((o) => o.description);
  return (
    <Select
      className="field"
      validationBehavior="aria"
      placeholder={props.placeholder ?? 'Choose…'}
      {...(name ? { name } : {})}
      {...(defaultValue !== undefined ? { defaultValue: defaultValue as Key } : {})}
      {...(value !== undefined ? { value: value as Key | null } : {})}
      {...(onChange ? { onChange: (key: Key | null) => key !== null && onChange(String(key)) } : {})}
      {...(isDisabled ? { isDisabled } : {})}
      {...(errorMessage ? { isInvalid: true } : {})}
    >
      <Label className={props.labelHidden ? 'visually-hidden' : 'field-label'}>{label}</Label>
      <AriaButton className="field-input select-button">
        {described ? (
          // The chosen option's label only: its description is for the list.
          <SelectValue>
            {({ isPlaceholder, selectedText, defaultChildren }) =>
              isPlaceholder ? defaultChildren : selectedText
            }
          </SelectValue>
        ) : (
          <SelectValue />
        )}
        <span aria-hidden="true">▾</span>
      </AriaButton>
      {props.description ? (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.description ? (
                <>
                  <Text slot="label">{option.label}</Text>
                  <Text slot="description" className="listbox-item-description">
                    {option.description}
                  </Text>
                </>
              ) : (
                option.label
              )}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
