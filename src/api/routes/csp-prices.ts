import type { FastifyInstance } from 'fastify';
import { listCspPrices } from '../../contracts/api/csp-pricing.js';
import { createCspPriceRepository } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { pricingMarketOf } from '../integrations/pricing/subscription-pricing.js';
import { loadConnectionOfKind } from './entra-connections-load.js';
import { endpointRegistrar, iso, isoOrNull } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

/**
 * A CSP connection's imported price sheet (guide 002 "Subscription Pricing"), for its marketplace,
 * page by page: anyone with a read grant on the connection (or integrations.csp.configure).
 */
export function registerCspPriceRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  on(listCspPrices, async ({ params, query, principal }) => {
    const connection = await loadConnectionOfKind(deps, deps.db, 'csp', params.id, principal, 'read');
    const market = pricingMarketOf(connection);
    const prices = createCspPriceRepository(deps.db);
    const [page, importedAt] = await Promise.all([
      prices.list(connection.id, market, { search: query.search, page: query.page, limit: query.limit }),
      prices.lastImportedAt(connection.id, market),
    ]);
    const more = query.page * query.limit < page.total;
    return {
      market,
      page: query.page,
      importedAt: isoOrNull(importedAt),
      total: page.total,
      nextCursor: more ? String(query.page + 1) : null,
      items: page.items.map((r) => ({
        id: r.id,
        market: r.market,
        productId: r.productId,
        skuId: r.skuId,
        productTitle: r.productTitle,
        skuTitle: r.skuTitle,
        termDuration: r.termDuration,
        billingPlan: r.billingPlan,
        currency: r.currency,
        unitCost: r.unitCost,
        unitPrice: r.unitPrice,
        effectiveStart: isoOrNull(r.effectiveStart),
        effectiveEnd: isoOrNull(r.effectiveEnd),
        importedAt: iso(r.importedAt),
      })),
    };
  });
}
