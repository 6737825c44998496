import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Guide 002 "Subscription Pricing": a CSP connection imports Partner Center's new-commerce price
 * sheet of one marketplace weekly, and each CSP subscription gets the price and cost of its offer,
 * term and billing plan. See docs/pricing.md.
 */

/** The marketplaces guide 002 offers, with the currency Partner Center prices each in. */
export const PRICING_MARKETPLACES = ['GB', 'US', 'AU', 'CA', 'NZ'] as const;
export type PricingMarketplace = (typeof PRICING_MARKETPLACES)[number];
export const DEFAULT_PRICING_MARKETPLACE: PricingMarketplace = 'GB';
export const MARKETPLACE_CURRENCY: Record<PricingMarketplace, string> = {
  GB: 'GBP',
  US: 'USD',
  AU: 'AUD',
  CA: 'CAD',
  NZ: 'NZD',
};

export const pricingMarketplaceSchema = z.enum(
  PRICING_MARKETPLACES,
  `pricingMarketplace must be one of ${PRICING_MARKETPLACES.join(', ')} (the Partner Center marketplace prices are imported from)`,
);

/** The span one unit amount pays for: monthly, annual or triennial billing. */
export const PRICING_PERIODS = ['P1M', 'P1Y', 'P3Y'] as const;
export type PricingPeriod = (typeof PRICING_PERIODS)[number];

/** A week: the pricing module imports at most this often unless a person runs it. */
export const PRICING_IMPORT_INTERVAL_DAYS = 7;

/** A subscription's price and cost per seat (licence insight reads the same shape). */
export const subscriptionPricingSchema = z.object({
  currency: z.string(),
  /** What the partner pays Microsoft per seat for one `period`; null when the sheet has none. */
  unitCost: z.number().nullable(),
  /** The estimated retail price per seat for one `period`. */
  unitPrice: z.number().nullable(),
  period: z.enum(PRICING_PERIODS),
  pricedAt: timestampSchema,
});
export type SubscriptionPricingView = z.infer<typeof subscriptionPricingSchema>;

/** One row of the imported price sheet. */
export const cspPriceSchema = z.object({
  id: idSchema,
  market: z.string(),
  productId: z.string(),
  skuId: z.string(),
  productTitle: z.string(),
  skuTitle: z.string(),
  termDuration: z.string(),
  billingPlan: z.string(),
  currency: z.string(),
  unitCost: z.number().nullable(),
  unitPrice: z.number().nullable(),
  effectiveStart: timestampSchema.nullable(),
  effectiveEnd: timestampSchema.nullable(),
  importedAt: timestampSchema,
});
export type CspPriceView = z.infer<typeof cspPriceSchema>;

export const priceListQuerySchema = z.object({
  search: listQuerySchema.shape.search.describe(
    'Part of the product or SKU title, or a product id, any case',
  ),
  page: z.coerce
    .number('page must be a whole number from 1')
    .int('page must be a whole number from 1')
    .min(1, 'page must be a whole number from 1')
    .default(1),
  limit: listQuerySchema.shape.limit,
});

export const priceListSchema = pageSchema(cspPriceSchema).extend({
  /** The connection's marketplace: the rows listed are this market's. */
  market: z.enum(PRICING_MARKETPLACES),
  page: z.number().int(),
  /** When this market's sheet was last imported; null before the first import. */
  importedAt: timestampSchema.nullable(),
});

export const listCspPrices = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/prices',
  access: { signedIn: 'agent' },
  summary:
    "The connection's imported price sheet for its marketplace, page by page (read grant on the connection)",
  tags: ['csp'],
  params: idParamsSchema,
  query: priceListQuerySchema,
  response: priceListSchema,
});
