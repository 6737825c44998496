import { createPrivateKey } from 'node:crypto';
import { REQUIRED_SECRET, type EntraConnectionInput } from '../../contracts/api/entra-connections.js';
import type { ConnectionSecretChanges, ConnectionSummary } from '../../store/index.js';
import { ApiHttpError } from '../http/api-error.js';
import type { EntraSettings } from '../integrations/entra/connection-settings.js';

type FieldError = { field: string; message: string };

/**
 * The private key as PKCS#8 PEM (what msal-node signs with), or the reason it cannot be used,
 * said about the field. PKCS#1 (`BEGIN RSA PRIVATE KEY`) is accepted and converted.
 */
export function normalisePrivateKey(pem: string): { pem: string } | { error: string } {
  let key;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pem) || /passphrase/i.test((error as Error).message);
    return {
      error: encrypted
        ? 'certificate.privateKey is protected by a password; export the key without one (PKCS#8 PEM)'
        : 'certificate.privateKey is not a PEM private key Rollcall can read; paste the whole key, BEGIN and END lines included',
    };
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return {
      error: `certificate.privateKey is a ${key.asymmetricKeyType ?? 'unknown'} key; Microsoft Entra app certificates use RSA keys`,
    };
  }
  return { pem: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** What a create or update writes: columns, settings (merged), secrets, and what the audit may say. */
export interface PreparedConnection {
  columns: { name: string; tenantId: string; clientId: string };
  settings: Partial<EntraSettings>;
  secrets: ConnectionSecretChanges;
  /** Names of the credentials given (never their values), for the audit trail. */
  credentialsChanged: string[];
}

/**
 * Checks `input` against what is stored (`existing`, for updates): the PEM parses, and the
 * credential the method needs is given or already stored. Throws a 400 naming each field.
 */
export function prepareConnection(
  input: EntraConnectionInput,
  existing?: { connection: ConnectionSummary; settings: EntraSettings },
): PreparedConnection {
  const errors: FieldError[] = [];
  const secrets: ConnectionSecretChanges = {};
  const settings: Partial<EntraSettings> = { authMethod: input.authMethod, enabledFor: input.enabledFor };
  const credentialsChanged: string[] = [];
  if (input.clientSecret !== undefined) {
    secrets.clientSecret = input.clientSecret;
    credentialsChanged.push('clientSecret');
  }
  if (input.certificate) {
    const key = normalisePrivateKey(input.certificate.privateKey);
    if ('error' in key) errors.push({ field: 'certificate.privateKey', message: key.error });
    else {
      secrets.certificateKey = key.pem;
      settings.certificateThumbprint = input.certificate.thumbprint;
      credentialsChanged.push('certificate');
    }
  }
  const required = REQUIRED_SECRET[input.authMethod];
  const stored =
    required === 'clientSecret'
      ? existing?.connection.hasSecret.clientSecret
      : existing?.connection.hasSecret.certificateKey && existing.settings.certificateThumbprint !== null;
  if (input[required] === undefined && !stored) {
    errors.push({ field: required, message: `${required} is required for ${input.authMethod}` });
  }
  if (errors.length > 0)
    throw new ApiHttpError('validation_failed', 'Some connection fields are invalid.', errors);

  if (existing) {
    const { connection, settings: was } = existing;
    const identityChanged =
      connection.tenantId !== input.tenantId.toLowerCase() ||
      (connection.clientId ?? '').toLowerCase() !== input.clientId.toLowerCase();
    // A signed-in user's grant belongs to one app in one tenant, for a delegated connection only.
    if (connection.hasSecret.refreshToken && (identityChanged || input.authMethod !== 'delegated')) {
      secrets.refreshToken = null;
    }
    if (identityChanged || was.authMethod !== input.authMethod || credentialsChanged.length > 0) {
      settings.lastAuthorisation = null;
    }
  }
  return {
    columns: {
      name: input.name,
      tenantId: input.tenantId.toLowerCase(),
      clientId: input.clientId.toLowerCase(),
    },
    settings,
    secrets,
    credentialsChanged,
  };
}

/** The audited description of a connection: no secrets, only which credentials exist. */
export function auditView(connection: ConnectionSummary, settings: EntraSettings) {
  return {
    name: connection.name,
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    authMethod: settings.authMethod,
    enabledFor: settings.enabledFor,
    thumbprint: settings.certificateThumbprint,
    inactive: connection.inactive,
  };
}
