import { z } from 'zod';
import { PRICE_MARKETS, priceKey, priceListRows, type PriceMarket } from '../partner-center/price-list.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';

export const priceChangeInputSchema = z.object({
  market: z.string().min(2),
  productId: z.string().min(1),
  skuId: z.string().min(1),
  termDuration: z.string().min(1),
  billingPlan: z.string().min(1),
  /** The partner's cost (`UnitPrice`). */
  unitPrice: z.number().finite().min(0),
  /** The estimated retail price (`ERP Price`). */
  erpPrice: z.number().finite().min(0),
});
export type PriceChangeInput = z.input<typeof priceChangeInputSchema>;

/** Changes one row of the partner's price sheet, as Microsoft's monthly price updates do; answers the row. */
export function changePrice(admin: AdminContext, input: z.output<typeof priceChangeInputSchema>) {
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  if (!partner?.partnerCenter) throw new AdminError(409, 'NoPartner', 'The estate has no partner tenant.');
  const market = input.market.toUpperCase();
  if (!Object.hasOwn(PRICE_MARKETS, market)) {
    throw new AdminError(404, 'SkuNotFound', `No price sheet for market ${input.market}.`);
  }
  const key = priceKey({ ...input, market: market as PriceMarket });
  const row = priceListRows(market as PriceMarket).find((r) => priceKey(r) === key);
  if (!row) {
    throw new AdminError(
      404,
      'SkuNotFound',
      `The ${market} price sheet has no row for ${input.productId}:${input.skuId} ${input.termDuration} ${input.billingPlan}.`,
    );
  }
  const changes = (partner.partnerCenter.priceChanges ??= new Map());
  changes.set(key, { unitPrice: input.unitPrice, erpPrice: input.erpPrice });
  return { ...row, unitPrice: input.unitPrice, erpPrice: input.erpPrice };
}
