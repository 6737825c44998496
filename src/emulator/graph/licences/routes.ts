import type { EmulatorContext } from '../../context.js';
import { registerAssignLicenseRoutes } from './assign-license.js';
import { registerLicenseDetailsRoutes } from './license-details.js';
import { registerSubscribedSkuRoutes } from './subscribed-skus.js';

/** Graph licences: subscribedSkus, assignLicense and licenseDetails. */
export function registerLicenceRoutes(ctx: EmulatorContext): void {
  registerSubscribedSkuRoutes(ctx);
  registerAssignLicenseRoutes(ctx);
  registerLicenseDetailsRoutes(ctx);
}
