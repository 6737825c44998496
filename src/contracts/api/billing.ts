import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Products and recurring invoices (guide 002 "Import Products and Create Invoice Lines", issue 7):
 * a CSP connection may create a desk product for every imported subscription, and add new
 * subscriptions to the customer's newest recurring invoice that bills on the same schedule, with a
 * pro-rata line to the day; quantity changes add pro-rata adjustments. See docs/billing.md.
 */

/** How often a recurring invoice (or a subscription) bills. */
export const BILLING_CYCLES = ['monthly', 'quarterly', 'annual', 'triennial'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** The CSP connection setting (guide 002): do not import / import products / and create invoice lines. */
export const PRODUCT_IMPORT_MODES = ['none', 'products', 'productsAndInvoiceLines'] as const;
export type ProductImportMode = (typeof PRODUCT_IMPORT_MODES)[number];
export const DEFAULT_PRODUCT_IMPORT_MODE: ProductImportMode = 'none';

export const productImportModeSchema = z.enum(
  PRODUCT_IMPORT_MODES,
  `importProducts must be one of ${PRODUCT_IMPORT_MODES.join(', ')}`,
);

/** What a line is: the subscription's recurring charge, a one-off pro-rata charge or adjustment, usage, or typed by hand. */
export const INVOICE_LINE_KINDS = ['recurring', 'proRata', 'adjustment', 'consumption', 'manual'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

const isoDateSchema = z.iso.date('must be a date (YYYY-MM-DD)');
const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'currency must be a three-letter ISO 4217 code such as GBP');
const moneySchema = (field: string) =>
  z
    .number(`${field} must be a number`)
    .finite(`${field} must be a number`)
    .min(-10_000_000, `${field} is too small`)
    .max(10_000_000, `${field} is too large`)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${field} must have at most 2 decimals`);

export const productSchema = z.object({
  id: idSchema,
  name: z.string(),
  customerId: idSchema.nullable(),
  customerName: z.string().nullable(),
  /** The CSP subscription the product was created from (the product's "Subscription" tab). */
  subscription: z
    .object({
      id: idSchema,
      partnerCenterSubscriptionId: z.string(),
      friendlyName: z.string(),
      quantity: z.number().int(),
      status: z.string(),
      billingCycle: z.string().nullable(),
      removed: z.boolean(),
    })
    .nullable(),
  /** Price to the customer and cost to the partner, per `pricePeriod`; null when unknown. */
  unitPrice: z.number().nullable(),
  unitCost: z.number().nullable(),
  currency: z.string().nullable(),
  pricePeriod: z.enum(['P1M', 'P1Y', 'P3Y']),
  /** Where the price came from: the pricing import, or typed on the desk (then imports leave it). */
  priceSource: z.enum(['pricing', 'manual', 'none']),
  /** Why the subscription is not (yet) on a recurring invoice, or null. */
  billingNote: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ProductView = z.infer<typeof productSchema>;

export const productListQuerySchema = listQuerySchema.extend({
  customerId: idSchema.optional(),
});

export const productUpdateSchema = z
  .object({
    name: nameSchema('name').optional(),
    unitPrice: moneySchema('unitPrice').nullable().optional(),
    unitCost: moneySchema('unitCost').nullable().optional(),
    currency: currencySchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, unitPrice, unitCost, currency');
export type ProductUpdate = z.infer<typeof productUpdateSchema>;

export const invoiceLineSchema = z.object({
  id: idSchema,
  invoiceId: idSchema,
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  productId: idSchema.nullable(),
  subscriptionId: idSchema.nullable(),
  quantity: z.number(),
  /** Per period of the invoice; null when the product has no price yet. */
  unitPrice: z.number().nullable(),
  /** Share of one invoice period the line charges (1 for recurring lines; 15/29 for half of February). */
  periodFraction: z.number(),
  /** quantity × unitPrice × periodFraction, in cents; null without a price. Negative: a credit. */
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  /** The days a one-off line charges (pro-rata, adjustment, usage). */
  periodStart: isoDateSchema.nullable(),
  periodEnd: isoDateSchema.nullable(),
  /** One-off lines (pro-rata, adjustments, usage) go on the next invoice only; the others on every one. */
  oneOff: z.boolean(),
  createdAt: timestampSchema,
});
export type InvoiceLineView = z.infer<typeof invoiceLineSchema>;

export const recurringInvoiceSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  customerName: z.string(),
  reference: z.string(),
  cycle: z.enum(BILLING_CYCLES),
  /** The start of one of its periods: the day (and month) every period starts. */
  anchorDate: isoDateSchema,
  /** The current period (containing today). */
  currentPeriod: z.object({ start: isoDateSchema, end: isoDateSchema }),
  /** When the next invoice is created: the start of the next period. */
  nextInvoiceDate: isoDateSchema,
  currency: z.string(),
  active: z.boolean(),
  lineCount: z.number().int(),
  /** Sum of the recurring lines per period, and of the one-off lines waiting for the next invoice. */
  recurringTotal: z.number().nullable(),
  oneOffTotal: z.number().nullable(),
  createdAt: timestampSchema,
});
export type RecurringInvoiceView = z.infer<typeof recurringInvoiceSchema>;

export const recurringInvoiceDetailSchema = recurringInvoiceSchema.extend({
  lines: z.array(invoiceLineSchema),
});
export type RecurringInvoiceDetail = z.infer<typeof recurringInvoiceDetailSchema>;

export const recurringInvoiceInputSchema = z.object({
  reference: nameSchema('reference', 100),
  cycle: z.enum(BILLING_CYCLES, `cycle must be one of ${BILLING_CYCLES.join(', ')}`),
  anchorDate: isoDateSchema.describe(
    'The first day of one of its periods, e.g. 2026-01-01 for the 1st of each month',
  ),
  currency: currencySchema,
  active: z.boolean().default(true),
});
export type RecurringInvoiceInput = z.input<typeof recurringInvoiceInputSchema>;

export const recurringInvoiceUpdateSchema = z
  .object({
    reference: nameSchema('reference', 100).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give reference or active');

export const manualLineInputSchema = z.object({
  description: nameSchema('description', 300),
  productId: idSchema.optional(),
  quantity: z.number('quantity must be a number').finite().min(-1_000_000).max(1_000_000),
  unitPrice: moneySchema('unitPrice'),
});

export const invoiceLineUpdateSchema = z
  .object({
    description: nameSchema('description', 300).optional(),
    quantity: z.number('quantity must be a number').finite().min(-1_000_000).max(1_000_000).optional(),
    unitPrice: moneySchema('unitPrice').optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give description, quantity or unitPrice');

export const addSubscriptionLineSchema = z.object({
  /** Which recurring invoice: by default the customer's newest one billing on the subscription's schedule. */
  invoiceId: idSchema.optional(),
});

const TAGS = ['billing'];
const read = { permission: 'billing.read' } as const;
const manage = { permission: 'billing.manage' } as const;

export const listProducts = defineEndpoint({
  method: 'GET',
  path: '/api/products',
  access: read,
  summary: 'Products (those created from CSP subscriptions link to them)',
  tags: TAGS,
  query: productListQuerySchema,
  response: pageSchema(productSchema),
});

export const getProduct = defineEndpoint({
  method: 'GET',
  path: '/api/products/:id',
  access: read,
  summary: 'One product, with the CSP subscription it was created from',
  tags: TAGS,
  params: idParamsSchema,
  response: productSchema,
});

export const updateProduct = defineEndpoint({
  method: 'PATCH',
  path: '/api/products/:id',
  access: manage,
  summary: "Rename a product or set its price (a price typed here is kept over the pricing import's)",
  tags: TAGS,
  params: idParamsSchema,
  body: productUpdateSchema,
  response: productSchema,
});

export const listCustomerRecurringInvoices = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/recurring-invoices',
  access: read,
  summary: "A customer's recurring invoices, newest first",
  tags: TAGS,
  params: idParamsSchema,
  response: z.object({ items: z.array(recurringInvoiceSchema) }),
});

export const createRecurringInvoice = defineEndpoint({
  method: 'POST',
  path: '/api/customers/:id/recurring-invoices',
  access: manage,
  summary: 'Create a recurring invoice for a customer',
  tags: TAGS,
  params: idParamsSchema,
  body: recurringInvoiceInputSchema,
  response: recurringInvoiceDetailSchema,
  status: 201,
});

export const getRecurringInvoice = defineEndpoint({
  method: 'GET',
  path: '/api/recurring-invoices/:id',
  access: read,
  summary: 'One recurring invoice with its lines',
  tags: TAGS,
  params: idParamsSchema,
  response: recurringInvoiceDetailSchema,
});

export const updateRecurringInvoice = defineEndpoint({
  method: 'PATCH',
  path: '/api/recurring-invoices/:id',
  access: manage,
  summary: 'Rename a recurring invoice, or stop (or restart) it taking new subscriptions',
  tags: TAGS,
  params: idParamsSchema,
  body: recurringInvoiceUpdateSchema,
  response: recurringInvoiceDetailSchema,
});

export const addManualInvoiceLine = defineEndpoint({
  method: 'POST',
  path: '/api/recurring-invoices/:id/lines',
  access: manage,
  summary: 'Add a line typed by hand',
  tags: TAGS,
  params: idParamsSchema,
  body: manualLineInputSchema,
  response: invoiceLineSchema,
  status: 201,
});

const lineParams = z.object({ id: idSchema, lineId: idSchema });

export const updateInvoiceLine = defineEndpoint({
  method: 'PATCH',
  path: '/api/recurring-invoices/:id/lines/:lineId',
  access: manage,
  summary: "Change a line's description, quantity or price (the amount follows)",
  tags: TAGS,
  params: lineParams,
  body: invoiceLineUpdateSchema,
  response: invoiceLineSchema,
});

export const deleteInvoiceLine = defineEndpoint({
  method: 'DELETE',
  path: '/api/recurring-invoices/:id/lines/:lineId',
  access: manage,
  summary: 'Remove a line',
  tags: TAGS,
  params: lineParams,
  response: z.null(),
  status: 204,
});

export const addSubscriptionToInvoice = defineEndpoint({
  method: 'POST',
  path: '/api/csp/subscriptions/:id/invoice-line',
  access: manage,
  summary:
    'Put a CSP subscription that was there before invoice lines were switched on onto a recurring invoice',
  tags: TAGS,
  params: idParamsSchema,
  body: addSubscriptionLineSchema,
  response: invoiceLineSchema,
  status: 201,
});

/** A CSP connection's product and invoice-line setting (guide 002, Tier 1 partners). */
export const billingSettingsSchema = z.object({
  importProducts: z.enum(PRODUCT_IMPORT_MODES),
  /** The day invoice lines were switched on: subscriptions bought before it get no line by themselves. */
  invoiceLinesFrom: isoDateSchema.nullable(),
  /** Products need subscriptions: false while the licence import type reads SKUs only. */
  subscriptionsImported: z.boolean(),
});
export type BillingSettingsView = z.infer<typeof billingSettingsSchema>;

export const billingSettingsInputSchema = z.object({ importProducts: productImportModeSchema });

export const getBillingSettings = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/billing',
  access: { permission: 'integrations.csp.configure' },
  summary: 'Whether subscriptions create products and recurring invoice lines',
  tags: TAGS,
  params: idParamsSchema,
  response: billingSettingsSchema,
});

export const putBillingSettings = defineEndpoint({
  method: 'PUT',
  path: '/api/csp/connections/:id/billing',
  access: { permission: 'integrations.csp.configure' },
  summary: 'Do not import / import products / import products and create invoice lines',
  tags: TAGS,
  params: idParamsSchema,
  body: billingSettingsInputSchema,
  response: billingSettingsSchema,
});
