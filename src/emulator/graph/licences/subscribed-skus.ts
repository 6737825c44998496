import type { EmulatorContext } from '../../context.js';
import { settleSubscriptions } from '../../partner-center/pending.js';
import type { GraphProps, SkuRecord, TenantRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import type { EmuRequest } from '../../http/types.js';
import { project } from '../odata/select.js';
import { selection, type Selection } from '../organization/selection.js';
import { graphError, graphJson, notFound, odataContext } from '../respond.js';

const SUBSCRIBED_SKU_PROPERTIES = [
  'accountName',
  'accountId',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'id',
  'prepaidUnits',
  'servicePlans',
  'skuId',
  'skuPartNumber',
  'subscriptionIds',
] as const;

const KNOWN = new Set<string>(SUBSCRIBED_SKU_PROPERTIES);

/** The `subscribedSku` resource (subscribedsku-list.md); `id` is `<tenantId>_<skuId>`. */
export function subscribedSkuJson(tenant: TenantRecord, sku: SkuRecord): GraphProps {
  return {
    accountName: tenant.initialDomain.split('.')[0] ?? tenant.displayName,
    accountId: tenant.id,
    appliesTo: 'User',
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: sku.consumedUnits,
    id: `${tenant.id}_${sku.skuId}`,
    prepaidUnits: { ...sku.prepaidUnits },
    servicePlans: sku.servicePlans.map((p) => ({ ...p })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [...sku.subscriptionIds],
  };
}

/** `GET /subscribedSkus` (only `$select` is supported) and `GET /subscribedSkus/{id}`. */
export function registerSubscribedSkuRoutes(ctx: EmulatorContext): void {
  const selectOrError = (req: EmuRequest): Selection => {
    if (req.url.searchParams.has('$filter') || req.url.searchParams.has('$orderby')) {
      return { ok: false, response: graphError(req, 400, 'Request_UnsupportedQuery', 'Unsupported Query.') };
    }
    return selection(req, KNOWN, SUBSCRIBED_SKU_PROPERTIES, 'subscribedSku');
  };

  ctx.router.on(
    'GET',
    '/v1.0/subscribedSkus',
    { service: 'graph', name: 'GET /subscribedSkus' },
    graphRoute(ctx, PERMISSIONS.readOrganization, (req, _params, caller) => {
      const select = selectOrError(req);
      if (!select.ok) return select.response;
      settleSubscriptions(ctx);
      const value = [...caller.tenant.skus.values()].map((sku) =>
        project(subscribedSkuJson(caller.tenant, sku), select.properties),
      );
      return graphJson(200, {
        '@odata.context': odataContext(req, `subscribedSkus${select.contextSuffix}`),
        value,
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/subscribedSkus/:id',
    { service: 'graph', name: 'GET /subscribedSkus/{id}' },
    graphRoute(ctx, PERMISSIONS.readOrganization, (req, params, caller) => {
      const select = selectOrError(req);
      if (!select.ok) return select.response;
      settleSubscriptions(ctx);
      const id = params.id ?? '';
      const [tenantPart, skuPart] = id.split('_');
      const sku = skuPart ? caller.tenant.skus.get(skuPart.toLowerCase()) : undefined;
      if (!sku || tenantPart?.toLowerCase() !== caller.tenant.id) return notFound(req, id);
      return graphJson(200, {
        '@odata.context': odataContext(req, `subscribedSkus${select.contextSuffix}/$entity`),
        ...project(subscribedSkuJson(caller.tenant, sku), select.properties),
      });
    }),
  );
}
