import type { EmulatorContext } from '../context.js';
import { createAdminContext } from './admin-context.js';
import { setThrottling } from './operations.js';
import { adminRoutes } from './route-table.js';
import { registerAccessRoutes } from './routes-access.js';
import { registerAppRoutes } from './routes-apps.js';
import { registerEstateRoutes } from './routes-estate.js';
import { registerOperationRoutes } from './routes-ops.js';

/**
 * The admin API under `/_emulator` (docs/emulator/README.md). It has no authentication: the
 * emulator listens on loopback by default and `rollcall emulator` refuses other addresses unless
 * told otherwise. Mutations go through the estate, so delta rounds and webhooks see them.
 */
export function registerAdminRoutes(ctx: EmulatorContext): void {
  const admin = createAdminContext(ctx);
  // Throttling is off by default, but responses still carry their resource-unit cost.
  setThrottling(admin, { mode: 'off' });
  const on = adminRoutes(ctx);
  registerOperationRoutes(admin, on);
  registerEstateRoutes(admin, on);
  registerAppRoutes(admin, on);
  registerAccessRoutes(admin, on);
}
