import { useState } from 'react';
import { Label, RadioGroup, Text } from 'react-aria-components';
import {
  createCspConnection,
  GDAP_AUTH_METHODS,
  updateCspConnection,
  type CspConnectionDetail,
  type GdapAuthMethod,
} from '../../../../../src/contracts/api/csp-connections.js';
import type { LicenceImportType } from '../../../../../src/contracts/api/csp-licences.js';
import {
  MARKETPLACE_CURRENCY,
  PRICING_MARKETPLACES,
  type PricingMarketplace,
} from '../../../../../src/contracts/api/csp-pricing.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { FormBody } from '../../../ui/form-body.js';
import { Radio } from '../../../ui/radio.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { SecretField } from '../entra/secret-field.js';

const GDAP_METHOD_LABELS: Record<GdapAuthMethod, string> = {
  clientSecret: 'Client secret',
  certificate: 'Certificate',
};

/** Guide 002 "Licences & Subscriptions": what each licence import type reads, and for whom. */
export const LICENCE_IMPORT_TYPE_OPTIONS: { id: LicenceImportType; label: string; description: string }[] = [
  {
    id: 'skus',
    label: 'Subscribed SKUs (default)',
    description:
      'Every licence of each tenant with its seats and assigned users. Tier 2 (indirect) partners must use this.',
  },
  {
    id: 'subscriptions',
    label: 'Subscriptions',
    description:
      'Your Partner Center subscriptions: quantity, term, billing cycle and dates. Tier 1 (direct-bill) partners only.',
  },
  {
    id: 'both',
    label: 'Both',
    description:
      'Subscriptions and SKUs: for direct-bill partners with indirect customers, or to manage licence assignment here.',
  },
];

const MARKETPLACE_NAMES: Record<PricingMarketplace, string> = {
  GB: 'United Kingdom',
  US: 'United States',
  AU: 'Australia',
  CA: 'Canada',
  NZ: 'New Zealand',
};

/** Guide 002 "Subscription Pricing": the marketplaces prices can be imported from. */
export const PRICING_MARKETPLACE_OPTIONS = PRICING_MARKETPLACES.map((id) => ({
  id,
  label: `${MARKETPLACE_NAMES[id]} (${id}, ${MARKETPLACE_CURRENCY[id]})`,
}));

export interface CspConnectionFormProps {
  /** The connection being edited; none for a new one. */
  connection?: CspConnectionDetail;
  onSaved: (connection: CspConnectionDetail) => void;
  onCancel?: () => void;
}

/** The form into the contract's body: secrets only when typed (left out, the stored ones stay). */
function toBody(v: Record<string, string>) {
  const method = v.gdapAuthMethod as GdapAuthMethod;
  const certificateTyped = Boolean(v['gdapCertificate.privateKey'] || v['gdapCertificate.thumbprint']);
  return {
    name: v.name,
    tenantId: (v.tenantId ?? '').trim(),
    partnerCenterClientId: (v.partnerCenterClientId ?? '').trim(),
    ...(v.partnerCenterClientSecret ? { partnerCenterClientSecret: v.partnerCenterClientSecret } : {}),
    gdapClientId: (v.gdapClientId ?? '').trim(),
    gdapAuthMethod: method,
    licenceImportType: (v.licenceImportType ?? 'skus') as LicenceImportType,
    pricingMarketplace: (v.pricingMarketplace ?? 'GB') as PricingMarketplace,
    ...(method === 'clientSecret' && v.gdapClientSecret ? { gdapClientSecret: v.gdapClientSecret } : {}),
    ...(method === 'certificate' && certificateTyped
      ? {
          gdapCertificate: {
            privateKey: v['gdapCertificate.privateKey'] ?? '',
            thumbprint: v['gdapCertificate.thumbprint'] ?? '',
          },
        }
      : {}),
  };
}

/**
 * Guide 002's CSP Details tab: the partner tenant, the Partner Center app (single tenant) and the
 * GDAP app (multi-tenant), each with its write-only credential.
 */
