import type { Permission } from '../../contracts/permissions.js';
import { hasPermission, type Principal } from '../auth/principal.js';
import { ApiHttpError } from '../http/api-error.js';

/**
 * The customer a portal request is scoped to: always the portal user's own, never one named by
 * the request. Every portal query filters by it.
 */
export function portalCustomerId(principal: Principal | null): string {
  if (!principal || principal.kind !== 'portal' || !principal.customerId) {
    throw new ApiHttpError('forbidden', 'This is only for portal users of a customer.');
  }
  return principal.customerId;
}

/** Throws 403 unless `principal` holds at least one of `permissions`. */
export function requireAnyPermission(principal: Principal | null, permissions: readonly Permission[]): void {
  if (principal && permissions.some((permission) => hasPermission(principal, permission))) return;
  throw new ApiHttpError(
    'forbidden',
    `You need one of these permissions for this: ${permissions.map((p) => `"${p}"`).join(', ')}. Ask an administrator.`,
  );
}
