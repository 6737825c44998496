import { z } from 'zod';
import { cspAuthorisationSchema, GDAP_AUTH_METHODS } from '../../../contracts/api/csp-connections.js';
import type { ConnectionSummary } from '../../../store/index.js';

/**
 * What a CSP connection keeps in `connections.settings` about its apps (the GDAP app's client id
 * and credential kind, the last authorisation). Read leniently: other keys belong to other
 * features (tenants, imports), and a value another version wrote falls back to the default.
 */
export const cspSettingsSchema = z.object({
  gdapClientId: z.string().nullable().catch(null),
  gdapAuthMethod: z.enum(GDAP_AUTH_METHODS).catch('clientSecret'),
  gdapCertificateThumbprint: z.string().nullable().catch(null),
  lastAuthorisation: cspAuthorisationSchema.nullable().catch(null),
});
export type CspSettings = z.infer<typeof cspSettingsSchema>;

export function cspSettings(connection: ConnectionSummary): CspSettings {
  return cspSettingsSchema.parse({
    gdapClientId: null,
    gdapCertificateThumbprint: null,
    lastAuthorisation: null,
    ...connection.settings,
  });
}
