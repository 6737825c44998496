import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Licence insight: seats paid vs assigned vs used per licence (SKU of a customer tenant), the
 * seats held by disabled or inactive users, CSP subscriptions renewing soon and their monthly
 * money when priced, per customer or across all; CSV exports and a weekly report (webhooks, e-mail).
 * Definitions in docs/licence-insight.md.
 */

const MAX_DAYS = 3650;

const inactiveDaysSchema = z.coerce
  .number('inactiveDays must be a whole number of days from 1 to 3650')
  .int('inactiveDays must be a whole number of days from 1 to 3650')
  .min(1, 'inactiveDays must be a whole number of days from 1 to 3650')
  .max(MAX_DAYS, 'inactiveDays must be a whole number of days from 1 to 3650')
  .default(90)
  .describe('Days without a sign-in after which a licensed, enabled user counts as inactive (default 90)');

const renewingWithinDaysSchema = z.coerce
  .number('renewingWithinDays must be a whole number of days from 1 to 365')
  .int('renewingWithinDays must be a whole number of days from 1 to 365')
  .min(1, 'renewingWithinDays must be a whole number of days from 1 to 365')
  .max(365, 'renewingWithinDays must be a whole number of days from 1 to 365')
  .default(30)
  .describe('Renewals listed from today to this many days ahead (default 30)');

const customerFilterSchema = idSchema.optional().describe('Only this customer; all customers when absent');

/**
 * What a pricing import must put on a CSP subscription for money to show: the currency and, per
 * seat for one `period`, what the partner pays (`unitCost`) and/or what the customer is charged
 * (`unitPrice`). Read from the subscription's stored pricing; without it insight says "no price yet".
 */
export const subscriptionPricingSchema = z
  .object({
    /** ISO 4217, upper case: GBP, USD, AUD, CAD, NZD, EUR … */
    currency: z.string().regex(/^[A-Z]{3}$/),
    unitCost: z.number().finite().nonnegative().nullable().optional(),
    unitPrice: z.number().finite().nonnegative().nullable().optional(),
    /** The span one unit amount pays for (ISO 8601): a month, a year or three years. */
    period: z.enum(['P1M', 'P1Y', 'P3Y']),
  })
  .refine((p) => p.unitCost != null || p.unitPrice != null, 'unitCost or unitPrice is needed');
export type SubscriptionPricing = z.infer<typeof subscriptionPricingSchema>;

const count = z.number().int();

/** The seat figures of one licence, or their sums. */
export const seatFiguresSchema = z.object({
  /** Seats paid: Partner Center totalUnits / Graph prepaidUnits enabled + warning. */
  paid: count,
  /** Seats assigned (consumedUnits). */
  assigned: count,
  /** Enabled holders who signed in within `inactiveDays`. */
  used: count,
  /** paid − assigned, never below 0. */
  unassigned: count,
  /** Desk users known to hold it (from the users import). */
  holders: count,
  /** Assigned seats whose holder the desk does not know (users not imported). */
  untracked: count,
  /** Held by users whose desk record is inactive (account disabled or deleted). */
  heldByDisabled: count,
  /** Held by enabled users whose last sign-in is older than `inactiveDays`. */
  heldByInactive: count,
  /** Held by enabled users with no known sign-in: unknown, not inactive. */
  heldByUnknown: count,
  /** unassigned + held by disabled + held by inactive, at most paid. */
  wasted: count,
});

export const insightTotalsSchema = seatFiguresSchema.extend({ licences: count });
export type InsightTotalsView = z.infer<typeof insightTotalsSchema>;

/** Monthly money over subscriptions, per currency; null amounts are unknown (no price yet). */
export const costTotalsSchema = z.object({
  priced: count,
  unpriced: count,
  byCurrency: z.array(
    z.object({
      currency: z.string(),
      monthlyCost: z.number().nullable(),
      monthlyPrice: z.number().nullable(),
    }),
  ),
});

export const customerTotalsSchema = insightTotalsSchema.extend({
  customerId: idSchema,
  customerName: z.string(),
});

