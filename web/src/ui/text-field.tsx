import {
  FieldError,
  Input,
  Label,
  Text,
  TextField as AriaTextField,
  type TextFieldProps,
} from 'react-aria-components';

export interface FieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: string;
  placeholder?: string;
}

/**
 * A labelled text input. Errors come from the enclosing `Form`'s `validationErrors` (keyed by the
 * field's `name`) and are announced to screen readers with the field.
 */
export function TextField({ label, description, placeholder, ...props }: FieldProps) {
  return (
    <AriaTextField validationBehavior="aria" {...props} className="field">
      <Label className="field-label">{label}</Label>
      <Input className="field-input" placeholder={placeholder} />
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error" />
    </AriaTextField>
  );
}
