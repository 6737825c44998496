import { z } from 'zod';
import { USER_RISK_LEVELS } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { appOrThrow } from './apps.js';

/*
 * Who may use what, as the Microsoft portals change it: a multi-tenant app's allowed tenants,
 * a user's risk (Identity Protection) and a partner user's Partner Center roles. These are the
 * switches behind guide 002's common errors ("not allowed to be used by tenant", risky user,
 * "Error - Forbidden").
 */

export const allowedTenantsInputSchema = z
  .object({
    /** Null: "Allow all tenants" (the default); a list: only these tenants (besides its home). */
    tenantIds: z.array(z.string().min(1)).nullable(),
  })
  .strict();

export const userRiskInputSchema = z.object({ riskLevel: z.enum(USER_RISK_LEVELS) }).strict();

export const partnerCenterRolesInputSchema = z
  .object({
    /** e.g. AdminAgent, SalesAgent, HelpdeskAgent; empty: no Partner Center role; null: back to Admin agent. */
    roles: z.array(z.string().min(1)).nullable(),
  })
  .strict();

/** Authentication › Supported accounts of a multi-tenant app: all tenants, or only some. */
export function setAllowedTenants(
  admin: AdminContext,
  clientId: string,
  input: z.input<typeof allowedTenantsInputSchema>,
) {
  const { tenantIds } = allowedTenantsInputSchema.parse(input);
  const app = appOrThrow(admin, clientId);
  if (!app.multiTenant) {
    throw new AdminError(409, 'Conflict', `App ${clientId} is single-tenant; it has no tenant allow-list.`);
  }
  app.allowedTenantIds = tenantIds === null ? null : tenantIds.map((id) => admin.tenant(id).id);
  return { clientId: app.clientId, allowedTenantIds: app.allowedTenantIds };
}

/** Identity Protection's verdict on a user; `high` is blocked by the tenant's user-risk policy. */
export function setUserRisk(
  admin: AdminContext,
  tenantId: string,
  userId: string,
  input: z.input<typeof userRiskInputSchema>,
) {
  const { riskLevel } = userRiskInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const id = tenant.upnIndex.get(userId.toLowerCase()) ?? userId.toLowerCase();
  const user = tenant.users.get(id);
  if (!user) throw new AdminError(404, 'UserNotFound', `No user '${userId}' in tenant ${tenant.id}.`);
  user.riskLevel = riskLevel;
  return { tenantId: tenant.id, userId: user.props.id, riskLevel };
}

/** A partner user's Partner Center roles (Partner Center › Account settings › User management). */
export function setPartnerCenterRoles(
  admin: AdminContext,
  userId: string,
  input: z.input<typeof partnerCenterRolesInputSchema>,
) {
  const { roles } = partnerCenterRolesInputSchema.parse(input);
  const estate = admin.emulator.estate;
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  if (!partner?.partnerCenter) throw new AdminError(409, 'Conflict', 'The emulator has no partner tenant.');
  const id = partner.upnIndex.get(userId.toLowerCase()) ?? userId.toLowerCase();
  if (!partner.users.has(id)) {
    throw new AdminError(404, 'UserNotFound', `No user '${userId}' in the partner tenant.`);
  }
  if (roles === null) partner.partnerCenter.userRoles.delete(id);
  else partner.partnerCenter.userRoles.set(id, roles);
  return { userId: id, roles: partner.partnerCenter.userRoles.get(id) ?? ['AdminAgent'] };
}
