import {
  EMAIL_FORMAT_LABELS,
  EMAIL_FORMATS,
  MAX_NAMING_NUMBER,
  NAMING_FALLBACK_LABELS,
  NAMING_FALLBACKS,
  type EmailFormat,
  type NamingFallback,
} from '../../../../../src/contracts/onboarding/naming.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { NumberField } from '../../../ui/number-field.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import type { DraftProps } from './draft.js';

function moved<T>(list: T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item as T);
  return next;
}

/** The naming convention: the format, its custom pattern, fallbacks in order, and the formats requesters may pick. */
export function NamingEditor({ draft, change, errors }: DraftProps) {
  const naming = draft.naming;
  const setNaming = (patch: Partial<typeof naming>) => change({ naming: { ...naming, ...patch } });
  const unused = NAMING_FALLBACKS.filter((f) => !naming.fallbacks.includes(f));
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
            description="Tokens {first}, {last}, {middle}, {initials}; {first:1} keeps the first letter. E.g. {first:1}{last}."
            errorMessage={errors['naming.customPattern']}
          />
        ) : null}
        <NumberField
          label="Highest number tried"
          value={naming.maxNumber}
          onChange={(maxNumber) => setNaming({ maxNumber: Number.isNaN(maxNumber) ? 2 : maxNumber })}
          minValue={2}
          maxValue={MAX_NAMING_NUMBER}
          description="For the “add a number” fallback (jane.doe2 … jane.doeN)."
          errorMessage={errors['naming.maxNumber']}
        />
      </div>
      <table className="edit-table" aria-label="Fallbacks in order">
        <thead>
          <tr>
            <th scope="col">When the address is taken, try in order</th>
            <th scope="col">
              <span className="visually-hidden">Order</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {naming.fallbacks.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">
                No fallbacks: a taken address stops the request until someone changes the name.
              </td>
            </tr>
          ) : null}
          {naming.fallbacks.map((f: NamingFallback, index) => (
            <tr key={f}>
              <th scope="row">
                {index + 1}. {NAMING_FALLBACK_LABELS[f]}
              </th>
              <td className="nowrap">
                <Button
                  variant="quiet"
                  aria-label={`Move ${f} up`}
                  isDisabled={index === 0}
                  onPress={() => setNaming({ fallbacks: moved(naming.fallbacks, index, -1) })}
                >
                  ↑
                </Button>
                <Button
                  variant="quiet"
                  aria-label={`Move ${f} down`}
                  isDisabled={index === naming.fallbacks.length - 1}
                  onPress={() => setNaming({ fallbacks: moved(naming.fallbacks, index, 1) })}
                >
                  ↓
                </Button>
                <Button
                  variant="quiet"
                  aria-label={`Remove fallback ${f}`}
                  onPress={() => setNaming({ fallbacks: naming.fallbacks.filter((x) => x !== f) })}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors['naming.fallbacks'] ? <p className="field-error">{errors['naming.fallbacks']}</p> : null}
      {unused.length ? (
        <div className="toolbar">
          {unused.map((f) => (
            <Button key={f} onPress={() => setNaming({ fallbacks: [...naming.fallbacks, f] })}>
              {`Add: ${NAMING_FALLBACK_LABELS[f]}`}
            </Button>
          ))}
        </div>
      ) : null}
      <div className="stack" role="group" aria-label="Formats requesters may pick">
        <span className="field-label">Formats requesters may pick</span>
        <p className="field-description">None ticked: the form uses the address format above.</p>
        {EMAIL_FORMATS.map((f) => (
          <Checkbox
            key={f}
            isSelected={draft.emailFormatsOffered.includes(f)}
            onChange={(on) =>
              change({
                emailFormatsOffered: on
                  ? EMAIL_FORMATS.filter((x) => x === f || draft.emailFormatsOffered.includes(x))
                  : draft.emailFormatsOffered.filter((x) => x !== f),
              })
            }
          >
            {EMAIL_FORMAT_LABELS[f]}
          </Checkbox>
        ))}
        {errors.emailFormatsOffered ? <p className="field-error">{errors.emailFormatsOffered}</p> : null}
      </div>
    </fieldset>
  );
}
