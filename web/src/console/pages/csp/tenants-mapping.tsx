import { useState } from 'react';
import type { z } from 'zod';
import {
  deleteCspTenantMapping,
  saveCspTenantMapping,
  type CspTenantView,
} from '../../../../../src/contracts/api/csp-tenants.js';
import { listCustomers } from '../../../../../src/contracts/api/customers.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import { RadioField } from '../../../ui/radio.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { isForbidden } from './tenants-status.js';

/** The mapping endpoint's body schema (the contract always defines it). */
const MAPPING_BODY = (() => {
  const schema = saveCspTenantMapping.body;
  if (!schema) throw new Error('saveCspTenantMapping has no body schema');
  return schema;
})();
type MappingBody = z.input<typeof MAPPING_BODY>;
type TargetKind = 'customer' | 'doNotImport' | 'newCustomer';

const DEFAULT = 'default';
const RELATIONSHIP_OPTIONS = [
  { id: DEFAULT, label: 'Connection default' },
  { id: 'gdapAndDap', label: 'GDAP and DAP' },
  { id: 'gdapOnly', label: 'GDAP only' },
];
const LICENCE_OPTIONS = [
  { id: DEFAULT, label: 'Connection default' },
  { id: 'skus', label: 'Subscribed SKUs' },
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'both', label: 'Both' },
];
const RELATIONSHIP_LABELS: Record<string, string> = { gdapAndDap: 'GDAP and DAP', gdapOnly: 'GDAP only' };
const LICENCE_LABELS: Record<string, string> = {
  skus: 'subscribed SKUs',
  subscriptions: 'subscriptions',
  both: 'SKUs and subscriptions',
};

/** What a save answered, for the row's message. */
export interface MappingOutcome {
  tenant: CspTenantView;
  notes: string[];
}

/** Where the tenant goes now, in words, with its overrides. */
export function MappingSummary({ tenant }: { tenant: CspTenantView }) {
  const mapping = tenant.mapping;
  if (!mapping) return <span className="badge">Not mapped</span>;
  if (mapping.doNotImport) return <span className="badge">Do not import</span>;
  const overrides = [
    mapping.relationshipType ? RELATIONSHIP_LABELS[mapping.relationshipType] : null,
    mapping.licenceImportType ? `licences: ${LICENCE_LABELS[mapping.licenceImportType]}` : null,
    mapping.excludeFromIntune ? 'excluded from Intune assets' : null,
  ].filter(Boolean);
  return (
    <span className="stack">
      <span>
        <span className="badge badge-ok">✓ Mapped</span> {mapping.customerName ?? mapping.customerId}
      </span>
      {overrides.length > 0 ? <span className="muted">{overrides.join('; ')}</span> : null}
    </span>
  );
}

/** Saves a mapping; answers the API's failure (with its field errors) instead of throwing. */
export function useSaveMapping(connectionId: string, onForbidden: () => void) {
  const call = useApi();
  return async (
    tenantId: string,
    body: MappingBody,
  ): Promise<{ ok: true; outcome: MappingOutcome } | { ok: false; errors: FieldErrors; message: string }> => {
    const checked = validate(MAPPING_BODY, body);
    if (!checked.ok) return { ok: false, errors: checked.errors, message: 'See the fields marked.' };
    try {
      const outcome = await call(saveCspTenantMapping, {
        params: { id: connectionId, tenantId },
        body: checked.value,
      });
      return { ok: true, outcome };
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      const failure = describeFailure(cause);
      return { ok: false, errors: failure.fieldErrors, message: failure.message };
    }
  };
}

export interface MappingEditorProps {
  connectionId: string;
  tenant: CspTenantView;
  onSaved: (outcome: MappingOutcome | null) => void;
  onForbidden: () => void;
  close: () => void;
}

/**
 * A tenant's mapping (guide 002 "Tenants"): a desk customer, *Do not import*, or a new customer
 * made from the tenant (with the duplicate guard's confirmation), plus the per-mapping overrides.
 */
