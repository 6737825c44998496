import {
  CSP_CONNECTION_CALLBACK_PATH,
  GDAP_APP_PERMISSIONS,
  GDAP_APP_REDIRECT_PATH,
  PARTNER_CENTER_APP_PERMISSIONS,
  type CspConnectionDetail,
  type CspConnectionView,
} from '../../contracts/api/csp-connections.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { ConnectionSummary } from '../../store/index.js';
import { cspSettings } from '../integrations/csp/connection-settings.js';
import { iso, isoOrNull } from './resource-helpers.js';

/** `<publicUrl><path>`: the redirect URIs the app registrations list, derived as the Entra ones are. */
export function cspRedirectUri(config: ServerConfig, fallbackOrigin: string, path: string): string {
  return `${(config.publicUrl ?? fallbackOrigin).replace(/\/+$/, '')}${path}`;
}

/** A CSP connection as the API lists it: never a secret, only whether one is stored and since when. */
export function cspConnectionView(connection: ConnectionSummary): CspConnectionView {
  const settings = cspSettings(connection);
  const secret = (name: keyof ConnectionSummary['hasSecret']) => ({
    stored: connection.hasSecret[name],
    changedAt: isoOrNull(connection.secretsChangedAt[name]),
  });
  return {
    id: connection.id,
    kind: 'csp',
    name: connection.name,
    tenantId: connection.tenantId,
    partnerCenterApp: {
      clientId: connection.clientId,
      clientSecret: secret('clientSecret'),
      refreshToken: secret('refreshToken'),
    },
    gdapApp: {
      clientId: settings.gdapClientId,
      authMethod: settings.gdapAuthMethod,
      certificateThumbprint: settings.gdapCertificateThumbprint,
      clientSecret: secret('gdapClientSecret'),
      certificatePrivateKey: secret('certificateKey'),
    },
    inactive: connection.inactive,
    licenceImportType: settings.licenceImportType,
    pricingMarketplace: settings.pricingMarketplace,
    lastAuthorisation: settings.lastAuthorisation,
    createdAt: iso(connection.createdAt),
    updatedAt: iso(connection.updatedAt),
  };
}

/** One connection with the setup screen's data: per app, account types, redirect URI, permissions. */
export function cspConnectionDetail(
  connection: ConnectionSummary,
  config: ServerConfig,
  fallbackOrigin: string,
): CspConnectionDetail {
  return {
    ...cspConnectionView(connection),
    setup: {
      partnerCenterApp: {
        accountTypes: 'Accounts in this organizational directory only (Single tenant)',
        redirectUri: cspRedirectUri(config, fallbackOrigin, CSP_CONNECTION_CALLBACK_PATH),
        permissions: PARTNER_CENTER_APP_PERMISSIONS.map((p) => ({ ...p })),
      },
      gdapApp: {
        accountTypes: 'Accounts in any organizational directory (Multitenant)',
        redirectUri: cspRedirectUri(config, fallbackOrigin, GDAP_APP_REDIRECT_PATH),
        permissions: GDAP_APP_PERMISSIONS.map((p) => ({ ...p })),
      },
    },
  };
}
