import type { SessionView } from '../../../src/contracts/api/auth.js';
import { holdsPermission, type Permission } from '../../../src/contracts/permissions.js';

type Principal = Pick<SessionView, 'account' | 'permissions'>;

/**
 * Whether to show something that needs `permission` (the server's own rule, from the contracts);
 * the server still refuses on its own, this only hides the way in.
 */
export function can(session: Principal, permission: Permission): boolean {
  return holdsPermission(session.account.kind, new Set(session.permissions), permission);
}

/** What an agent may do with one connection: `modify`, `read`, or nothing (null). */
export type ConnectionAccess = 'modify' | 'read' | null;

/**
 * Guide 001 "Control who can manage the Entra integration": holders of the configure permission
 * may change every Entra connection; other agents what their grant on the connection says.
 */
export function entraConnectionAccess(
  session: Principal & Pick<SessionView, 'connectionGrants'>,
  connectionId: string,
): ConnectionAccess {
  if (can(session, 'integrations.entra.configure')) return 'modify';
  return session.connectionGrants.find((g) => g.connectionId === connectionId)?.access ?? null;
}

/** Whether the Entra integration's screens are for this agent at all (the permission or any grant). */
export function canOpenEntra(session: Principal & Pick<SessionView, 'connectionGrants'>): boolean {
  return can(session, 'integrations.entra.configure') || session.connectionGrants.length > 0;
}
