import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { pageSchema } from './pagination.js';

/**
 * Consumption billing (guide 002 "Consumption Billing", issue 7): the `consumption` module imports
 * each mapped customer's Azure usage (VM hours, GB stored, …) from Microsoft's partner billing
 * export, and maps it by meter category onto the customer's recurring invoice. The mappings and
 * the usage view need integrations.csp.configure. See docs/consumption-billing.md.
 */

const ACCESS = { permission: 'integrations.csp.configure' } as const;
const TAGS = ['consumption'];

/** The mapping that applies to every meter category no other row names. */
export const ANY_OTHER_CATEGORY = '*';

/** Bill a meter category (with a description and markup), or leave it off the invoice. */
export const CONSUMPTION_ACTIONS = ['bill', 'exclude'] as const;

export const MAX_MARKUP_PERCENT = 1000;

/** One row: a meter category (exact, case-insensitive) or `*` for any category no row names. */
export const consumptionMappingSchema = z.object({
  meterCategory: z
    .string('meterCategory must be a meter category name, e.g. Virtual Machines, or * for any other')
    .trim()
    .min(1, 'meterCategory must be a meter category name, e.g. Virtual Machines, or * for any other')
    .max(200, 'meterCategory must be at most 200 characters'),
  action: z.enum(CONSUMPTION_ACTIONS, 'action must be bill or exclude').default('bill'),
  /** The invoice line's description; empty: "Azure usage: <meter category>". */
  description: z.string().trim().max(250, 'description must be at most 250 characters').default(''),
  /** Added to Microsoft's cost: 20 bills cost × 1.2; -100 bills nothing. */
  markupPercent: z
    .number('markupPercent must be a number, e.g. 20 for 20%')
    .finite('markupPercent must be a number, e.g. 20 for 20%')
    .min(-100, 'markupPercent must be -100 or more (-100 bills nothing)')
    .max(MAX_MARKUP_PERCENT, `markupPercent must be at most ${MAX_MARKUP_PERCENT}`)
    .default(0),
});
export type ConsumptionMapping = z.infer<typeof consumptionMappingSchema>;
export type ConsumptionMappingInput = z.input<typeof consumptionMappingSchema>;

/** ISO 4217 code the export is asked for (Microsoft's `currencyCode`). */
export const currencyCodeSchema = z
  .string('currencyCode must be a three-letter currency code such as GBP')
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'currencyCode must be a three-letter currency code such as GBP');

/** A CSP connection's consumption billing settings. */
export const consumptionConfigSchema = z.object({
  /** The partner's billing currency: Microsoft exports usage priced in it. */
  currencyCode: currencyCodeSchema.default('GBP'),
  mappings: z
    .array(consumptionMappingSchema)
    .max(500, 'mappings must have at most 500 rows')
    .default([])
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        const key = row.meterCategory.toLowerCase();
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'meterCategory'],
            message:
              row.meterCategory === ANY_OTHER_CATEGORY
                ? 'mappings: only one row may be * (any other category)'
                : `mappings: meter category "${row.meterCategory}" is already mapped by another row`,
          });
        }
        seen.add(key);
      });
    }),
});
export type ConsumptionConfig = z.infer<typeof consumptionConfigSchema>;
export type ConsumptionConfigInput = z.input<typeof consumptionConfigSchema>;

export const DEFAULT_CONSUMPTION_CONFIG: ConsumptionConfig = consumptionConfigSchema.parse({});

export const consumptionConfigViewSchema = z.object({
  connectionId: idSchema,
  /** 0 until first saved (the defaults are shown). Send it back when saving. */
  version: z.number().int(),
  updatedAt: timestampSchema.nullable(),
  config: consumptionConfigSchema,
  /** Meter categories seen in imported usage, for the editor's suggestions. */
  knownCategories: z.array(z.string()),
});
export type ConsumptionConfigView = z.infer<typeof consumptionConfigViewSchema>;

export const saveConsumptionConfigSchema = z.object({
  /** The version read; a save over a newer version is refused with 409. */
  expectedVersion: z.number('expectedVersion must be the version read').int().min(0),
  config: consumptionConfigSchema,
});

/** A billing period: the calendar month usage was charged in. */
export const billingMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be a month as YYYY-MM, e.g. 2026-12');

/** One meter category of a customer's usage in a period, with what the mappings bill for it. */
export const consumptionCategorySchema = z.object({
  meterCategory: z.string(),
  /** Meters (sub-category, name, unit) of this category with usage. */
  meters: z.number().int(),
  /** Microsoft's pre-tax cost to the partner, in `currency`. */
  cost: z.number(),
  /** What the invoice line charges after the mapping's markup; null when excluded. */
  charge: z.number().nullable(),
  currency: z.string(),
  /** The mapping row that applies: the category's own, `*`, or none (not billed). */
  mappedBy: z.string().nullable(),
  action: z.enum(['bill', 'exclude', 'unmapped']),
  description: z.string().nullable(),
});
export type ConsumptionCategoryView = z.infer<typeof consumptionCategorySchema>;

export const consumptionUsageQuerySchema = z.object({
  customerId: idSchema.describe('The desk customer whose usage to show'),
  period: billingMonthSchema.optional().describe('YYYY-MM; default the newest period imported'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const consumptionUsagePageSchema = pageSchema(consumptionCategorySchema).extend({
  period: billingMonthSchema.nullable(),
  /** Periods with imported usage for this customer, newest first. */
  periods: z.array(billingMonthSchema),
  totals: z.object({ cost: z.number(), charge: z.number(), currency: z.string().nullable() }),
  importedAt: timestampSchema.nullable(),
});
export type ConsumptionUsagePage = z.infer<typeof consumptionUsagePageSchema>;

export const getConsumptionConfig = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/consumption-mappings',
  access: ACCESS,
  summary: "A CSP connection's consumption billing: currency and meter category mappings",
  tags: TAGS,
  params: idParamsSchema,
  response: consumptionConfigViewSchema,
});

export const saveConsumptionConfig = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id/consumption-mappings',
  access: ACCESS,
  summary: "Save a CSP connection's consumption billing mappings (409 when someone saved since it was read)",
  tags: TAGS,
  params: idParamsSchema,
  body: saveConsumptionConfigSchema,
  response: consumptionConfigViewSchema,
});

export const listConsumptionUsage = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/consumption-usage',
  access: ACCESS,
  summary:
    "One customer's imported Azure usage for a period by meter category: cost, and the charge after markup",
  tags: TAGS,
  params: idParamsSchema,
  query: consumptionUsageQuerySchema,
  response: consumptionUsagePageSchema,
});
