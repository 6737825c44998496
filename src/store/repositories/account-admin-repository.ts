import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { accountRoles, accounts, roles, sessions, type AccountKind } from '../schema/access.js';
import { agents } from '../schema/agents.js';
import { deskUsers } from '../schema/desk-users.js';
import { agentRoleAssignments } from '../schema/memberships.js';
import { arrayParam } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

/** An account as the console shows it: never its password hash. */
export interface AccountView {
  id: string;
  kind: AccountKind;
  email: string;
  displayName: string;
  agentId: string | null;
  deskUserId: string | null;
  /** The portal user's customer; null for agents. */
  customerId: string | null;
  disabled: boolean;
  hasPassword: boolean;
  ssoLinked: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: { id: string; name: string; kind: AccountKind; permissions: string[] }[];
}

export interface AccountListOptions {
  /** Prefix of the email or display name, case-insensitive. */
  search?: string;
  kind?: AccountKind;
  customerId?: string;
  disabled?: boolean;
  limit?: number;
  cursor?: string;
}

/** Administration of sign-in accounts: listing, roles, enabling and disabling. */
export interface AccountAdminRepository {
  list(options: AccountListOptions): Promise<Page<AccountView>>;
  count(options: Omit<AccountListOptions, 'limit' | 'cursor'>): Promise<number>;
  findById(id: string): Promise<AccountView | undefined>;
  /** Replaces the account's roles. */
  setRoles(accountId: string, roleIds: readonly string[]): Promise<void>;
  /** Disabling also ends every session of the account at once. */
  setDisabled(accountId: string, disabled: boolean): Promise<void>;
  /**
   * Enabled agent accounts of active agents holding a role with the `administrator` permission,
   * given to the account or (by an Entra import) to its agent.
   */
  countAdministrators(): Promise<number>;
}

const emailKey = sql`lower(${accounts.email}) collate "C"`;
const nameKey = sql`lower(${accounts.displayName}) collate "C"`;

const columns = {
  id: accounts.id,
  kind: accounts.kind,
  email: accounts.email,
  displayName: accounts.displayName,
  agentId: accounts.agentId,
  deskUserId: accounts.deskUserId,
  customerId: deskUsers.customerId,
  disabled: accounts.disabled,
  hasPassword: sql<boolean>`(${accounts.passwordHash} is not null)`,
  ssoLinked: sql<boolean>`(${accounts.entraObjectId} is not null)`,
  lockedUntil: accounts.lockedUntil,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
};

function filters(options: Omit<AccountListOptions, 'limit' | 'cursor'>): (SQL | undefined)[] {
  const term = options.search?.trim();
  return [
    term ? or(startsWith(emailKey, term), startsWith(nameKey, term)) : undefined,
    options.kind ? eq(accounts.kind, options.kind) : undefined,
    options.customerId ? eq(deskUsers.customerId, options.customerId) : undefined,
    options.disabled === undefined ? undefined : eq(accounts.disabled, options.disabled),
  ];
}

async function withRoles(db: Database, rows: Omit<AccountView, 'roles'>[]): Promise<AccountView[]> {
  if (rows.length === 0) return [];
  const held = await db
    .select({
      accountId: accountRoles.accountId,
      id: roles.id,
      name: roles.name,
      kind: roles.kind,
      permissions: roles.permissions,
    })
    .from(accountRoles)
    .innerJoin(roles, eq(roles.id, accountRoles.roleId))
    .where(
      sql`${accountRoles.accountId} = any(${arrayParam(
        rows.map((row) => row.id),
        'uuid',
      )})`,
    )
    .orderBy(roles.name);
  return rows.map((row) => ({
    ...row,
    roles: held.filter((h) => h.accountId === row.id).map(({ accountId: _, ...role }) => role),
  }));
}

/** An {@link AccountAdminRepository} over `db` (a database or a transaction). */
export function createAccountAdminRepository(db: Database): AccountAdminRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const order: KeysetOrder = {
        expression: emailKey,
        type: 'text',
        id: accounts.id,
        idType: 'uuid',
        direction: 'asc',
      };
      const rows = await db
        .select({ item: columns, sortKey: sortKeyOf(order), id: accounts.id })
        .from(accounts)
        .leftJoin(deskUsers, eq(deskUsers.id, accounts.deskUserId))
        .where(and(...filters(options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      const page = toPage(rows, limit);
      return { ...page, items: await withRoles(db, page.items) };
    },

    async count(options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(accounts)
        .leftJoin(deskUsers, eq(deskUsers.id, accounts.deskUserId))
        .where(and(...filters(options)));
      return row?.count ?? 0;
    },

    async findById(id) {
      const rows = await db
        .select(columns)
        .from(accounts)
        .leftJoin(deskUsers, eq(deskUsers.id, accounts.deskUserId))
        .where(eq(accounts.id, id));
      return (await withRoles(db, rows))[0];
    },

    async setRoles(accountId, roleIds) {
      await db.delete(accountRoles).where(eq(accountRoles.accountId, accountId));
      if (roleIds.length > 0) {
        await db.insert(accountRoles).values(roleIds.map((roleId) => ({ accountId, roleId })));
      }
    },

    async setDisabled(accountId, disabled) {
      await db
        .update(accounts)
        .set({ disabled, updatedAt: sql`now()` })
        .where(eq(accounts.id, accountId));
      if (disabled) await db.delete(sessions).where(eq(sessions.accountId, accountId));
    },

    async countAdministrators() {
      const [row] = await queryRows<{ count: number }>(
        db,
        // Who can sign in as an administrator by either road the session knows: roles given to
        // the account, and agent roles an Entra import gave the account's agent.
        sql`select count(*)::int as count
            from ${accounts} a
            left join ${agents} ag on ag.id = a.agent_id
            where a.kind = 'agent' and not a.disabled and not coalesce(ag.inactive, false)
              and exists (select 1 from ${roles} r
                          where r.kind = 'agent' and 'administrator' = any(r.permissions)
                            and (r.id in (select ar.role_id from ${accountRoles} ar where ar.account_id = a.id)
                                 or r.id in (select ra.role_id from ${agentRoleAssignments} ra
                                             where ra.agent_id = a.agent_id)))`,
      );
      return row?.count ?? 0;
    },
  };
}