/** The headline figures of licence insight (also the weekly report's body). */
export const insightSummarySchema = z.object({
  generatedAt: timestampSchema,
  /** The customer the figures are for; null: across all customers. */
  customerId: idSchema.nullable(),
  inactiveDays: count,
  renewingWithinDays: count,
  /** Customers with at least one current licence. */
  customers: count,
  totals: insightTotalsSchema,
  renewals: z.object({
    /** Current subscriptions whose commitment ends within `renewingWithinDays`. */
    count,
    /** … of which will not renew by themselves. */
    autoRenewOff: count,
  }),
  /** Monthly cost and price of current CSP subscriptions (from pricing). */
  money: costTotalsSchema,
  /** Across all: the customers with the most wasted seats (at most 20). */
  topCustomers: z.array(customerTotalsSchema),
});
export type InsightSummaryView = z.infer<typeof insightSummarySchema>;

/** One licence (SKU of a customer tenant) with its seat figures. */
export const skuInsightSchema = seatFiguresSchema.extend({
  licenceId: idSchema,
  customerId: idSchema,
  customerName: z.string(),
  tenantId: idSchema,
  tenantName: z.string().nullable(),
  skuId: idSchema,
  skuPartNumber: z.string(),
  friendlyName: z.string(),
  capabilityStatus: z.string(),
  source: z.string(),
});
export type SkuInsightView = z.infer<typeof skuInsightSchema>;

