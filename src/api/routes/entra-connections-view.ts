import {
  ENTRA_CONNECTION_CALLBACK_PATH,
  permissionsFor,
  type EntraConnectionDetail,
  type EntraConnectionView,
} from '../../contracts/api/entra-connections.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { ConnectionSummary } from '../../store/index.js';
import { enabledOnThisInstance, entraSettings } from '../integrations/entra/connection-settings.js';
import { iso, isoOrNull } from './resource-helpers.js';

/** The redirect URI to register on the app registration: `<publicUrl>/api/entra/connections/callback`. */
export function entraRedirectUri(config: ServerConfig, fallbackOrigin: string): string {
  return `${(config.publicUrl ?? fallbackOrigin).replace(/\/+$/, '')}${ENTRA_CONNECTION_CALLBACK_PATH}`;
}

/** A connection as the API lists it: never a secret, only whether one is stored and since when. */
export function entraConnectionView(
  connection: ConnectionSummary,
  config: ServerConfig,
): EntraConnectionView {
  const settings = entraSettings(connection);
  const secret = (name: keyof ConnectionSummary['hasSecret']) => ({
    stored: connection.hasSecret[name],
    changedAt: isoOrNull(connection.secretsChangedAt[name]),
  });
  return {
    id: connection.id,
    kind: 'entra',
    name: connection.name,
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    authMethod: settings.authMethod,
    enabledFor: settings.enabledFor,
    enabledOnThisInstance: enabledOnThisInstance(config, settings.enabledFor),
    inactive: connection.inactive,
    certificateThumbprint: settings.certificateThumbprint,
    secrets: {
      clientSecret: secret('clientSecret'),
      certificatePrivateKey: secret('certificateKey'),
      refreshToken: secret('refreshToken'),
    },
    lastAuthorisation: settings.lastAuthorisation,
    createdAt: iso(connection.createdAt),
    updatedAt: iso(connection.updatedAt),
  };
}

/** One connection with its setup: the permissions of guide 001's table for its method, the redirect URI. */
export function entraConnectionDetail(
  connection: ConnectionSummary,
  config: ServerConfig,
  fallbackOrigin: string,
): EntraConnectionDetail {
  const view = entraConnectionView(connection, config);
  return {
    ...view,
    setup: {
      permissions: permissionsFor(view.authMethod).map(
        ({ name, purpose, mandatory, feature, authMethods }) => ({
          name,
          purpose,
          mandatory,
          feature,
          authMethods: [...authMethods],
        }),
      ),
      redirectUri: entraRedirectUri(config, fallbackOrigin),
    },
  };
}
