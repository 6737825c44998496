import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema } from './fields.js';

/**
 * The licences (SKUs) known for a connection, for the SKU pickers of its import configuration
 * (licence check, contract compliance). Known = imported by the licences module into
 * customer_licences for any of the connection's tenants; a SKU not imported yet can still be
 * typed in the configuration by its GUID (SKU ids are the same in every tenant).
 */
export const licenceSkuSchema = z.object({
  /** Microsoft's SKU id, lower-case. */
  skuId: idSchema,
  /** e.g. SPE_E3. */
  skuPartNumber: z.string(),
  /** e.g. "Microsoft 365 E3"; the part number when Microsoft gives no name. */
  friendlyName: z.string(),
  /** In how many of the connection's tenants the SKU is held (not removed). */
  tenants: z.number().int(),
});
export type LicenceSku = z.infer<typeof licenceSkuSchema>;

export const listLicenceSkus = defineEndpoint({
  method: 'GET',
  path: '/api/connections/:id/licence-skus',
  // Whoever may read the connection (its kind's configure permission, or a grant on it).
  access: { signedIn: 'agent' },
  summary: "Licences (SKUs) imported for a connection's tenants, for the import configuration's pickers",
  tags: ['licences'],
  params: idParamsSchema,
  response: z.object({ items: z.array(licenceSkuSchema) }),
});
