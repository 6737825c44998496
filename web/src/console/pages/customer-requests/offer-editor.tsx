import { useState } from 'react';
import type { OnboardingConfigView } from '../../../../../src/contracts/api/requests.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { listError, type DraftProps } from './draft.js';

type Props = DraftProps & { view: OnboardingConfigView };

const toggled = <T,>(list: T[], item: T, on: boolean) =>
  on ? [...list, item] : list.filter((x) => x !== item);

function ListError({ message }: { message: string | undefined }) {
  return message ? <p className="field-error">{message}</p> : null;
}

/** The tenant where users are created, and the groups offered on the form (each checked against it). */
export function TenantAndGroups({ view, draft, change, errors }: Props) {
  const [adding, setAdding] = useState('');
  const warningOf = (name: string) =>
    view.groups.find((g) => g.name.toLowerCase() === name.toLowerCase())?.warning ?? null;
  const add = () => {
    const name = adding.trim();
    if (!name || draft.groups.some((g) => g.toLowerCase() === name.toLowerCase())) return;
    change({ groups: [...draft.groups, name] });
    setAdding('');
  };
  return (
    <fieldset className="stack">
      <legend className="field-label">Tenant and groups</legend>
      {view.tenants.length === 0 ? (
        <p className="field-warning">
          This customer has no Microsoft tenant the desk can write to: connect it (Microsoft Entra ID) or map
          it from Microsoft CSP first.
        </p>
      ) : null}
      <SelectField
        label="Tenant"
        value={draft.tenantId}
        onChange={(tenantId) => change({ tenantId })}
        options={view.tenants.map((t) => ({
          id: t.tenantId,
          label: t.name,
          description: `${t.connectionName} · ${t.tenantId}`,
        }))}
        description="Where new starters’ accounts are created."
        errorMessage={errors.tenantId}
      />
      <table className="edit-table" aria-label="Groups offered">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Check</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.groups.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                No groups yet: add the Entra group names the form should offer.
              </td>
            </tr>
          ) : null}
          {draft.groups.map((name, index) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                {errors[`groups.${index}`] ? (
                  <span className="field-error">{errors[`groups.${index}`]}</span>
                ) : warningOf(name) ? (
                  <span className="field-warning">{warningOf(name)}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <Button
                  variant="quiet"
                  aria-label={`Remove group ${name}`}
                  onPress={() => change({ groups: draft.groups.filter((g) => g !== name) })}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ListError message={listError(errors, 'groups')} />
      <div className="toolbar">
        <TextField
          label="Group name"
          value={adding}
          onChange={setAdding}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <Button onPress={add} isDisabled={adding.trim() === ''}>
          Add group
        </Button>
      </div>
    </fieldset>
  );
}

/** The licences offered (from the customer's imported licences) and the domains new addresses may use. */
export function LicencesAndDomains({ view, draft, change, errors }: Props) {
  const [typedDomains, setTypedDomains] = useState(draft.allowedDomains.join('\n'));
  const domainChoices = view.verifiedDomains
    ? [...new Set([...view.verifiedDomains, ...draft.allowedDomains])]
    : null;
  return (
    <fieldset className="stack">
      <legend className="field-label">Licences and domains</legend>
      {draft.tenantId && draft.tenantId !== view.tenantId ? (
        <p className="field-description">
          The licences and verified domains listed are the saved tenant’s: save with this tenant chosen to
          list its own.
        </p>
      ) : null}
      <div className="stack" role="group" aria-label="Licences offered">
        <span className="field-label">Licences offered</span>
        {view.licences.length === 0 ? (
          <p className="muted">
            No licences imported for this customer yet (the Entra connection’s licences module).
          </p>
        ) : null}
        {view.licences.map((l) => (
          <Checkbox
            key={l.skuId}
            isSelected={draft.licences.includes(l.skuId)}
            onChange={(on) => change({ licences: toggled(draft.licences, l.skuId, on) })}
          >
            {`${l.name}${l.available === null ? '' : ` (${l.available} free)`}${l.found ? '' : ' — no longer in the tenant'}`}
          </Checkbox>
        ))}
        <ListError message={errors.licences} />
      </div>
      {domainChoices ? (
        <div className="stack" role="group" aria-label="Allowed domains">
          <span className="field-label">Allowed domains</span>
          {domainChoices.map((d) => (
            <Checkbox
              key={d}
              isSelected={draft.allowedDomains.includes(d)}
              onChange={(on) => change({ allowedDomains: toggled(draft.allowedDomains, d, on) })}
            >
              {view.verifiedDomains?.includes(d) ? d : `${d} (not verified in the tenant)`}
            </Checkbox>
          ))}
          <ListError message={errors.allowedDomains} />
        </div>
      ) : (
        <TextField
          label="Allowed domains"
          rows={3}
          value={typedDomains}
          onChange={(text) => {
            setTypedDomains(text);
            change({
              allowedDomains: text
                .split(/[\s,;]+/)
                .map((d) => d.trim())
                .filter(Boolean),
            });
          }}
          description="One per line; Microsoft could not be asked for the tenant’s verified domains. The first is the form’s default."
          errorMessage={errors.allowedDomains}
        />
      )}
    </fieldset>
  );
}
