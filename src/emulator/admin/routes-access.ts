import {
  allowedTenantsInputSchema,
  partnerCenterRolesInputSchema,
  setAllowedTenants,
  setPartnerCenterRoles,
  setUserRisk,
  userRiskInputSchema,
} from './access-changes.js';
import type { AdminContext } from './admin-context.js';
import { parseBody } from './respond.js';
import type { adminRoutes } from './route-table.js';

/** Allowed tenants of multi-tenant apps, user risk, Partner Center roles. */
export function registerAccessRoutes(admin: AdminContext, on: ReturnType<typeof adminRoutes>): void {
  on('PUT', '/apps/:clientId/allowed-tenants', (req, p) =>
    setAllowedTenants(admin, p.clientId!, parseBody(allowedTenantsInputSchema, req)),
  );
  on('PUT', '/tenants/:id/users/:userId/risk', (req, p) =>
    setUserRisk(admin, p.id!, p.userId!, parseBody(userRiskInputSchema, req)),
  );
  on('PUT', '/partner-center/users/:userId/roles', (req, p) =>
    setPartnerCenterRoles(admin, p.userId!, parseBody(partnerCenterRolesInputSchema, req)),
  );
}
