import { z } from 'zod';
import {
  authorisationSchema,
  ENTRA_AUTH_METHODS,
  ENTRA_ENABLED_FOR,
} from '../../../contracts/api/entra-connections.js';
import type { ServerConfig } from '../../../contracts/config.js';
import type { ConnectionSummary } from '../../../store/index.js';

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

/** Whether imports through a connection enabled for `enabledFor` may run on this instance. */
export function enabledOnThisInstance(
  config: ServerConfig,
  enabledFor: EntraSettings['enabledFor'],
): boolean {
  return enabledFor === 'all' || config.instance === 'production';
}
