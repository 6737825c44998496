import {
  GDAP_REQUIRED_SECRET,
  type CspConnectionFields,
  type GdapAuthMethod,
} from '../../contracts/api/csp-connections.js';
import { DEFAULT_LICENCE_IMPORT_TYPE } from '../../contracts/api/csp-licences.js';
import { DEFAULT_PRICING_MARKETPLACE } from '../../contracts/api/csp-pricing.js';
import type { ConnectionSecretChanges, ConnectionSummary } from '../../store/index.js';
import { ApiHttpError } from '../http/api-error.js';
import type { CspSettings } from '../integrations/csp/connection-settings.js';
import { normalisePrivateKey } from './entra-connections-input.js';

type FieldError = { field: string; message: string };

/** What a create or update writes: columns, settings (merged), secrets, and what the audit may say. */
export interface PreparedCspConnection {
  columns: { name: string; tenantId: string; clientId: string };
  settings: Partial<CspSettings>;
  secrets: ConnectionSecretChanges;
  /** Names of the credentials given (never their values), for the audit trail. */
  credentialsChanged: string[];
}

function gdapCredentialStored(
  method: GdapAuthMethod,
  existing: { connection: ConnectionSummary; settings: CspSettings } | undefined,
): boolean {
  if (!existing) return false;
  return method === 'clientSecret'
    ? existing.connection.hasSecret.gdapClientSecret
    : existing.connection.hasSecret.certificateKey && existing.settings.gdapCertificateThumbprint !== null;
}

/**
 * Checks `input` against what is stored (`existing`, for updates): every credential is given or
 * already stored, a PEM key parses. Throws a 400 naming each field before anything is saved.
 */
export function prepareCspConnection(
  input: CspConnectionFields,
  existing?: { connection: ConnectionSummary; settings: CspSettings },
): PreparedCspConnection {
  const errors: FieldError[] = [];
  const secrets: ConnectionSecretChanges = {};
  const settings: Partial<CspSettings> = {
    gdapClientId: input.gdapClientId.toLowerCase(),
    gdapAuthMethod: input.gdapAuthMethod,
    licenceImportType:
      input.licenceImportType ?? existing?.settings.licenceImportType ?? DEFAULT_LICENCE_IMPORT_TYPE,
    pricingMarketplace:
      input.pricingMarketplace ?? existing?.settings.pricingMarketplace ?? DEFAULT_PRICING_MARKETPLACE,
  };
  const credentialsChanged: string[] = [];
  if (input.partnerCenterClientSecret !== undefined) {
    secrets.clientSecret = input.partnerCenterClientSecret;
    credentialsChanged.push('partnerCenterClientSecret');
  } else if (!existing?.connection.hasSecret.clientSecret) {
    errors.push({ field: 'partnerCenterClientSecret', message: 'partnerCenterClientSecret is required' });
  }
  if (input.gdapClientSecret !== undefined) {
    secrets.gdapClientSecret = input.gdapClientSecret;
    credentialsChanged.push('gdapClientSecret');
  }
  if (input.gdapCertificate) {
    const key = normalisePrivateKey(input.gdapCertificate.privateKey);
    if ('error' in key) {
      errors.push({
        field: 'gdapCertificate.privateKey',
        message: key.error.replace(/^certificate\./, 'gdapCertificate.'),
      });
    } else {
      secrets.certificateKey = key.pem;
      settings.gdapCertificateThumbprint = input.gdapCertificate.thumbprint;
      credentialsChanged.push('gdapCertificate');
    }
  }
  const required = GDAP_REQUIRED_SECRET[input.gdapAuthMethod];
  if (input[required] === undefined && !gdapCredentialStored(input.gdapAuthMethod, existing)) {
    errors.push({ field: required, message: `${required} is required for ${input.gdapAuthMethod}` });
  }
  if (errors.length > 0)
    throw new ApiHttpError('validation_failed', 'Some connection fields are invalid.', errors);

  if (existing) {
    const { connection, settings: was } = existing;
    const partnerChanged =
      connection.tenantId !== input.tenantId.toLowerCase() ||
      (connection.clientId ?? '').toLowerCase() !== input.partnerCenterClientId.toLowerCase();
    // The partner user's grant belongs to one app in one tenant.
    if (partnerChanged && connection.hasSecret.refreshToken) secrets.refreshToken = null;
    const gdapChanged =
      was.gdapClientId !== settings.gdapClientId || was.gdapAuthMethod !== input.gdapAuthMethod;
    if (partnerChanged || gdapChanged || credentialsChanged.length > 0) settings.lastAuthorisation = null;
  }
  return {
    columns: {
      name: input.name,
      tenantId: input.tenantId.toLowerCase(),
      clientId: input.partnerCenterClientId.toLowerCase(),
    },
    settings,
    secrets,
    credentialsChanged,
  };
}

/** The audited description of a connection: no secrets, only which credentials exist. */
export function cspAuditView(connection: ConnectionSummary, settings: CspSettings) {
  return {
    name: connection.name,
    tenantId: connection.tenantId,
    partnerCenterClientId: connection.clientId,
    gdapClientId: settings.gdapClientId,
    gdapAuthMethod: settings.gdapAuthMethod,
    gdapCertificateThumbprint: settings.gdapCertificateThumbprint,
    licenceImportType: settings.licenceImportType,
    pricingMarketplace: settings.pricingMarketplace,
    inactive: connection.inactive,
  };
}