export const HOLDER_KINDS = ['disabled', 'inactive', 'unknown'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/**
 * A desk user behind one of the numbers (disabled, inactive, sign-in unknown: states of the user),
 * with the current licences they hold (only the SKU asked about when `skuId` is given).
 */
export const licenceHolderSchema = z.object({
  deskUserId: idSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  customerId: idSchema,
  customerName: z.string(),
  inactive: z.boolean(),
  isServiceAccount: z.boolean(),
  lastSignInAt: timestampSchema.nullable(),
  licences: z.array(
    z.object({
      skuId: idSchema,
      name: z.string(),
      /** Inherited from a group (not removable on the user). */
      viaGroup: z.boolean(),
    }),
  ),
});
export type LicenceHolderView = z.infer<typeof licenceHolderSchema>;

/** A current CSP subscription whose commitment ends soon. */
export const renewalSchema = z.object({
  id: idSchema,
  subscriptionId: z.string(),
  customerId: idSchema,
  customerName: z.string(),
  tenantId: idSchema,
  tenantName: z.string().nullable(),
  friendlyName: z.string(),
  offerName: z.string(),
  quantity: count,
  status: z.string(),
  termDuration: z.string().nullable(),
  billingCycle: z.string().nullable(),
  autoRenew: z.boolean(),
  commitmentEndDate: z.string(),
  /** From today (UTC) to the end date. */
  daysUntil: count,
  /** Null: no price yet. */
  currency: z.string().nullable(),
  monthlyCost: z.number().nullable(),
  monthlyPrice: z.number().nullable(),
});
export type RenewalView = z.infer<typeof renewalSchema>;

export const insightQuerySchema = listQuerySchema.extend({
  customerId: customerFilterSchema,
  inactiveDays: inactiveDaysSchema,
  renewingWithinDays: renewingWithinDaysSchema,
  search: listQuerySchema.shape.search.describe('Part of the product name, part number or customer name'),
  sort: z.enum(['name', '-name']).optional(),
});

export const holdersQuerySchema = listQuerySchema.extend({
  kind: z.enum(HOLDER_KINDS, `kind must be one of ${HOLDER_KINDS.join(', ')}`),
  customerId: customerFilterSchema,
  skuId: idSchema.optional().describe('Only holders of this SKU'),
  inactiveDays: inactiveDaysSchema,
  search: listQuerySchema.shape.search.describe('Part of the name, email or UPN, any case'),
  sort: z.enum(['name', '-name']).optional(),
});

export const renewalsQuerySchema = listQuerySchema.extend({
  customerId: customerFilterSchema,
  renewingWithinDays: renewingWithinDaysSchema,
  search: listQuerySchema.shape.search.describe('Part of the subscription, offer or customer name'),
  sort: z.enum(['date', '-date']).optional(),
});

export const EXPORT_REPORTS = ['skus', 'holders', 'renewals'] as const;

export const exportQuerySchema = z.object({
  report: z.enum(EXPORT_REPORTS, `report must be one of ${EXPORT_REPORTS.join(', ')}`),
  customerId: customerFilterSchema,
  inactiveDays: inactiveDaysSchema,
  renewingWithinDays: renewingWithinDaysSchema,
  kind: z
    .enum(HOLDER_KINDS, `kind must be one of ${HOLDER_KINDS.join(', ')}`)
    .optional()
    .describe('holders: which holders (default disabled)'),
  skuId: idSchema.optional(),
  search: listQuerySchema.shape.search,
});

export const getLicenceInsight = defineEndpoint({
  method: 'GET',
  path: '/api/licence-insight',
  access: { permission: 'customers.read' },
  summary:
    'Seats paid, assigned and used, wasted seats, renewals and monthly money; licences one page at a time',
  tags: ['licences'],
  query: insightQuerySchema,
  response: z.object({ summary: insightSummarySchema, skus: pageSchema(skuInsightSchema) }),
});

export const listLicenceHolders = defineEndpoint({
  method: 'GET',
  path: '/api/licence-insight/holders',
  access: { permission: 'customers.read' },
  summary: 'The users behind a number: licence holders who are disabled, inactive or never seen signing in',
  tags: ['licences'],
  query: holdersQuerySchema,
  response: pageSchema(licenceHolderSchema),
});

export const listRenewals = defineEndpoint({
  method: 'GET',
  path: '/api/licence-insight/renewals',
  access: { permission: 'customers.read' },
  summary: 'Current CSP subscriptions whose commitment ends soon, soonest first',
  tags: ['licences'],
  query: renewalsQuerySchema,
  response: pageSchema(renewalSchema),
});

export const exportLicenceInsight = defineEndpoint({
  method: 'GET',
  path: '/api/licence-insight/export.csv',
  access: { permission: 'customers.read' },
  summary: 'Licence insight as CSV: licences (skus), holders or renewals, with the same filters',
  tags: ['licences'],
  query: exportQuerySchema,
  response: z
    .string()
    .describe('text/csv; RFC 4180; cells that a spreadsheet would run as a formula start with a quote'),
});

/** Most webhook URLs the report goes to. */
export const MAX_REPORT_WEBHOOKS = 5;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `url` may receive the report: https anywhere, http only to this machine. */
export function isAllowedWebhookUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname));
  } catch {
    return false;
  }
}

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'webhookUrls entries must be at most 2000 characters')
  .refine(
    isAllowedWebhookUrl,
    'webhookUrls entries must be https:// URLs (http:// only to localhost), without a user name or password, e.g. https://hooks.example.com/rollcall',
  );

/** Most e-mail addresses the report goes to. */
export const MAX_REPORT_EMAIL_RECIPIENTS = 20;

const EMAIL_MESSAGE = 'emailRecipients entries must be e-mail addresses, e.g. it-team@example.com';

const emailRecipientSchema = z
  .string(EMAIL_MESSAGE)
  .trim()
  .max(254, 'emailRecipients entries must be at most 254 characters')
  .refine((value) => z.email().safeParse(value).success, EMAIL_MESSAGE);

const emailRecipientsSchema = z
  .array(emailRecipientSchema, 'emailRecipients must be a list of e-mail addresses')
  .max(
    MAX_REPORT_EMAIL_RECIPIENTS,
    `emailRecipients may list at most ${MAX_REPORT_EMAIL_RECIPIENTS} addresses`,
  )
  // The same address twice (in any case) gets one e-mail.
  .transform((list) =>
    list.filter((a, i) => list.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i),
  );

/**
 * The weekly licence insight report (instance-wide): whether it is sent, the webhook URLs it is
 * posted to (JSON), the addresses it is e-mailed to (when the server has SMTP settings), and the
 * figures' windows.
 */