export function MappingEditor({ connectionId, tenant, onSaved, onForbidden, close }: MappingEditorProps) {
  const call = useApi();
  const save = useSaveMapping(connectionId, onForbidden);
  const mapping = tenant.mapping;
  const [kind, setKind] = useState<TargetKind>(mapping?.doNotImport ? 'doNotImport' : 'customer');
  const [customer, setCustomer] = useState<{ id: string; label: string } | null>(
    mapping?.customerId
      ? { id: mapping.customerId, label: mapping.customerName ?? mapping.customerId }
      : null,
  );
  const [newName, setNewName] = useState(tenant.name);
  const [relationshipType, setRelationshipType] = useState(mapping?.relationshipType ?? DEFAULT);
  const [licenceImportType, setLicenceImportType] = useState(mapping?.licenceImportType ?? DEFAULT);
  const [excludeFromIntune, setExcludeFromIntune] = useState(mapping?.excludeFromIntune ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const target = (confirmDuplicate: boolean): MappingBody['target'] =>
    kind === 'customer'
      ? // An empty id lets the contract name the missing choice.
        { kind, customerId: customer?.id ?? '' }
      : kind === 'doNotImport'
        ? { kind }
        : { kind, name: newName.trim(), confirmDuplicate };

  async function submit(confirmDuplicate: boolean) {
    setBusy(true);
    setMessage(null);
    const result = await save(tenant.tenantId, {
      target: target(confirmDuplicate),
      relationshipType: relationshipType === DEFAULT ? null : (relationshipType as 'gdapAndDap' | 'gdapOnly'),
      licenceImportType:
        licenceImportType === DEFAULT ? null : (licenceImportType as 'skus' | 'subscriptions' | 'both'),
      excludeFromIntune,
    });
    setBusy(false);
    if (result.ok) {
      onSaved(result.outcome);
      close();
      return;
    }
    setErrors(result.errors);
    // The duplicate guard: a customer like this exists; a person confirms before one more is made.
    if (result.errors['target.confirmDuplicate']) setDuplicate(result.message);
    else setMessage(result.message);
  }

  async function remove() {
    setBusy(true);
    try {
      await call(deleteCspTenantMapping, { params: { id: connectionId, tenantId: tenant.tenantId } });
      onSaved(null);
      close();
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      setMessage(describeFailure(cause).message);
    }
    setBusy(false);
  }

  return (
    <div className="stack">
      <p>
        Tenant <strong>{tenant.name}</strong>
        {tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''}{' '}
        <span className="code">{tenant.tenantId}</span>
      </p>
      <RadioField<TargetKind>
        label="Map this tenant to"
        value={kind}
        onChange={(next) => {
          setKind(next);
          setDuplicate(null);
          setErrors({});
        }}
        options={[
          { id: 'customer', label: 'An existing customer' },
          { id: 'doNotImport', label: 'Do not import' },
          { id: 'newCustomer', label: 'Create a new customer from this tenant' },
        ]}
      />
      {kind === 'customer' ? (
        <>
          <ComboPicker
            label="Customer"
            sourceKey="csp-mapping-customers"
            value={customer?.id ?? null}
            valueLabel={customer?.label}
            onChange={(option) => setCustomer(option)}
            search={async (text, signal) => {
              const page = await call(listCustomers, {
                query: { search: text, limit: 20, sort: 'name' },
                signal,
              });
              return page.items.map((c) => ({ id: c.id, label: c.name }));
            }}
            description="Several tenants may map to one customer."
            errorMessage={errors['target.customerId'] ?? errors.target}
          />
          {tenant.suggestions.length > 0 ? (
            <div className="stack">
              <p className="muted">Suggested (confirm before using):</p>
              {tenant.suggestions.map((s) => (
                <div className="toolbar" key={s.customerId}>
                  <span>
                    {s.customerName} — {s.reason}
                  </span>
                  <Button
                    variant="quiet"
                    aria-label={`Choose suggested customer ${s.customerName}`}
                    onPress={() => setCustomer({ id: s.customerId, label: s.customerName })}
                  >
                    Choose
                  </Button>
                </div>
              ))}
            </div>
          ) : null}
        </>
      ) : kind === 'newCustomer' ? (
        <TextField
          label="New customer's name"
          description="Default: the tenant's name. Check there is no customer for this tenant already."
          value={newName}
          onChange={setNewName}
          errorMessage={errors['target.name']}
        />
      ) : (
        <p className="muted">
          Nothing is imported from this tenant; it stays in the list, marked Do not import.
        </p>
      )}
      {kind !== 'doNotImport' ? (
        <fieldset className="stack">
          <legend>Overrides for this tenant</legend>
          <SelectField
            label="Relationship type"
            options={RELATIONSHIP_OPTIONS}
            value={relationshipType}
            onChange={setRelationshipType}
            errorMessage={errors.relationshipType}
          />
          <SelectField
            label="Licence import type"
            options={LICENCE_OPTIONS}
            value={licenceImportType}
            onChange={setLicenceImportType}
            errorMessage={errors.licenceImportType}
          />
          <Checkbox isSelected={excludeFromIntune} onChange={setExcludeFromIntune}>
            Exclude this tenant from the Intune asset import
          </Checkbox>
          {errors.excludeFromIntune ? <p className="field-error">{errors.excludeFromIntune}</p> : null}
        </fieldset>
      ) : null}
      {duplicate ? (
        <Alert tone="warning" title="This may duplicate a customer">
          <p>{duplicate}</p>
          <div className="toolbar">
            <Button variant="danger" isPending={busy} onPress={() => void submit(true)}>
              Create the customer anyway
            </Button>
          </div>
        </Alert>
      ) : null}
      {message ? <Alert>{message}</Alert> : null}
      <div className="toolbar">
        <Button variant="primary" isPending={busy} onPress={() => void submit(false)}>
          Save mapping
        </Button>
        {mapping ? (
          <Button variant="quiet" isDisabled={busy} onPress={() => void remove()}>
            Remove mapping
          </Button>
        ) : null}
        <Button variant="quiet" isDisabled={busy} onPress={close}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
