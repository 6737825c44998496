import { Checkbox } from '../../../../ui/checkbox.js';
import { NumberField } from '../../../../ui/number-field.js';
import { RadioField } from '../../../../ui/radio.js';
import type { SourceDraftProps } from './draft.js';

const orNull = (n: number) => (Number.isNaN(n) ? null : n);
const orZero = (n: number) => (Number.isNaN(n) ? 0 : n);

/** When joiners are created and enabled and leavers deleted, and what a leaver and a rename do. */
export function LifecycleFields({ draft, change, errors }: SourceDraftProps) {
  return (
    <fieldset className="stack">
      <legend className="field-label">Lifecycle</legend>
      <div className="columns-2">
        <div className="stack">
          <RadioField
            label="Create the account"
            value={draft.createAsSoonAsKnown ? 'known' : 'days'}
            onChange={(v) => change({ createAsSoonAsKnown: v === 'known' })}
            options={[
              { id: 'known', label: 'As soon as the person is known' },
              { id: 'days', label: 'A number of days before the start date' },
            ]}
            description="Created with sign-in blocked."
          />
          {draft.createAsSoonAsKnown ? null : (
            <NumberField
              label="Days before the start date to create"
              value={draft.createDaysBeforeStart}
              onChange={(n) => change({ createDaysBeforeStart: orZero(n) })}
              minValue={0}
              maxValue={365}
              errorMessage={errors['lifecycle.createDaysBeforeStart']}
            />
          )}
        </div>
        <NumberField
          label="Days before the start date to allow sign-in"
          value={draft.enableDaysBeforeStart}
          onChange={(n) => change({ enableDaysBeforeStart: orZero(n) })}
          minValue={0}
          maxValue={90}
          description="0: on the start date."
          errorMessage={errors['lifecycle.enableDaysBeforeStart']}
        />
        <div className="stack">
          <RadioField
            label="After the end date"
            value={draft.deleteNever ? 'never' : 'days'}
            onChange={(v) => change({ deleteNever: v === 'never' })}
            options={[
              { id: 'never', label: 'Never delete (sign-in stays blocked)' },
              { id: 'days', label: 'Delete the account after a number of days' },
            ]}
          />
          {draft.deleteNever ? null : (
            <NumberField
              label="Days after the end date to delete"
              value={draft.deleteAfterDays}
              onChange={(n) => change({ deleteAfterDays: orZero(n) })}
              minValue={0}
              maxValue={3650}
              errorMessage={errors['lifecycle.deleteAfterDays']}
            />
          )}
        </div>
        <div className="stack">
          <Checkbox
            isSelected={draft.revokeSessionsOnLeave}
            onChange={(revokeSessionsOnLeave) => change({ revokeSessionsOnLeave })}
          >
            Sign leavers out everywhere when blocking them
          </Checkbox>
          <Checkbox
            isSelected={draft.renameOnNameChange}
            onChange={(renameOnNameChange) => change({ renameOnNameChange })}
          >
            Rename the address when the name changes (the old one stays an alias)
          </Checkbox>
        </div>
      </div>
    </fieldset>
  );
}

/** Limits past which an import is held until an administrator confirms it; each may be left empty. */
export function ThresholdFields({ draft, change, errors }: SourceDraftProps) {
  return (
    <fieldset className="stack">
      <legend className="field-label">Import thresholds</legend>
      <p className="field-description">
        An import that would add or remove more persons than this is held until someone confirms it. Leave a
        field empty for no limit.
      </p>
      <div className="columns-2">
        <NumberField
          label="Most persons added"
          value={draft.maxAdds ?? Number.NaN}
          onChange={(n) => change({ maxAdds: orNull(n) })}
          minValue={0}
          errorMessage={errors['thresholds.maxAdds']}
        />
        <NumberField
          label="Most persons removed"
          value={draft.maxRemoves ?? Number.NaN}
          onChange={(n) => change({ maxRemoves: orNull(n) })}
          minValue={0}
          errorMessage={errors['thresholds.maxRemoves']}
        />
        <NumberField
          label="Most change (% of persons)"
          value={draft.maxChangePercent ?? Number.NaN}
          onChange={(n) => change({ maxChangePercent: orNull(n) })}
          minValue={0}
          maxValue={100}
          errorMessage={errors['thresholds.maxChangePercent']}
        />
      </div>
    </fieldset>
  );
}
