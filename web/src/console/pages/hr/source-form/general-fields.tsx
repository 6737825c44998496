import { listCustomers } from '../../../../../../src/contracts/api/customers.js';
import type { OnboardingConfigView } from '../../../../../../src/contracts/api/requests.js';
import { HR_SOURCE_KINDS, type HrSourceKind } from '../../../../../../src/contracts/hr/source.js';
import { useApi } from '../../../../lib/api-context.js';
import { ComboPicker } from '../../../../ui/combo-picker.js';
import { RadioField } from '../../../../ui/radio.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { KIND_LABELS } from '../labels.js';
import type { SourceDraftProps } from './draft.js';

const KIND_DESCRIPTIONS: Record<HrSourceKind, string> = {
  csv: 'one row per contract; uploaded here or picked up from a folder',
  json: 'read page by page from an HTTPS API',
  scim: 'the HR system pushes users to Rollcall',
};

export interface GeneralFieldsProps extends SourceDraftProps {
  /** Editing a saved source: kind and customer stay as they are. */
  saved: boolean;
  /** The chosen customer's tenants and verified domains (request settings), once loaded. */
  customerConfig: OnboardingConfigView | undefined;
}

/** Name, kind, and where accounts are made: customer, tenant, domain and usage location. */
export function GeneralFields({ draft, change, errors, saved, customerConfig }: GeneralFieldsProps) {
  const call = useApi();
  const tenants = customerConfig?.tenants ?? [];
  const domains = customerConfig?.verifiedDomains ?? null;
  const domainOptions = [...new Set([...(domains ?? []), ...(draft.domain ? [draft.domain] : [])])];
  return (
    <fieldset className="stack">
      <legend className="field-label">Source</legend>
      <div className="columns-2">
        <TextField
          label="Name"
          value={draft.name}
          onChange={(name) => change({ name })}
          errorMessage={errors.name}
          description="E.g. “Contoso HR export”."
        />
        <RadioField
          label="Kind"
          value={draft.kind}
          onChange={(kind) => change({ kind })}
          isDisabled={saved}
          options={HR_SOURCE_KINDS.map((k) => ({
            id: k,
            label: `${KIND_LABELS[k]}: ${KIND_DESCRIPTIONS[k]}`,
          }))}
          {...(saved ? { description: 'The kind cannot change after the source is added.' } : {})}
        />
        <ComboPicker
          label="Customer"
          sourceKey="hr-source-customers"
          value={draft.customerId}
          valueLabel={draft.customerName}
          isDisabled={saved}
          onChange={(option) =>
            change({
              customerId: option?.id ?? null,
              customerName: option?.label ?? '',
              tenantId: null,
              domain: '',
            })
          }
          search={async (text, signal) => {
            const page = await call(listCustomers, {
              query: { search: text, limit: 20, sort: 'name' },
              signal,
            });
            return page.items.map((c) => ({ id: c.id, label: c.name }));
          }}
          errorMessage={errors.customerId}
          {...(saved ? { description: 'The customer cannot change after the source is added.' } : {})}
        />
        <SelectField
          label="Tenant"
          value={draft.tenantId}
          onChange={(tenantId) => change({ tenantId })}
          isDisabled={!draft.customerId}
          options={tenants.map((t) => ({ id: t.tenantId, label: t.name, description: t.connectionName }))}
          placeholder={
            !draft.customerId ? 'Choose a customer first' : tenants.length ? 'Choose…' : 'No tenant'
          }
          description="The customer’s Entra tenant where the accounts are made."
          errorMessage={errors.tenantId}
        />
        {domains && domains.length > 0 ? (
          <SelectField
            label="Domain"
            value={draft.domain || null}
            onChange={(domain) => change({ domain })}
            options={domainOptions.map((d) => ({ id: d, label: d }))}
            description="A verified domain of the tenant: the accounts’ sign-in name and e-mail end with it."
            errorMessage={errors.domain}
          />
        ) : (
          <TextField
            label="Domain"
            value={draft.domain}
            onChange={(domain) => change({ domain })}
            description="A verified domain of the tenant, e.g. contoso.com."
            errorMessage={errors.domain}
          />
        )}
        <TextField
          label="Usage location"
          value={draft.usageLocation}
          onChange={(usageLocation) => change({ usageLocation })}
          description="Two-letter country set on new accounts (licences need one)."
          errorMessage={errors.usageLocation}
        />
      </div>
    </fieldset>
  );
}
