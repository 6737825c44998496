import { z } from 'zod';
import { applySubscriptionChange } from '../partner-center/pending.js';
import type { PcSubscriptionWithPending } from '../partner-center/records.js';
import { subscriptionJson } from '../partner-center/shapes.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';

export const subscriptionUpdateInputSchema = z
  .object({
    quantity: z.number().int().min(1).max(100_000).optional(),
    status: z.enum(['active', 'suspended']).optional(),
    autoRenewEnabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one of quantity, status, autoRenewEnabled');
export type SubscriptionUpdateInput = z.input<typeof subscriptionUpdateInputSchema>;

/**
 * A change made to a CSP subscription outside the API (Partner Center's portal, Microsoft
 * support): applied as it is, without the new-commerce window. The customer's SKU follows and
 * Partner Center raises `subscription-updated` to a registered webhook.
 */
export function updateSubscription(
  admin: AdminContext,
  customerId: string,
  subscriptionId: string,
  input: SubscriptionUpdateInput,
) {
  const parsed = subscriptionUpdateInputSchema.parse(input);
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  const customer = admin.tenant(customerId);
  const subs = partner?.partnerCenter?.subscriptions.get(customer.id);
  const sub = [...(subs?.values() ?? [])].find(
    (s) => s.props.id.toLowerCase() === subscriptionId.toLowerCase(),
  ) as PcSubscriptionWithPending | undefined;
  if (!sub) {
    throw new AdminError(
      404,
      'SubscriptionNotFound',
      `Customer ${customer.id} has no subscription '${subscriptionId}'.`,
    );
  }
  const changes: Record<string, unknown> = { ...parsed };
  if (parsed.status === 'suspended') changes.suspensionReasons = ['CustomerCancellation'];
  if (parsed.status === 'active') changes.suspensionReasons = [];
  applySubscriptionChange(admin.emulator, customer.id, sub, changes);
  return subscriptionJson(customer.id, sub);
}
