import type { EmulatorContext } from './context.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerBatchRoutes } from './graph/batch/routes.js';
import { registerDeltaRoutes } from './graph/delta/routes.js';
import { registerDeviceRoutes } from './graph/devices/routes.js';
import { registerGdapRoutes } from './graph/gdap/routes.js';
import { registerGroupRoutes } from './graph/groups/routes.js';
import { registerLicenceRoutes } from './graph/licences/routes.js';
import { registerOrganizationRoutes } from './graph/organization/routes.js';
import { registerPartnerBillingRoutes } from './graph/partner-billing/routes.js';
import { registerSubscriptionRoutes } from './graph/subscriptions/routes.js';
import { registerUserRoutes } from './graph/users/routes.js';
import { registerIdentityRoutes } from './identity/routes.js';
import { registerPartnerCenterRoutes } from './partner-center/routes.js';

/** Every route module of the emulator; each registers its own routes on `ctx.router`. */
export function registerModules(ctx: EmulatorContext): void {
  registerIdentityRoutes(ctx);
  // Delta before users/groups so `/users/delta` is not read as `/users/{id}`.
  registerDeltaRoutes(ctx);
  registerUserRoutes(ctx);
  registerGroupRoutes(ctx);
  registerBatchRoutes(ctx);
  registerSubscriptionRoutes(ctx);
  registerLicenceRoutes(ctx);
  registerOrganizationRoutes(ctx);
  registerDeviceRoutes(ctx);
  registerGdapRoutes(ctx);
  registerPartnerBillingRoutes(ctx);
  registerPartnerCenterRoutes(ctx);
  registerAdminRoutes(ctx);
}
