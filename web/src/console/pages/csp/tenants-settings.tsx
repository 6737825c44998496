import { useState } from 'react';
import type { z } from 'zod';
import {
  cspTenantSettingsSchema,
  getCspTenantSettings,
  updateCspTenantSettings,
  type CspTenantSettings,
} from '../../../../../src/contracts/api/csp-tenants.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { Loading } from '../../../ui/loading.js';
import { RadioField } from '../../../ui/radio.js';
import { isForbidden } from './tenants-status.js';

type SettingsView = z.infer<typeof getCspTenantSettings.response>;
type Notice = { tone: 'success' | 'error'; text: string } | null;

/** Guide 002's caution for "Create new customers from tenants (Halo Integrator only)". */
export const DUPLICATE_WARNING =
  'Caution: the customer is given the name of the Microsoft tenant, which may not be the name you want. If the customer already exists (created by a CRM process or another integration), this may create a duplicate; a tenant that looks like an existing customer is left unmapped, with the reason in its last error.';

function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

function SettingsForm({
  connectionId,
  view,
  readOnly,
  onSaved,
  onForbidden,
  message,
  setMessage,
}: {
  connectionId: string;
  view: SettingsView;
  readOnly: boolean;
  onSaved: () => void;
  onForbidden: () => void;
  /** Kept by the card: a save reloads the settings, and the form with them. */
  message: Notice;
  setMessage: (notice: Notice) => void;
}) {
  const call = useApi();
  const saved: CspTenantSettings = {
    relationshipType: view.relationshipType,
    addTenantsToSsoAllowList: view.addTenantsToSsoAllowList,
    createSiteMappingOnAssign: view.createSiteMappingOnAssign,
    createCustomersFromNewTenants: view.createCustomersFromNewTenants,
  };
  const [draft, setDraft] = useState<CspTenantSettings>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = (changes: Partial<CspTenantSettings>) => setDraft({ ...draft, ...changes });

  async function save() {
    setMessage(null);
    const checked = validate(cspTenantSettingsSchema, draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ tone: 'error', text: 'Some settings are not valid; see the fields marked.' });
      return;
    }
    setSaving(true);
    try {
      await call(updateCspTenantSettings, { params: { id: connectionId }, body: checked.value });
      setErrors({});
      setMessage({ tone: 'success', text: 'Tenant settings saved.' });
      onSaved();
    } catch (cause) {
      if (isForbidden(cause)) onForbidden();
      const failure = describeFailure(cause);
      setErrors(failure.fieldErrors);
      setMessage({ tone: 'error', text: failure.message });
    }
    setSaving(false);
  }

  return (
    <div className="stack">
      <RadioField
        label="Status of tenant relationships"
        value={draft.relationshipType}
        isDisabled={readOnly}
        options={[
          { id: 'gdapAndDap', label: 'GDAP and DAP' },
          { id: 'gdapOnly', label: 'GDAP only' },
        ]}
        description="GDAP and DAP imports the Partner Center customers you have a reseller relationship with. GDAP only is faster and needs no reseller relationship (an admin relationship is still required)."
        onChange={(relationshipType) => set({ relationshipType })}
      />
      <FieldError message={errors.relationshipType} />
      <Checkbox
        isSelected={draft.addTenantsToSsoAllowList}
        isDisabled={readOnly}
        onChange={(addTenantsToSsoAllowList) => set({ addTenantsToSsoAllowList })}
      >
        Automatically add the tenant ID of any imported customer to the allowed list for single sign-on
      </Checkbox>
      <FieldError message={errors.addTenantsToSsoAllowList} />
      <Checkbox
        isSelected={draft.createSiteMappingOnAssign}
        isDisabled={readOnly}
        onChange={(createSiteMappingOnAssign) => set({ createSiteMappingOnAssign })}
      >
        Automatically create a site mapping for user imports when a tenant is assigned to a customer
      </Checkbox>
      <FieldError message={errors.createSiteMappingOnAssign} />
      {view.siteMappingRules.length > 0 ? (
        <p className="muted">
          {view.siteMappingRules.length} site mapping{view.siteMappingRules.length === 1 ? '' : 's'} recorded
          for the users import.
        </p>
      ) : null}
      <Checkbox
        isSelected={draft.createCustomersFromNewTenants}
        isDisabled={readOnly}
        onChange={(createCustomersFromNewTenants) => set({ createCustomersFromNewTenants })}
      >
        Create new customers from new tenants (integrator only)
      </Checkbox>
      <p className="muted">
        Off by default. When on, a scheduled integrator run makes a customer of each new tenant and maps it.{' '}
        {DUPLICATE_WARNING}
      </p>
      {draft.createCustomersFromNewTenants ? <Alert tone="warning">{DUPLICATE_WARNING}</Alert> : null}
      <FieldError message={errors.createCustomersFromNewTenants} />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {readOnly ? null : (
        <div className="toolbar">
          <Button variant="primary" isDisabled={!changed} isPending={saving} onPress={() => void save()}>
            Save tenant settings
          </Button>
          <Button variant="quiet" isDisabled={!changed || saving} onPress={() => setDraft(saved)}>
            Discard changes
          </Button>
        </div>
      )}
    </div>
  );
}

/** The connection's tenant settings (guide 002 "Tenants"). */
export function CspTenantSettingsCard({
  connectionId,
  readOnly,
  onForbidden,
}: {
  connectionId: string;
  readOnly: boolean;
  onForbidden: () => void;
}) {
  const call = useApi();
  const settings = useQuery(`csp-tenant-settings:${connectionId}`, (signal) =>
    call(getCspTenantSettings, { params: { id: connectionId }, signal }),
  );
  const [message, setMessage] = useState<Notice>(null);
  return (
    <section className="card stack" aria-labelledby="csp-tenant-settings-title">
      <h2 id="csp-tenant-settings-title">Tenant settings</h2>
      {settings.error ? (
        <Alert title="The tenant settings could not be loaded">{settings.error.message}</Alert>
      ) : settings.data ? (
        <SettingsForm
          key={JSON.stringify(settings.data)}
          connectionId={connectionId}
          view={settings.data}
          readOnly={readOnly}
          onSaved={settings.reload}
          onForbidden={onForbidden}
          message={message}
          setMessage={setMessage}
        />
      ) : (
        <Loading label="Loading the tenant settings…" />
      )}
    </section>
  );
}
