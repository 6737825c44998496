import { z } from 'zod';
import {
  authorisationSchema,
  ENTRA_AUTH_METHODS,
  ENTRA_CONNECTION_CALLBACK_PATH,
  ENTRA_ENABLED_FOR,
  permissionsFor,
  type EntraConnectionDetail,
  type EntraConnectionView,
} from '../../contracts/api/entra-connections.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { ConnectionSummary } from '../../store/index.js';
import { iso, isoOrNull } from './resource-helpers.js';

/**
 * What an Entra connection keeps in `connections.settings` besides the secrets' change times
 * (which the repository maintains). Read leniently: a value another version wrote falls back to
 * the default rather than breaking the screen.
 */
export const entraSettingsSchema = z.object({
  authMethod: z.enum(ENTRA_AUTH_METHODS).catch('clientSecret'),
  enabledFor: z.enum(ENTRA_ENABLED_FOR).catch('production'),
  certificateThumbprint: z.string().nullable().catch(null),
  lastAuthorisation: authorisationSchema.nullable().catch(null),
});
export type EntraSettings = z.infer<typeof entraSettingsSchema>;

export function entraSettings(connection: ConnectionSummary): EntraSettings {
  return entraSettingsSchema.parse(connection.settings);
}

/** The redirect URI to register on the app registration: `<publicUrl>/api/entra/connections/callback`. */
export function entraRedirectUri(config: ServerConfig, fallbackOrigin: string): string {
  return `${(config.publicUrl ?? fallbackOrigin).replace(/\/+$/, '')}${ENTRA_CONNECTION_CALLBACK_PATH}`;
}

/** Whether imports through a connection enabled for `enabledFor` may run on this instance. */
export function enabledOnThisInstance(
  config: ServerConfig,
  enabledFor: EntraSettings['enabledFor'],
): boolean {
  return enabledFor === 'all' || config.instance === 'production';
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
