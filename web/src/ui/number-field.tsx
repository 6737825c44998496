import {
  FieldError,
  Group,
  Input,
  Label,
  NumberField as AriaNumberField,
  Text,
  type NumberFieldProps as AriaNumberFieldProps,
} from 'react-aria-components';

export interface NumberFieldProps extends Omit<AriaNumberFieldProps, 'children' | 'className'> {
  label: string;
  description?: string;
  errorMessage?: string | undefined;
}

/** A labelled whole-number input (typing, arrow keys, the wheel); errors announced with it. */
export function NumberField({ label, description, errorMessage, ...props }: NumberFieldProps) {
  return (
    <AriaNumberField
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: 0, useGrouping: false }}
      {...props}
      {...(errorMessage ? { isInvalid: true } : {})}
      className="field"
    >
      <Label className="field-label">{label}</Label>
      <Group>
        <Input className="field-input field-input-number" />
      </Group>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaNumberField>
  );
}
