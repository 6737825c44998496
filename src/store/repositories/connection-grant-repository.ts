import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { accounts, connectionGrants, type ConnectionAccess } from '../schema/access.js';
import { connections, type ConnectionKind } from '../schema/connections.js';

/** One agent's access to one connection (guide 001, "Control who can manage the integration"). */
export interface ConnectionGrant {
  accountId: string;
  access: ConnectionAccess;
}

/** A grant with the account it names, for the access-control screen. */
export interface ConnectionGrantView extends ConnectionGrant {
  displayName: string;
  email: string;
  disabled: boolean;
}

/** Per-connection access grants. */
export interface ConnectionGrantRepository {
  /** The connection grants are about (no secrets), or undefined. */
  findConnection(id: string): Promise<{ id: string; kind: ConnectionKind; name: string } | undefined>;
  listForConnection(connectionId: string): Promise<ConnectionGrantView[]>;
  /** Replaces every grant of the connection with `grants`. */
  replaceForConnection(connectionId: string, grants: readonly ConnectionGrant[]): Promise<void>;
  /** The connections an account was granted, with the access level. */
  listForAccount(accountId: string): Promise<{ connectionId: string; access: ConnectionAccess }[]>;
}

/** A {@link ConnectionGrantRepository} over `db` (a database or a transaction). */
export function createConnectionGrantRepository(db: Database): ConnectionGrantRepository {
  return {
    async findConnection(id) {
      const [row] = await db
        .select({ id: connections.id, kind: connections.kind, name: connections.name })
        .from(connections)
        .where(eq(connections.id, id));
      return row;
    },

    listForConnection: (connectionId) =>
      db
        .select({
          accountId: connectionGrants.accountId,
          access: connectionGrants.access,
          displayName: accounts.displayName,
          email: accounts.email,
          disabled: accounts.disabled,
        })
        .from(connectionGrants)
        .innerJoin(accounts, eq(accounts.id, connectionGrants.accountId))
        .where(eq(connectionGrants.connectionId, connectionId))
        .orderBy(asc(sql`lower(${accounts.displayName}) collate "C"`), asc(accounts.id)),

    async replaceForConnection(connectionId, grants) {
      await db.delete(connectionGrants).where(eq(connectionGrants.connectionId, connectionId));
      if (grants.length > 0) {
        await db
          .insert(connectionGrants)
          .values(
            grants.map((grant) => ({ connectionId, accountId: grant.accountId, access: grant.access })),
          );
      }
    },

    listForAccount: (accountId) =>
      db
        .select({ connectionId: connectionGrants.connectionId, access: connectionGrants.access })
        .from(connectionGrants)
        .where(eq(connectionGrants.accountId, accountId)),
  };
}
