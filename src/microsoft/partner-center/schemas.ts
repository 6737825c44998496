import { z } from 'zod';

/** `{uri, method, headers:[{key,value}]}`; `uri` is relative to the API root (`/v1/...`). */
export const pcLinkSchema = z.looseObject({
  uri: z.string(),
  method: z.string().optional(),
  headers: z.array(z.looseObject({ key: z.string(), value: z.string() })).default([]),
});

export type PcLink = z.infer<typeof pcLinkSchema>;

/** Partner Center's collection envelope; `links.next` appears when seek paging continues. */
export function pcCollectionSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    totalCount: z.number().optional(),
    items: z.array(item),
    continuationToken: z.string().optional(),
    links: z.looseObject({ self: pcLinkSchema.optional(), next: pcLinkSchema.optional() }).optional(),
  });
}

const attributesSchema = z.looseObject({ objectType: z.string().optional(), etag: z.string().optional() });

export const pcCustomerSchema = z.looseObject({
  id: z.string(),
  commerceId: z.string().optional(),
  companyProfile: z.looseObject({
    tenantId: z.string(),
    domain: z.string().nullish(),
    companyName: z.string().nullish(),
  }),
  relationshipToPartner: z.string().optional(),
  allowDelegatedAccess: z.boolean().optional(),
  attributes: attributesSchema.optional(),
});

export type PcCustomer = z.infer<typeof pcCustomerSchema>;

/**
 * A CSP subscription. Kept whole (loose) because a quantity change PATCHes the full resource
 * back; dates stay strings (documented examples contain malformed ones).
 */
export const pcSubscriptionSchema = z.looseObject({
  id: z.string(),
  offerId: z.string(),
  offerName: z.string().nullish(),
  friendlyName: z.string().nullish(),
  quantity: z.number().int(),
  unitType: z.string().nullish(),
  status: z.string(),
  autoRenewEnabled: z.boolean().nullish(),
  billingCycle: z.string().nullish(),
  termDuration: z.string().nullish(),
  creationDate: z.string().nullish(),
  effectiveStartDate: z.string().nullish(),
  commitmentEndDate: z.string().nullish(),
  attributes: attributesSchema.optional(),
});

export type PcSubscription = z.infer<typeof pcSubscriptionSchema>;

/** A licence pool of a customer (`/v1/customers/{id}/subscribedskus`). */
export const pcSubscribedSkuSchema = z.looseObject({
  availableUnits: z.number(),
  activeUnits: z.number(),
  consumedUnits: z.number(),
  suspendedUnits: z.number().default(0),
  totalUnits: z.number(),
  warningUnits: z.number().default(0),
  productSku: z.looseObject({
    id: z.string(),
    name: z.string().nullish(),
    skuPartNumber: z.string().nullish(),
    targetType: z.string().nullish(),
    licenseGroupId: z.string().nullish(),
  }),
  capabilityStatus: z.string().nullish(),
});

export type PcSubscribedSku = z.infer<typeof pcSubscribedSkuSchema>;

export const pcApplicationGrantSchema = z.looseObject({
  enterpriseApplicationId: z.string(),
  scope: z.string(),
});

/** A control-panel-vendor application consent. */
export const pcApplicationConsentSchema = z.looseObject({
  applicationId: z.string(),
  displayName: z.string().nullish(),
  applicationGrants: z.array(pcApplicationGrantSchema).default([]),
});

export type PcApplicationConsent = z.infer<typeof pcApplicationConsentSchema>;
