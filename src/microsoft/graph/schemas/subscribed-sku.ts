import { z } from 'zod';
import { nullableString } from './common.js';

export const servicePlanSchema = z.looseObject({
  servicePlanId: z.string(),
  servicePlanName: nullableString,
  provisioningStatus: nullableString,
  appliesTo: nullableString,
});

/** A licence SKU of the tenant (`GET /subscribedSkus`). Available = prepaidUnits.enabled − consumedUnits. */
export const subscribedSkuSchema = z.looseObject({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: nullableString,
  accountId: nullableString,
  accountName: nullableString,
  appliesTo: nullableString,
  capabilityStatus: nullableString,
  consumedUnits: z.number(),
  prepaidUnits: z.looseObject({
    enabled: z.number(),
    suspended: z.number().default(0),
    warning: z.number().default(0),
    lockedOut: z.number().default(0),
  }),
  servicePlans: z.array(servicePlanSchema).default([]),
  subscriptionIds: z.array(z.string()).nullish(),
});

export type GraphSubscribedSku = z.infer<typeof subscribedSkuSchema>;