export function CspConnectionForm({ connection, onSaved, onCancel }: CspConnectionFormProps) {
  const call = useApi();
  const [method, setMethod] = useState<GdapAuthMethod>(connection?.gdapApp.authMethod ?? 'clientSecret');
  const submit = useFormSubmit({
    schema: connection ? bodySchemaOf(updateCspConnection) : bodySchemaOf(createCspConnection),
    toBody,
    send: (body) =>
      connection
        ? call(updateCspConnection, { params: { id: connection.id }, body })
        : call(createCspConnection, { body }),
    onDone: onSaved,
  });
  return (
    <FormBody
      submit={submit}
      submitLabel={connection ? 'Save connection' : 'Create connection'}
      label={connection ? `Edit ${connection.name}` : 'New CSP connection'}
      wide
      {...(onCancel ? { onCancel } : {})}
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={connection?.name ?? ''}
        autoFocus
        description="How the desk refers to this partner, e.g. “Northwind (CSP)”."
      />
      <TextField
        label="Partner tenant ID"
        name="tenantId"
        defaultValue={connection?.tenantId ?? ''}
        description="The Directory (tenant) ID of your CSP-enabled tenant."
      />
      <fieldset className="stack">
        <legend>Partner Center app (single tenant)</legend>
        <TextField
          label="Partner Center app: Application (client) ID"
          name="partnerCenterClientId"
          defaultValue={connection?.partnerCenterApp.clientId ?? ''}
        />
        <SecretField stored={connection?.partnerCenterApp.clientSecret} noun="Partner Center app secret">
          <TextField
            label="Partner Center app: client secret value"
            name="partnerCenterClientSecret"
            type="password"
            autoComplete="off"
            description="Paste the secret’s Value (not its Secret ID). Write-only: stored encrypted and never shown again."
          />
        </SecretField>
      </fieldset>
      <fieldset className="stack">
        <legend>GDAP app (multi-tenant)</legend>
        <TextField
          label="GDAP app: Application (client) ID"
          name="gdapClientId"
          defaultValue={connection?.gdapApp.clientId ?? ''}
        />
        <RadioGroup
          name="gdapAuthMethod"
          value={method}
          onChange={(m) => setMethod(m as GdapAuthMethod)}
          className="field"
        >
          <Label className="field-label">GDAP app credential</Label>
          {GDAP_AUTH_METHODS.map((m) => (
            <Radio key={m} value={m}>
              {GDAP_METHOD_LABELS[m]}
            </Radio>
          ))}
          <Text slot="description" className="field-description">
            Used with client credentials in each customer tenant.
          </Text>
        </RadioGroup>
        {method === 'certificate' ? (
          <SecretField stored={connection?.gdapApp.certificatePrivateKey} noun="GDAP app certificate">
            <TextField
              label="GDAP app: certificate private key (PEM)"
              name="gdapCertificate.privateKey"
              rows={5}
              placeholder="-----BEGIN PRIVATE KEY-----"
              description="Write-only: stored encrypted and never shown again."
            />
            <TextField
              label="GDAP app: certificate thumbprint (SHA-256)"
              name="gdapCertificate.thumbprint"
              description="64 hexadecimal characters."
            />
          </SecretField>
        ) : (
          <SecretField stored={connection?.gdapApp.clientSecret} noun="GDAP app secret">
            <TextField
              label="GDAP app: client secret value"
              name="gdapClientSecret"
              type="password"
              autoComplete="off"
              description="Paste the secret’s Value. Write-only: stored encrypted and never shown again."
            />
          </SecretField>
        )}
      </fieldset>
      <SelectField
        label="Licence import type"
        name="licenceImportType"
        options={LICENCE_IMPORT_TYPE_OPTIONS}
        defaultValue={connection?.licenceImportType ?? 'skus'}
        description="What the Licences module imports for each mapped tenant (a tenant may override it on the Tenants tab). Subscriptions need a direct-bill (Tier 1) partner; indirect partners keep Subscribed SKUs."
      />
      <SelectField
        label="Subscription pricing marketplace"
        name="pricingMarketplace"
        options={PRICING_MARKETPLACE_OPTIONS}
        defaultValue={connection?.pricingMarketplace ?? 'GB'}
        description="Where the integrator's Subscription pricing module imports prices from, weekly (turn the module on under Integrator). Direct-bill partners only; the Partner Center app needs the Microsoft Partner permission (4990cffe-04e8-4e8b-808a-1175604b879f, user_impersonation)."
      />
    </FormBody>
  );
}
