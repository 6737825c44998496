import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../pagination.js';
import { deskUsers } from '../schema/desk-users.js';
import { arrayParam } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';
import { upsertDeskUsers, type DeskUserUpsert, type UpsertSummary } from './user-upsert.js';
import { escapeLike } from './like-pattern.js';

export type { DeskUserUpsert, UpsertSummary } from './user-upsert.js';

/** A desk user as stored. */
export type DeskUser = typeof deskUsers.$inferSelect;

/** Search options; results are ordered by display name (case-insensitive, byte order) then id. */
export interface DeskUserSearch {
  customerId?: string;
  /** Matched case-insensitively against display name, email, UPN and network login. */
  text?: string;
  includeInactive?: boolean;
  limit?: number;
  cursor?: string;
}

/** Who manages whom, by Entra object id within one tenant; `null` clears the manager. */
export interface ManagerLink {
  entraObjectId: string;
  managerEntraObjectId: string | null;
}

/** Desk users. Callers should depend on the methods they use: `Pick<UserRepository, 'findByEntraId'>`. */
export interface UserRepository {
  upsertMany(rows: readonly DeskUserUpsert[]): Promise<UpsertSummary>;
  findByEntraId(tenantId: string, entraObjectId: string): Promise<DeskUser | undefined>;
  search(options: DeskUserSearch): Promise<Page<DeskUser>>;
  /** Points users at their managers; returns how many users changed. Unknown managers clear the link. */
  setManagers(tenantId: string, links: readonly ManagerLink[]): Promise<number>;
}

/**
 * Orders case-insensitively in byte order, so pages come out the same on PGlite and on a
 * PostgreSQL server whatever its default collation.
 */
const sortName = sql`lower(${deskUsers.displayName}) collate "C"`;

/** A {@link UserRepository} over `db` (a database or a transaction). */
export function createUserRepository(db: Database): UserRepository {
  return {
    upsertMany: (rows) => upsertDeskUsers(db, rows),

    async findByEntraId(tenantId, entraObjectId) {
      const [row] = await db
        .select()
        .from(deskUsers)
        .where(and(eq(deskUsers.tenantId, tenantId), eq(deskUsers.entraObjectId, entraObjectId)));
      return row;
    },

    async search(options) {
      const limit = pageSize(options.limit);
      const conditions: (SQL | undefined)[] = [];
      if (options.customerId) conditions.push(eq(deskUsers.customerId, options.customerId));
      if (!options.includeInactive) conditions.push(eq(deskUsers.inactive, false));
      if (options.text?.trim()) {
        const pattern = `%${escapeLike(options.text.trim())}%`;
        conditions.push(
          or(
            ilike(deskUsers.displayName, pattern),
            ilike(deskUsers.email, pattern),
            ilike(deskUsers.userPrincipalName, pattern),
            ilike(deskUsers.networkLogin, pattern),
          ),
        );
      }
      if (options.cursor) {
        const [name, id] = decodeCursor(options.cursor, 2);
        conditions.push(sql`(${sortName}, ${deskUsers.id}) > (${name} collate "C", ${id}::uuid)`);
      }
      const rows = await db
        .select({ user: deskUsers, sortKey: sql<string>`${sortName}` })
        .from(deskUsers)
        .where(and(...conditions))
        .orderBy(asc(sortName), asc(deskUsers.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const items = page.map((row) => row.user);
      // The cursor keeps the database's own sort key: lower() differs between engines and JS.
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.sortKey, last.user.id]) }
        : { items };
    },

    async setManagers(tenantId, links) {
      if (links.length === 0) return 0;
      const changed = await queryRows<{ id: string }>(
        db,
        sql`update desk_users as u set manager_id = m.id, updated_at = now()
            from unnest(${arrayParam(
              links.map((l) => l.entraObjectId),
              'uuid',
            )}, ${arrayParam(
              links.map((l) => l.managerEntraObjectId),
              'uuid',
            )}) as l(oid, manager_oid)
            left join desk_users as m on m.tenant_id = ${tenantId} and m.entra_object_id = l.manager_oid
            where u.tenant_id = ${tenantId} and u.entra_object_id = l.oid
              and u.manager_id is distinct from m.id
            returning u.id`,
      );
      return changed.length;
    },
  };
}
