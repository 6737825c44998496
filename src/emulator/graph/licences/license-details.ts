import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../../context.js';
import type { GraphProps, TenantRecord, UserRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { project } from '../odata/select.js';
import { selection } from '../organization/selection.js';
import { badRequest, graphJson, notFound, odataContext } from '../respond.js';
import { findLiveUser, targetUserId } from './user-lookup.js';

const LICENSE_DETAILS_PROPERTIES = ['id', 'skuId', 'skuPartNumber', 'servicePlans'] as const;
const KNOWN = new Set<string>(LICENSE_DETAILS_PROPERTIES);

/** Graph's licenseDetails ids are opaque, stable per user and SKU. */
function licenseDetailsId(userId: string, skuId: string): string {
  return createHash('sha256').update(`${userId}|${skuId}`).digest('base64url').slice(0, 43);
}

/** One `licenseDetails` per assigned SKU; disabled plans show `provisioningStatus: Disabled`. */
export function licenseDetailsOf(tenant: TenantRecord, user: UserRecord): GraphProps[] {
  const assigned = (user.props.assignedLicenses as { skuId: string; disabledPlans: string[] }[]) ?? [];
  return assigned.flatMap(({ skuId, disabledPlans }) => {
    const sku = tenant.skus.get(skuId);
    if (!sku) return [];
    const disabled = new Set(disabledPlans);
    return [
      {
        id: licenseDetailsId(user.props.id, skuId),
        skuId,
        skuPartNumber: sku.skuPartNumber,
        servicePlans: sku.servicePlans.map((p) => ({
          servicePlanId: p.servicePlanId,
          servicePlanName: p.servicePlanName,
          provisioningStatus: disabled.has(p.servicePlanId) ? 'Disabled' : p.provisioningStatus,
          appliesTo: p.appliesTo,
        })),
      },
    ];
  });
}

/** `GET /users/{id}/licenseDetails` and `GET /me/licenseDetails`. */
export function registerLicenseDetailsRoutes(ctx: EmulatorContext): void {
  const handler = graphRoute(ctx, PERMISSIONS.readUsers, (req, params, caller) => {
    const userId = targetUserId(params, caller);
    if (userId === null) {
      return badRequest(req, '/me request is only valid with delegated authentication flow.');
    }
    const user = findLiveUser(caller.tenant, userId);
    if (!user) return notFound(req, userId);
    const select = selection(req, KNOWN, LICENSE_DETAILS_PROPERTIES, 'licenseDetails');
    if (!select.ok) return select.response;
    return graphJson(200, {
      '@odata.context': odataContext(req, `users('${user.props.id}')/licenseDetails${select.contextSuffix}`),
      value: licenseDetailsOf(caller.tenant, user).map((d) => project(d, select.properties)),
    });
  });
  ctx.router.on(
    'GET',
    '/v1.0/users/:id/licenseDetails',
    { service: 'graph', name: 'GET /users/{id}/licenseDetails' },
    handler,
  );
  ctx.router.on(
    'GET',
    '/v1.0/me/licenseDetails',
    { service: 'graph', name: 'GET /me/licenseDetails' },
    handler,
  );
}
