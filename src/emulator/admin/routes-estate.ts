import type { AdminContext } from './admin-context.js';
import { addCustomer, newCustomerInputSchema } from './customers.js';
import {
  deviceUpdateInputSchema,
  enrolDevices,
  enrolInputSchema,
  retireDevice,
  updateDevice,
} from './device-changes.js';
import {
  changeGroupMembers,
  createGroup,
  groupMembersInputSchema,
  newGroupInputSchema,
} from './group-changes.js';
import { addJoiners, joinersInputSchema } from './joiners.js';
import { removeLeavers, leaversInputSchema } from './leavers.js';
import {
  addSku,
  changeLicences,
  licenceChangesInputSchema,
  newSkuInputSchema,
  skuUpdateInputSchema,
  updateSku,
} from './licence-changes.js';
import { moveMovers, moversInputSchema } from './movers.js';
import { resetEmulator, seedInputSchema, seedMore } from './operations.js';
import { parseBody } from './respond.js';
import { subscriptionUpdateInputSchema, updateSubscription } from './subscription-changes.js';
import { addAzurePlan, addUsage, usageInputSchema, usageOf } from './usage-changes.js';
import { changePrice, priceChangeInputSchema } from './price-changes.js';
import type { adminRoutes } from './route-table.js';
import { tenantDetail, tenantSummary } from './tenants.js';

/** Reset, seed, tenants and the directory changes (joiners, leavers, movers, groups, licences, devices, customers). */
export function registerEstateRoutes(admin: AdminContext, on: ReturnType<typeof adminRoutes>): void {
  const { estate } = admin.emulator;
  on('POST', '/reset', (req) => resetEmulator(admin, parseBody(seedInputSchema, req)));
  on('POST', '/seed', (req) => seedMore(admin, parseBody(seedInputSchema, req)), 201);

  on('GET', '/tenants', () => [...estate.tenants.values()].map((t) => tenantSummary(estate, t)));
  on('GET', '/tenants/:id', (_req, p) => tenantDetail(estate, admin.tenant(p.id!)));

  on(
    'POST',
    '/tenants/:id/joiners',
    (req, p) => addJoiners(admin, p.id!, parseBody(joinersInputSchema, req)),
    201,
  );
  on('POST', '/tenants/:id/leavers', (req, p) =>
    removeLeavers(admin, p.id!, parseBody(leaversInputSchema, req)),
  );
  on('POST', '/tenants/:id/movers', (req, p) => moveMovers(admin, p.id!, parseBody(moversInputSchema, req)));

  on(
    'POST',
    '/tenants/:id/groups',
    (req, p) => createGroup(admin, p.id!, parseBody(newGroupInputSchema, req)),
    201,
  );
  on('POST', '/tenants/:id/groups/:gid/members', (req, p) =>
    changeGroupMembers(admin, p.id!, p.gid!, parseBody(groupMembersInputSchema, req)),
  );

  on('POST', '/tenants/:id/licences', (req, p) =>
    changeLicences(admin, p.id!, parseBody(licenceChangesInputSchema, req)),
  );
  on('POST', '/tenants/:id/skus', (req, p) => addSku(admin, p.id!, parseBody(newSkuInputSchema, req)), 201);
  on('PATCH', '/tenants/:id/skus/:skuId', (req, p) =>
    updateSku(admin, p.id!, p.skuId!, parseBody(skuUpdateInputSchema, req)),
  );
  on('PATCH', '/partner-center/customers/:id/subscriptions/:subscriptionId', (req, p) =>
    updateSubscription(admin, p.id!, p.subscriptionId!, parseBody(subscriptionUpdateInputSchema, req)),
  );
  on('POST', '/partner-center/customers/:id/azure-plan', (_req, p) => addAzurePlan(admin, p.id!), 201);
  on(
    'POST',
    '/partner-center/customers/:id/usage',
    (req, p) => addUsage(admin, p.id!, parseBody(usageInputSchema, req)),
    201,
  );
  on('PUT', '/partner-center/prices', (req) => changePrice(admin, parseBody(priceChangeInputSchema, req)));
  on('GET', '/partner-center/customers/:id/usage', (req, p) =>
    usageOf(admin, p.id!, req.url.searchParams.get('period'), req.url.searchParams.get('currency')),
  );

  on(
    'POST',
    '/tenants/:id/devices',
    (req, p) => enrolDevices(admin, p.id!, parseBody(enrolInputSchema, req)),
    201,
  );
  on('PATCH', '/tenants/:id/devices/:deviceId', (req, p) =>
    updateDevice(admin, p.id!, p.deviceId!, parseBody(deviceUpdateInputSchema, req)),
  );
  on('DELETE', '/tenants/:id/devices/:deviceId', (_req, p) => retireDevice(admin, p.id!, p.deviceId!));

  on('POST', '/customers', (req) => addCustomer(admin, parseBody(newCustomerInputSchema, req)), 201);
}
