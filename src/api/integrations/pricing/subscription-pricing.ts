import { DEFAULT_PRICING_MARKETPLACE, PRICING_MARKETPLACES } from '../../../contracts/api/csp-pricing.js';
import { createCspPriceRepository, type ConnectionSummary, type Database } from '../../../store/index.js';

/** The connection's marketplace setting, read leniently (a stored value another version wrote: GB). */
export function pricingMarketOf(connection: Pick<ConnectionSummary, 'settings'>) {
  const stored = connection.settings.pricingMarketplace;
  return PRICING_MARKETPLACES.find((m) => m === stored) ?? DEFAULT_PRICING_MARKETPLACE;
}

/**
 * After the licences module wrote a tenant's subscriptions: price them from the connection's
 * imported sheet, inside the same transaction. Nothing happens (no counts) until the pricing
 * module has imported a sheet for the connection's marketplace.
 */
export async function priceTenantSubscriptions(
  tx: Database,
  connection: Pick<ConnectionSummary, 'id' | 'settings'>,
  tenantId: string,
  now: Date,
): Promise<Record<string, number>> {
  const prices = createCspPriceRepository(tx);
  const market = pricingMarketOf(connection);
  if (!(await prices.hasPrices(connection.id, market))) return {};
  const result = await prices.priceSubscriptions(connection.id, market, now, { tenantId });
  return { 'pricing.priced': result.priced, 'pricing.unmatched': result.unmatched };
}
