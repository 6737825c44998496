import { Radio as AriaRadio, Label, RadioGroup, Text } from 'react-aria-components';

/** One choice of a `RadioGroup`, with a visible dot (the input itself is visually hidden). */
export function Radio({ value, children }: { value: string; children: string }) {
  return (
    <AriaRadio value={value} className="checkbox radio">
      <span className="checkbox-box radio-dot" aria-hidden="true" />
      {children}
    </AriaRadio>
  );
}

export interface RadioFieldProps<K extends string> {
  label: string;
  value: K;
  onChange: (value: K) => void;
  options: { id: K; label: string }[];
  description?: string;
  isDisabled?: boolean;
}

/** A labelled, controlled set of choices (editors outside a `Form`). */
export function RadioField<K extends string>({
  label,
  value,
  onChange,
  options,
  description,
  isDisabled,
}: RadioFieldProps<K>) {
  return (
    <RadioGroup
      className="field"
      value={value}
      onChange={(v) => onChange(v as K)}
      isDisabled={isDisabled ?? false}
    >
      <Label className="field-label">{label}</Label>
      {options.map((o) => (
        <Radio key={o.id} value={o.id}>
          {o.label}
        </Radio>
      ))}
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
    </RadioGroup>
  );
}
