import { z } from 'zod';
import { createAzurePlanRecord } from '../graph/partner-billing/azure-plan.js';
import { isAzurePlan, unbilledUsageLines } from '../graph/partner-billing/usage-lines.js';
import { addSubscription } from '../partner-center/records.js';
import type { PartnerCenterState } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';

export const usageInputSchema = z.object({
  /** The customer's Azure plan subscription; default its first one. */
  subscriptionId: z.string().optional(),
  meterCategory: z.string().min(1),
  meterSubCategory: z.string().default(''),
  meterName: z.string().min(1),
  unit: z.string().min(1),
  quantity: z.number().finite(),
  unitPrice: z.number().finite(),
  usageDate: z.iso.date(),
});
export type UsageInput = z.input<typeof usageInputSchema>;

function partnerCenter(admin: AdminContext): { state: PartnerCenterState; partnerId: string } {
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  if (!partner?.partnerCenter) throw new AdminError(409, 'NoPartner', 'The estate has no partner tenant.');
  return { state: partner.partnerCenter, partnerId: partner.id };
}

/** Buys the customer an Azure plan (one per customer, as Partner Center allows); answers it. */
export function addAzurePlan(admin: AdminContext, customerId: string) {
  const customer = admin.tenant(customerId);
  const { state } = partnerCenter(admin);
  if (!state.customers.has(customer.id)) {
    throw new AdminError(404, 'TenantNotFound', `Tenant ${customer.id} is not a customer of the partner.`);
  }
  const existing = [...(state.subscriptions.get(customer.id)?.values() ?? [])].find(isAzurePlan);
  if (existing) return existing.props;
  const record = createAzurePlanRecord({
    customerId: customer.id,
    startedAt: admin.emulator.clock.now(),
    partnerId: '',
  });
  addSubscription(admin.emulator.estate, customer.id, record);
  return record.props;
}

/** Adds a day of one meter's usage to the customer's Azure plan; the next export serves it. */
export function addUsage(admin: AdminContext, customerId: string, input: UsageInput) {
  const parsed = usageInputSchema.parse(input);
  const customer = admin.tenant(customerId);
  const { state } = partnerCenter(admin);
  const plans = [...(state.subscriptions.get(customer.id)?.values() ?? [])].filter(isAzurePlan);
  const plan = parsed.subscriptionId
    ? plans.find((p) => p.props.id.toLowerCase() === parsed.subscriptionId!.toLowerCase())
    : plans[0];
  if (!plan) {
    throw new AdminError(
      404,
      'SubscriptionNotFound',
      `Customer ${customer.id} has no Azure plan${parsed.subscriptionId ? ` '${parsed.subscriptionId}'` : ''}; POST /_emulator/partner-center/customers/{id}/azure-plan first.`,
    );
  }
  const record = { ...parsed, customerId: customer.id, subscriptionId: plan.props.id };
  (state.addedUsage ??= []).push(record);
  return record;
}

/** The line items an unbilled export of the period would serve for one customer (tests total them). */
export function usageOf(
  admin: AdminContext,
  customerId: string,
  period: string | null,
  currency: string | null,
) {
  const customer = admin.tenant(customerId);
  const lines = unbilledUsageLines(admin.emulator.estate, {
    period: period === 'last' ? 'last' : 'current',
    now: admin.emulator.clock.now(),
    currency: currency ?? 'GBP',
    attributeSet: 'full',
  }).filter((l) => l.CustomerId === customer.id);
  return { count: lines.length, items: lines };
}
