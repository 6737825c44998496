import { z } from 'zod';
import { cspAuthorisationSchema, GDAP_AUTH_METHODS } from '../../../contracts/api/csp-connections.js';
import { DEFAULT_LICENCE_IMPORT_TYPE, LICENCE_IMPORT_TYPES } from '../../../contracts/api/csp-licences.js';
import { DEFAULT_PRICING_MARKETPLACE, PRICING_MARKETPLACES } from '../../../contracts/api/csp-pricing.js';
import type { ConnectionSummary } from '../../../store/index.js';

/**
 * What a CSP connection keeps in `connections.settings` about its apps (the GDAP app's client id
 * and credential kind, the last authorisation) and guide 002's licence import type (the key the
 * licences module reads: `LICENCE_IMPORT_TYPE_SETTING`). Read leniently: other keys belong to other
 * features (tenants, imports), and a value another version wrote falls back to the default.
 */
export const cspSettingsSchema = z.object({
  gdapClientId: z.string().nullable().catch(null),
  gdapAuthMethod: z.enum(GDAP_AUTH_METHODS).catch('clientSecret'),
  gdapCertificateThumbprint: z.string().nullable().catch(null),
  lastAuthorisation: cspAuthorisationSchema.nullable().catch(null),
  licenceImportType: z.enum(LICENCE_IMPORT_TYPES).catch(DEFAULT_LICENCE_IMPORT_TYPE),
  /** Guide 002 "Subscription Pricing": the marketplace the pricing module imports prices from. */
  pricingMarketplace: z.enum(PRICING_MARKETPLACES).catch(DEFAULT_PRICING_MARKETPLACE),
});
export type CspSettings = z.infer<typeof cspSettingsSchema>;

export function cspSettings(connection: ConnectionSummary): CspSettings {
  return cspSettingsSchema.parse({
    gdapClientId: null,
    gdapCertificateThumbprint: null,
    lastAuthorisation: null,
    licenceImportType: DEFAULT_LICENCE_IMPORT_TYPE,
    pricingMarketplace: DEFAULT_PRICING_MARKETPLACE,
    ...connection.settings,
  });
}
