import {
  EMAIL_FORMAT_LABELS,
  EMAIL_FORMATS,
  MAX_NAMING_NUMBER,
  NAMING_FALLBACK_LABELS,
  NAMING_FALLBACKS,
  type EmailFormat,
} from '../../../../../../src/contracts/onboarding/naming.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { NumberField } from '../../../../ui/number-field.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import type { SourceDraftProps } from './draft.js';

/**
 * The address convention of the source's accounts (the same convention as request settings): the
 * format, its custom pattern, and the fallbacks tried in the listed order when an address is taken.
 */
export function NamingFields({ draft, change, errors }: SourceDraftProps) {
  const naming = draft.naming;
  const setNaming = (patch: Partial<typeof naming>) => change({ naming: { ...naming, ...patch } });
  return (
    <fieldset className="stack">
      <legend className="field-label">Naming convention</legend>
      <div className="columns-2">
        <SelectField
          label="Address format"
          value={naming.format}
          onChange={(format) => setNaming({ format: format as EmailFormat })}
          options={EMAIL_FORMATS.map((f) => ({ id: f, label: EMAIL_FORMAT_LABELS[f] }))}
          errorMessage={errors['naming.format']}
        />
        {naming.format === 'custom' ? (
          <TextField
            label="Custom pattern"
            value={naming.customPattern}
            onChange={(customPattern) => setNaming({ customPattern })}
            description="Tokens {first}, {last}, {middle}, {initials}; {first:1} keeps the first letter."
            errorMessage={errors['naming.customPattern']}
          />
        ) : null}
        <NumberField
          label="Highest number tried"
          value={naming.maxNumber}
          onChange={(n) => setNaming({ maxNumber: Number.isNaN(n) ? 2 : n })}
          minValue={2}
          maxValue={MAX_NAMING_NUMBER}
          errorMessage={errors['naming.maxNumber']}
        />
      </div>
      <div className="stack" role="group" aria-label="When the address is taken">
        <span className="field-label">When the address is taken, try</span>
        {NAMING_FALLBACKS.map((f) => (
          <Checkbox
            key={f}
            isSelected={naming.fallbacks.includes(f)}
            onChange={(on) =>
              setNaming({
                fallbacks: on
                  ? NAMING_FALLBACKS.filter((x) => x === f || naming.fallbacks.includes(x))
                  : naming.fallbacks.filter((x) => x !== f),
              })
            }
          >
            {NAMING_FALLBACK_LABELS[f]}
          </Checkbox>
        ))}
        {errors['naming.fallbacks'] ? <p className="field-error">{errors['naming.fallbacks']}</p> : null}
      </div>
    </fieldset>
  );
}
