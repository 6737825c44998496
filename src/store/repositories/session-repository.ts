import { eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { accounts, sessions, type SESSION_METHODS } from '../schema/access.js';
import type { ConnectionKind } from '../schema/connections.js';
import { queryRows } from '../sql-rows.js';

export type SessionMethod = (typeof SESSION_METHODS)[number];

export interface NewSession {
  /** SHA-256 of the cookie token (the token itself is never stored). */
  id: string;
  accountId: string;
  method: SessionMethod;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A session with everything a request needs about its account, read in one query. */
export interface ResolvedSession {
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  kind: 'agent' | 'portal';
  email: string;
  displayName: string;
  /** The account is disabled, or its agent / desk user is inactive. */
  disabled: boolean;
  sessionsValidFrom: Date;
  /** The portal user's customer (through their desk user); null for agents. */
  customerId: string | null;
  customerName: string | null;
  /**
   * Union of the permissions of the account's roles of its own kind: roles given to the account,
   * and (agents) roles an Entra import assigned to its agent through group mappings.
   */
  permissions: string[];
  /** Grants on single connections, with the kind of each connection. */
  connectionGrants: { connectionId: string; access: 'read' | 'modify'; kind: ConnectionKind }[];
}

/** Sessions (signed-in browsers). Depend on the methods you use. */
export interface SessionRepository {
  create(session: NewSession): Promise<void>;
  resolve(id: string): Promise<ResolvedSession | undefined>;
  /** Moves `lastSeenAt` (sliding idle expiry). */
  touch(id: string, now: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Sign out everywhere: sessions started before `now` stop working; returns how many were ended. */
  endAllForAccount(accountId: string, now: Date): Promise<number>;
  /** Deletes sessions past their absolute expiry or idle since before `idleSince`. */
  purgeExpired(now: Date, idleSince: Date): Promise<number>;
}

interface Row extends Omit<ResolvedSession, 'createdAt' | 'lastSeenAt' | 'expiresAt' | 'sessionsValidFrom'> {
  createdAt: Date | string;
  lastSeenAt: Date | string;
  expiresAt: Date | string;
  sessionsValidFrom: Date | string;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** A {@link SessionRepository} over `db` (a database or a transaction). */
export function createSessionRepository(db: Database): SessionRepository {
  return {
    async create(s) {
      await db.insert(sessions).values({
        id: s.id,
        accountId: s.accountId,
        method: s.method,
        csrfToken: s.csrfToken,
        createdAt: s.now,
        lastSeenAt: s.now,
        expiresAt: s.expiresAt,
        ipAddress: s.ipAddress,
        userAgent: s.userAgent,
      });
    },

    async resolve(id) {
      const [row] = await queryRows<Row>(
        db,
        sql`
          select s.id, s.account_id as "accountId", s.csrf_token as "csrfToken",
                 s.created_at as "createdAt", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt",
                 a.kind, a.email, a.display_name as "displayName",
                 (a.disabled or coalesce(ag.inactive, du.inactive, false)) as disabled,
                 a.sessions_valid_from as "sessionsValidFrom",
                 du.customer_id as "customerId", c.name as "customerName",
                 coalesce((select array_agg(distinct p order by p)
                             from roles r
                             cross join unnest(r.permissions) as p
                            where r.kind = a.kind
                              and (r.id in (select ar.role_id from account_roles ar where ar.account_id = a.id)
                                   -- Agent roles an Entra import gave the account's agent (group mappings).
                                   or r.id in (select ra.role_id from agent_role_assignments ra
                                                where ra.agent_id = a.agent_id))), '{}') as permissions,
                 coalesce((select json_agg(json_build_object('connectionId', g.connection_id, 'access', g.access,
                                                             'kind', cn.kind))
                             from connection_grants g
                             join connections cn on cn.id = g.connection_id
                            where g.account_id = a.id), '[]') as "connectionGrants"
            from sessions s
            join accounts a on a.id = s.account_id
            left join agents ag on ag.id = a.agent_id
            left join desk_users du on du.id = a.desk_user_id
            left join customers c on c.id = du.customer_id
           where s.id = ${id}`,
      );
      if (!row) return undefined;
      return {
        ...row,
        createdAt: asDate(row.createdAt),
        lastSeenAt: asDate(row.lastSeenAt),
        expiresAt: asDate(row.expiresAt),
        sessionsValidFrom: asDate(row.sessionsValidFrom),
      };
    },

    async touch(id, now) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    },

    async delete(id) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    endAllForAccount: (accountId, now) =>
      db.transaction(async (tx) => {
        await tx
          .update(accounts)
          .set({ sessionsValidFrom: now, updatedAt: now })
          .where(eq(accounts.id, accountId));
        const ended = await tx
          .delete(sessions)
          .where(eq(sessions.accountId, accountId))
          .returning({ id: sessions.id });
        return ended.length;
      }),

    async purgeExpired(now, idleSince) {
      const purged = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)))
        .returning({ id: sessions.id });
      return purged.length;
    },
  };
}
