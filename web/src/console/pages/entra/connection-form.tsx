import { useState } from 'react';
import { Label, RadioGroup, Text } from 'react-aria-components';
import {
  createEntraConnection,
  ENTRA_AUTH_METHODS,
  ENTRA_ENABLED_FOR,
  permissionsFor,
  updateEntraConnection,
  type EntraAuthMethod,
  type EntraConnectionDetail,
} from '../../../../../src/contracts/api/entra-connections.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { FormBody } from '../../../ui/form-body.js';
import { Radio } from '../../../ui/radio.js';
import { TextField } from '../../../ui/text-field.js';
import { AUTH_METHOD_LABELS, ENABLED_FOR_LABELS } from './labels.js';
import { PermissionsTable } from './permissions-table.js';
import { SecretField } from './secret-field.js';

export interface ConnectionFormProps {
  /** The connection being edited; none for a new one. */
  connection?: EntraConnectionDetail;
  onSaved: (connection: EntraConnectionDetail) => void;
  onCancel?: () => void;
}

/** Turns the form into the contract's body: secrets only when typed (left out, the stored ones stay). */
function toBody(v: Record<string, string>) {
  const method = v.authMethod as EntraAuthMethod;
  const certificateTyped = Boolean(v['certificate.privateKey'] || v['certificate.thumbprint']);
  return {
    name: v.name,
    tenantId: (v.tenantId ?? '').trim(),
    clientId: (v.clientId ?? '').trim(),
    authMethod: method,
    enabledFor: v.enabledFor,
    ...(method !== 'certificate' && v.clientSecret ? { clientSecret: v.clientSecret } : {}),
    ...(method === 'certificate' && certificateTyped
      ? {
          certificate: {
            privateKey: v['certificate.privateKey'] ?? '',
            thumbprint: v['certificate.thumbprint'] ?? '',
          },
        }
      : {}),
  };
}

/**
 * The connection form of guide 001 ("Connecting Entra to your Halo"): name, tenant, application,
 * authentication method with its write-only credential, enabled for instances; the permissions the
 * chosen method needs are listed beside it.
 */
export function ConnectionForm({ connection, onSaved, onCancel }: ConnectionFormProps) {
  const call = useApi();
  const [method, setMethod] = useState<EntraAuthMethod>(connection?.authMethod ?? 'clientSecret');
  const submit = useFormSubmit({
    schema: connection ? bodySchemaOf(updateEntraConnection) : bodySchemaOf(createEntraConnection),
    toBody,
    send: (body) =>
      connection
        ? call(updateEntraConnection, { params: { id: connection.id }, body })
        : call(createEntraConnection, { body }),
    onDone: onSaved,
  });
  const secrets = connection?.secrets;
  return (
    <FormBody
      submit={submit}
      submitLabel={connection ? 'Save connection' : 'Create connection'}
      label={connection ? `Edit ${connection.name}` : 'New Entra connection'}
      wide
      {...(onCancel ? { onCancel } : {})}
    >
      <TextField
        label="Name"
        name="name"
        defaultValue={connection?.name ?? ''}
        autoFocus
        description="How the desk refers to this tenant, e.g. “Contoso (production)”."
      />
      <TextField
        label="Directory (tenant) ID"
        name="tenantId"
        defaultValue={connection?.tenantId ?? ''}
        description="From the app registration’s Overview in the Entra admin centre."
      />
      <TextField
        label="Application (client) ID"
        name="clientId"
        defaultValue={connection?.clientId ?? ''}
        description="From the same Overview page."
      />
      <RadioGroup
        name="authMethod"
        value={method}
        onChange={(m) => setMethod(m as EntraAuthMethod)}
        className="field"
      >
        <Label className="field-label">Authentication method</Label>
        {ENTRA_AUTH_METHODS.map((m) => (
          <Radio key={m} value={m}>
            {AUTH_METHOD_LABELS[m]}
          </Radio>
        ))}
        <Text slot="description" className="field-description">
          The simplest is application permissions with a client secret.
        </Text>
      </RadioGroup>
      {method === 'certificate' ? (
        <SecretField stored={secrets?.certificatePrivateKey} noun="certificate">
          <TextField
            label="Certificate private key (PEM)"
            name="certificate.privateKey"
            rows={5}
            placeholder="-----BEGIN PRIVATE KEY-----"
            description="Write-only: stored encrypted and never shown again. The certificate itself goes on the app registration."
          />
          <TextField
            label="Certificate thumbprint (SHA-256)"
            name="certificate.thumbprint"
            description="64 hexadecimal characters (the SHA-1 thumbprint of 40 characters is not enough)."
          />
        </SecretField>
      ) : (
        <SecretField stored={secrets?.clientSecret} noun="client secret">
          <TextField
            label="Client secret value"
            name="clientSecret"
            type="password"
            autoComplete="off"
            description={
              method === 'delegated'
                ? 'The app still proves who it is when it signs in. Paste the secret’s Value, not its Secret ID.'
                : 'Paste the secret’s Value (not its Secret ID). Write-only: stored encrypted and never shown again.'
            }
          />
        </SecretField>
      )}
      <RadioGroup name="enabledFor" defaultValue={connection?.enabledFor ?? 'production'} className="field">
        <Label className="field-label">Enabled for instances</Label>
        {ENTRA_ENABLED_FOR.map((e) => (
          <Radio key={e} value={e}>
            {ENABLED_FOR_LABELS[e]}
          </Radio>
        ))}
        <Text slot="description" className="field-description">
          “Production only” keeps a restored test copy of Rollcall from importing.
        </Text>
      </RadioGroup>
      <section aria-labelledby="form-permissions" className="stack">
        <h3 id="form-permissions">Permissions to add to the app registration</h3>
        <p className="muted">
          Microsoft Graph, {method === 'delegated' ? 'delegated' : 'application'} permissions; grant admin
          consent after adding them.
        </p>
        <PermissionsTable
          rows={connection?.authMethod === method ? connection.setup.permissions : permissionsFor(method)}
        />
      </section>
    </FormBody>
  );
}
