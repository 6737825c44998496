import type { SessionView } from '../../../src/contracts/api/auth.js';
import {
  ENTRA_IMPORT_EDITORS,
  holdsPermission,
  passesPermissionOrGrant,
  type Permission,
} from '../../../src/contracts/permissions.js';

type Principal = Pick<SessionView, 'account' | 'permissions'>;
type WithGrants = Principal & Pick<SessionView, 'connectionGrants'>;

/**
 * Whether to show something that needs `permission` (the server's own rule, from the contracts);
 * the server still refuses on its own, this only hides the way in.
 */
export function can(session: Principal, permission: Permission): boolean {
  return holdsPermission(session.account.kind, new Set(session.permissions), permission);
}

/** What an agent may do with one connection: `modify`, `read`, or nothing (null). */
export type ConnectionAccess = 'modify' | 'read' | null;

/** The agent's grants on Entra connections (a CSP grant says nothing about Entra). */
export function entraGrants(session: Pick<SessionView, 'connectionGrants'>): SessionView['connectionGrants'] {
  return session.connectionGrants.filter((g) => g.kind === 'entra');
}

/**
 * Guide 001 "Control who can manage the Entra integration": holders of the configure permission
 * may change every Entra connection; other agents what their grant on the connection says.
 */
export function entraConnectionAccess(session: WithGrants, connectionId: string): ConnectionAccess {
  if (can(session, 'integrations.entra.configure')) return 'modify';
  return entraGrants(session).find((g) => g.connectionId === connectionId)?.access ?? null;
}

/**
 * Whether the Entra integration's screens are for this agent at all: the permission or a grant on
 * an Entra connection (the rule the API applies to the import lookups, from the contracts).
 */
export function canOpenEntra(session: WithGrants): boolean {
  return passesPermissionOrGrant(ENTRA_IMPORT_EDITORS, {
    kind: session.account.kind,
    permissions: new Set(session.permissions),
    grantKinds: session.connectionGrants.map((g) => g.kind),
  });
}
