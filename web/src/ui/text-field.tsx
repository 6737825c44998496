import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField as AriaTextField,
  type TextFieldProps,
} from 'react-aria-components';

export interface FieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: string;
  placeholder?: string;
  /**
   * An error to show now (fields outside a `Form`, e.g. a configuration editor whose problems come
   * from the API); inside a `Form` errors come from its `validationErrors` instead.
   */
  errorMessage?: string | undefined;
  /** A text area of this many rows instead of a one-line input. */
  rows?: number;
  /** Keeps the label for screen readers only (a column header already says it). */
  labelHidden?: boolean;
}

/**
 * A labelled text input. Errors come from the enclosing `Form`'s `validationErrors` (keyed by the
 * field's `name`), or from `errorMessage`, and are announced to screen readers with the field.
 */
export function TextField({
  label,
  description,
  placeholder,
  errorMessage,
  rows,
  labelHidden,
  ...props
}: FieldProps) {
  return (
    <AriaTextField
      validationBehavior="aria"
      {...props}
      {...(errorMessage ? { isInvalid: true } : {})}
      className="field"
    >
      <Label className={labelHidden ? 'visually-hidden' : 'field-label'}>{label}</Label>
      {rows ? (
        <TextArea className="field-input" placeholder={placeholder} rows={rows} />
      ) : (
        <Input className="field-input" placeholder={placeholder} />
      )}
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
