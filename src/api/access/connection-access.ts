import type { Permission } from '../../contracts/permissions.js';
import type { schema } from '../../store/index.js';
import { hasPermission, type Principal } from '../auth/principal.js';
import { ApiHttpError } from '../http/api-error.js';

type ConnectionKind = schema.ConnectionKind;

export type ConnectionAccessLevel = 'read' | 'modify';

/** A connection as far as access decisions need it. */
export interface ConnectionRef {
  id: string;
  kind: ConnectionKind;
}

/** The permission that lets an agent create and edit every connection of a kind (guide 001). */
export const CONFIGURE_PERMISSION: Record<ConnectionKind, Permission> = {
  entra: 'integrations.entra.configure',
  csp: 'integrations.csp.configure',
};

/**
 * What `principal` may do with `connection`:
 * - administrators, and agents holding the kind's configure permission
 *   (`integrations.entra.configure` for Entra connections, `integrations.csp.configure` for CSP),
 *   may read and modify every connection of that kind (and create new ones);
 * - any other agent has exactly what a grant on that connection gives (read, or read and modify)
 *   and nothing on connections without a grant: they do not even see them;
 * - portal users never have access to connections.
 */
export function connectionAccess(
  principal: Principal,
  connection: ConnectionRef,
): ConnectionAccessLevel | null {
  if (principal.kind !== 'agent') return null;
  if (hasPermission(principal, CONFIGURE_PERMISSION[connection.kind])) return 'modify';
  const grant = principal.connectionGrants.get(connection.id);
  return grant?.kind === connection.kind ? grant.access : null;
}

/**
 * Throws unless `principal` has at least `level` on `connection`: 404 when the connection is not
 * visible to them at all (an agent without a grant must not learn it exists), 403 when they may
 * only read it.
 */
export function requireConnectionAccess(
  principal: Principal,
  connection: ConnectionRef,
  level: ConnectionAccessLevel,
): void {
  const access = connectionAccess(principal, connection);
  if (access === null) throw new ApiHttpError('not_found', 'No such connection.');
  if (level === 'modify' && access !== 'modify') {
    throw new ApiHttpError(
      'forbidden',
      'You may view this connection but not change it. Ask an administrator for "read and modify" access.',
    );
  }
}

/**
 * Which connections `principal` may see, for filtering lists: every connection of `allKinds`, plus
 * the granted ones in `grantedIds`.
 */
export function visibleConnections(principal: Principal): {
  allKinds: ConnectionKind[];
  grantedIds: string[];
} {
  if (principal.kind !== 'agent') return { allKinds: [], grantedIds: [] };
  const allKinds = (Object.keys(CONFIGURE_PERMISSION) as ConnectionKind[]).filter((kind) =>
    hasPermission(principal, CONFIGURE_PERMISSION[kind]),
  );
  return { allKinds, grantedIds: [...principal.connectionGrants.keys()] };
}

/** Whether `principal` may create connections of `kind` (grants never allow creating). */
export function canCreateConnection(principal: Principal, kind: ConnectionKind): boolean {
  return principal.kind === 'agent' && hasPermission(principal, CONFIGURE_PERMISSION[kind]);
}
