import type { EmulatorContext } from '../context.js';
import { findCataloguePlan } from '../graph/licences/catalogue.js';
import type { SkuRecord } from '../state/types.js';
import { pcRoute } from './auth.js';
import { pcErrors } from './errors.js';
import { pcCollection, pcJson, pcLink } from './respond.js';
import { customerOf } from './subscriptions.js';

/** Azure AD licences are license group 1; group 2 is Minecraft, which the emulator never sells. */
const LICENSE_GROUP = 'group1';

/**
 * A Graph SKU as Partner Center's SubscribedSku (license-resources.md):
 * `totalUnits = activeUnits + warningUnits`, `availableUnits = totalUnits − consumedUnits`.
 */
export function pcSubscribedSkuJson(sku: SkuRecord): Record<string, unknown> {
  const activeUnits = sku.prepaidUnits.enabled;
  const warningUnits = sku.prepaidUnits.warning;
  const totalUnits = activeUnits + warningUnits;
  return {
    availableUnits: totalUnits - sku.consumedUnits,
    activeUnits,
    consumedUnits: sku.consumedUnits,
    suspendedUnits: sku.prepaidUnits.suspended,
    totalUnits,
    warningUnits,
    productSku: {
      id: sku.skuId,
      name: sku.displayName,
      skuPartNumber: sku.skuPartNumber,
      targetType: 'User',
      licenseGroupId: LICENSE_GROUP,
    },
    servicePlans: sku.servicePlans.map((p) => ({
      displayName: findCataloguePlan(p.servicePlanId)?.displayName ?? p.servicePlanName,
      serviceName: p.servicePlanName,
      id: p.servicePlanId,
      capabilityStatus: 'Enabled',
      targetType: 'User',
    })),
    capabilityStatus: sku.capabilityStatus,
    attributes: { objectType: 'SubscribedSku' },
  };
}

/**
 * `GET /v1/customers/{id}/subscribedskus[?licenseGroupIds=Group1|Group2]`: "App+User credentials
 * only" (get-a-list-of-available-licenses.md), so an app-only token gets the 401 of such APIs.
 */
export function registerSubscribedSkuRoutes(ctx: EmulatorContext): void {
  ctx.router.on(
    'GET',
    '/partnercenter/v1/customers/:customerId/subscribedskus',
    { service: 'partnercenter', name: 'GET /v1/customers/{id}/subscribedskus' },
    pcRoute(
      ctx,
      (req, params, caller) => {
        const customer = customerOf(caller, params.customerId);
        if ('status' in customer) return customer;
        if (customer.relationshipToPartner === 'none') return pcErrors.noResellerRelationship(customer.id);
        const groups = req.url.searchParams.get('licenseGroupIds');
        const wanted = groups ? groups.split('|').map((g) => g.trim().toLowerCase()) : [LICENSE_GROUP];
        const skus = wanted.includes(LICENSE_GROUP)
          ? [...(ctx.estate.tenant(customer.id)?.skus.values() ?? [])]
          : [];
        return pcJson(
          200,
          pcCollection(skus.map(pcSubscribedSkuJson), {
            self: pcLink(`/v1/customers/${customer.id}/subscribedskus`),
          }),
        );
      },
      { appUserOnly: true },
    ),
  );
}
