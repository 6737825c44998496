import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { accountRoles, roles, type AccountKind } from '../schema/access.js';
import { arrayParam } from '../sql-arrays.js';
import { unlessDuplicate } from './already-exists.js';

/** A role as stored: a named set of permission names for agents or for portal users. */
export type Role = typeof roles.$inferSelect;

/** A role and how many accounts hold it. */
export interface RoleView {
  role: Role;
  accountCount: number;
}

export interface NewRole {
  kind: AccountKind;
  name: string;
  description?: string;
  permissions: readonly string[];
  builtIn?: boolean;
}

export type RoleChanges = Partial<Pick<Role, 'name' | 'description' | 'permissions'>>;

/** Roles (permission sets). Permission names are checked by the caller against `PERMISSIONS`. */
export interface RoleRepository {
  /** Every role, by kind then name: there are a handful, never pages of them. */
  list(): Promise<RoleView[]>;
  findById(id: string): Promise<RoleView | undefined>;
  findByIds(ids: readonly string[]): Promise<Role[]>;
  /** Throws `AlreadyExistsError` (field `name`) when another role has the name (ignoring case). */
  create(input: NewRole): Promise<Role>;
  update(id: string, changes: RoleChanges): Promise<Role | undefined>;
  /** Removes the role from every account that held it; returns false when there was none. */
  remove(id: string): Promise<boolean>;
}

const NAME_TAKEN = { roles_name_key: { field: 'name', message: 'Another role has this name.' } };

const accountCount = sql<number>`(select count(*)::int from ${accountRoles} where ${accountRoles.roleId} = ${roles.id})`;

/** A {@link RoleRepository} over `db` (a database or a transaction). */
export function createRoleRepository(db: Database): RoleRepository {
  return {
    list: () =>
      db
        .select({ role: roles, accountCount })
        .from(roles)
        .orderBy(asc(roles.kind), asc(sql`lower(${roles.name}) collate "C"`)),

    async findById(id) {
      const [row] = await db.select({ role: roles, accountCount }).from(roles).where(eq(roles.id, id));
      return row;
    },

    async findByIds(ids) {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(roles)
        .where(sql`${roles.id} = any(${arrayParam(ids, 'uuid')})`);
    },

    async create(input) {
      const [row] = await unlessDuplicate(
        () =>
          db
            .insert(roles)
            .values({
              kind: input.kind,
              name: input.name,
              description: input.description ?? '',
              permissions: [...input.permissions],
              builtIn: input.builtIn ?? false,
            })
            .returning(),
        NAME_TAKEN,
      );
      if (!row) throw new Error('insert into roles returned no row');
      return row;
    },

    async update(id, changes) {
      const [row] = await unlessDuplicate(
        () =>
          db
            .update(roles)
            .set({ ...changes, updatedAt: sql`now()` })
            .where(eq(roles.id, id))
            .returning(),
        NAME_TAKEN,
      );
      return row;
    },

    async remove(id) {
      const removed = await db.delete(roles).where(eq(roles.id, id)).returning({ id: roles.id });
      return removed.length > 0;
    },
  };
}