export const reportSettingsSchema = z.object({
  enabled: z.boolean('enabled must be true or false'),
  webhookUrls: z
    .array(webhookUrlSchema, 'webhookUrls must be a list of URLs')
    .max(MAX_REPORT_WEBHOOKS, `webhookUrls may list at most ${MAX_REPORT_WEBHOOKS} URLs`)
    .transform((urls) => [...new Set(urls)]),
  inactiveDays: z
    .number('inactiveDays must be a whole number of days from 1 to 3650')
    .int('inactiveDays must be a whole number of days from 1 to 3650')
    .min(1, 'inactiveDays must be a whole number of days from 1 to 3650')
    .max(MAX_DAYS, 'inactiveDays must be a whole number of days from 1 to 3650'),
  renewingWithinDays: z
    .number('renewingWithinDays must be a whole number of days from 1 to 365')
    .int('renewingWithinDays must be a whole number of days from 1 to 365')
    .min(1, 'renewingWithinDays must be a whole number of days from 1 to 365')
    .max(365, 'renewingWithinDays must be a whole number of days from 1 to 365'),
  emailRecipients: emailRecipientsSchema.default([]),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

/** A change of the report settings: `emailRecipients` may be left out (they stay as they are). */
export const reportSettingsUpdateSchema = reportSettingsSchema.extend({
  emailRecipients: emailRecipientsSchema
    .optional()
    .describe(
      `At most ${MAX_REPORT_EMAIL_RECIPIENTS} addresses; new ones are refused while the server has no SMTP settings. Absent: unchanged`,
    ),
});
export type ReportSettingsUpdate = z.infer<typeof reportSettingsUpdateSchema>;

export const reportSettingsViewSchema = z.object({
  enabled: z.boolean(),
  webhookUrls: z.array(z.string()),
  inactiveDays: count,
  renewingWithinDays: count,
  /** When the report runs by itself (cron, UTC). */
  schedule: z.string(),
  emailRecipients: z.array(z.string()),
  /** Whether the server can send e-mail (its configuration has SMTP settings). */
  emailAvailable: z.boolean(),
});

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  enabled: false,
  webhookUrls: [],
  inactiveDays: 90,
  renewingWithinDays: 30,
  emailRecipients: [],
};

/** The JSON a webhook receives. */
export const reportPayloadSchema = z.object({
  event: z.literal('licence-insight.report'),
  /** `schedule` (the weekly job) or `manual` (Send now). */
  trigger: z.enum(['schedule', 'manual']),
  summary: insightSummarySchema,
});
export type ReportPayload = z.infer<typeof reportPayloadSchema>;

export const reportDeliverySchema = z.object({
  url: z.string(),
  ok: z.boolean(),
  /** The receiver's HTTP status; null when it could not be reached. */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ReportDelivery = z.infer<typeof reportDeliverySchema>;

/** Whether the SMTP server took the report e-mail for one recipient; `error` says why not. */
export const reportEmailDeliverySchema = z.object({
  to: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
});
export type ReportEmailDelivery = z.infer<typeof reportEmailDeliverySchema>;

export const getReportSettings = defineEndpoint({
  method: 'GET',
  path: '/api/licence-insight/report-settings',
  access: { permission: 'settings.manage' },
  summary: 'The weekly licence insight report: on or off, webhook URLs, e-mail recipients, windows',
  tags: ['licences'],
  response: reportSettingsViewSchema,
});

export const updateReportSettings = defineEndpoint({
  method: 'PUT',
  path: '/api/licence-insight/report-settings',
  access: { permission: 'settings.manage' },
  summary: 'Change the weekly licence insight report',
  tags: ['licences'],
  body: reportSettingsUpdateSchema,
  response: reportSettingsViewSchema,
});

export const sendReportNow = defineEndpoint({
  method: 'POST',
  path: '/api/licence-insight/report/send',
  access: { permission: 'settings.manage' },
  summary: 'Send the licence insight report to its webhook URLs and e-mail recipients now',
  tags: ['licences'],
  response: z.object({
    deliveries: z.array(reportDeliverySchema),
    emailDeliveries: z.array(reportEmailDeliverySchema),
  }),
});
