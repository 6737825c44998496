import type { SessionView } from '../../../src/contracts/api/auth.js';
import { holdsPermission, type Permission } from '../../../src/contracts/permissions.js';

/**
 * Whether to show something that needs `permission` (the server's own rule, from the contracts);
 * the server still refuses on its own, this only hides the way in.
 */
export function can(session: Pick<SessionView, 'account' | 'permissions'>, permission: Permission): boolean {
  return holdsPermission(session.account.kind, new Set(session.permissions), permission);
}
