import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { StoreError } from '../errors.js';
import { accounts, roles, type AccountKind } from '../schema/access.js';
import { agents } from '../schema/agents.js';
import { arrayParam } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';
import { createAccountIdentityLookup, type AccountIdentityLookup } from './account-identity-lookup.js';

export type { AccountMatch, JitDeskUser } from './account-identity-lookup.js';

/** What password sign-in needs to know about an account. */
export interface LoginAccount {
  id: string;
  kind: AccountKind;
  email: string;
  displayName: string;
  passwordHash: string | null;
  /** The account is disabled, or its agent / desk user is inactive. */
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
}

/** A built-in role: created when missing, never overwritten (administrators may have edited it). */
export interface RoleDefinition {
  kind: AccountKind;
  name: string;
  description: string;
  permissions: string[];
}

export interface NewAgentAccount {
  email: string;
  displayName: string;
  passwordHash: string;
  /** Names of existing roles to assign. */
  roleNames: string[];
  now: Date;
}

export interface NewPortalAccount {
  deskUserId: string;
  email: string;
  displayName: string;
  entraTenantId: string;
  entraObjectId: string;
  roleNames: string[];
  now: Date;
}

/** Another account already uses this email address (emails are unique, ignoring case). */
export class AccountEmailTakenError extends StoreError {
  constructor(readonly email: string) {
    super('account-email-taken', `an account with email ${email} already exists; choose another email`);
  }
}

/** Accounts and their roles, as sign-in needs them. Depend on the methods you use. */
export interface AccountRepository extends AccountIdentityLookup {
  hasAnyAccount(): Promise<boolean>;
  /** True when an enabled account holds a role with the `administrator` permission. */
  administratorExists(): Promise<boolean>;
  /**
   * Runs `work` in a transaction that holds the instance-wide setup lock, so that concurrent
   * first-run requests (on any number of processes) run one after the other.
   */
  withSetupLock<T>(work: (repo: AccountRepository) => Promise<T>): Promise<T>;
  ensureRoles(definitions: readonly RoleDefinition[]): Promise<void>;
  /** An agent (desk record) and its account, with the named roles. */
  createAgentAccount(input: NewAgentAccount): Promise<{ accountId: string; agentId: string }>;
  /** A portal account for an existing desk user, linked to its Entra identity. */
  createPortalAccount(input: NewPortalAccount): Promise<{ accountId: string }>;
  findForLogin(email: string): Promise<LoginAccount | undefined>;
  /**
   * Counts a failed password; the failure that reaches `maxFailures` locks the account until
   * `lockUntil` and starts the count again. Returns the lock now in force (null when none).
   */
  recordFailedLogin(
    id: string,
    input: { now: Date; maxFailures: number; lockUntil: Date },
  ): Promise<Date | null>;
  /** Clears failures and lock; stores `rehashedPassword` when the hash parameters were raised. */
  recordSuccessfulLogin(id: string, now: Date, rehashedPassword?: string): Promise<void>;
}

/** Any constant works: it only has to be the same in every process sharing the database. */
const SETUP_LOCK_KEY = 0x5e7_0b;
const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

/** An {@link AccountRepository} over `db` (a database or a transaction). */
export function createAccountRepository(db: Database): AccountRepository {
  const assignRoles = async (tx: Database, accountId: string, roleNames: string[]) => {
    if (roleNames.length === 0) return;
    await tx.execute(sql`
      insert into account_roles (account_id, role_id)
      select ${accountId}, r.id from roles r
       where lower(r.name) = any(${arrayParam(
         roleNames.map((n) => n.toLowerCase()),
         'text',
       )})
      on conflict do nothing`);
  };
  const insertAccount = async (tx: Database, values: typeof accounts.$inferInsert) => {
    try {
      const [row] = await tx.insert(accounts).values(values).returning({ id: accounts.id });
      if (!row) throw new Error('insert into accounts returned no row');
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AccountEmailTakenError(values.email);
      throw error;
    }
  };

  const repo: AccountRepository = {
    ...createAccountIdentityLookup(db),

    async hasAnyAccount() {
      const [row] = await db.select({ id: accounts.id }).from(accounts).limit(1);
      return row !== undefined;
    },

    async administratorExists() {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select a.id from accounts a
              join account_roles ar on ar.account_id = a.id
              join roles r on r.id = ar.role_id
             where a.kind = 'agent' and not a.disabled and 'administrator' = any(r.permissions)
             limit 1`,
      );
      return rows.length > 0;
    },

    withSetupLock: (work) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY}::bigint)`);
        return work(createAccountRepository(tx));
      }),

    async ensureRoles(definitions) {
      if (definitions.length === 0) return;
      await db
        .insert(roles)
        .values(definitions.map((d) => ({ ...d, builtIn: true })))
        .onConflictDoNothing();
    },

    createAgentAccount: (input) =>
      db.transaction(async (tx) => {
        const [agent] = await tx
          .insert(agents)
          .values({ displayName: input.displayName, email: input.email })
          .returning({ id: agents.id });
        if (!agent) throw new Error('insert into agents returned no row');
        const accountId = await insertAccount(tx, {
          kind: 'agent',
          agentId: agent.id,
          email: input.email,
          displayName: input.displayName,
          passwordHash: input.passwordHash,
          sessionsValidFrom: input.now,
        });
        await assignRoles(tx, accountId, input.roleNames);
        return { accountId, agentId: agent.id };
      }),

    createPortalAccount: (input) =>
      db.transaction(async (tx) => {
        const accountId = await insertAccount(tx, {
          kind: 'portal',
          deskUserId: input.deskUserId,
          email: input.email,
          displayName: input.displayName,
          entraTenantId: input.entraTenantId,
          entraObjectId: input.entraObjectId,
          sessionsValidFrom: input.now,
        });
        await assignRoles(tx, accountId, input.roleNames);
        return { accountId };
      }),

    async findForLogin(email) {
      const [row] = await queryRows<LoginAccount>(
        db,
        sql`select a.id, a.kind, a.email, a.display_name as "displayName", a.password_hash as "passwordHash",
                   (a.disabled or coalesce(ag.inactive, du.inactive, false)) as disabled,
                   a.failed_logins as "failedLogins", a.locked_until as "lockedUntil"
              from accounts a
              left join agents ag on ag.id = a.agent_id
              left join desk_users du on du.id = a.desk_user_id
             where lower(a.email) = lower(${email})`,
      );
      if (!row) return undefined;
      return { ...row, lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil) };
    },

    async recordFailedLogin(id, { now, maxFailures, lockUntil }) {
      const reached = sql`${accounts.failedLogins} + 1 >= ${maxFailures}`;
      const [row] = await db
        .update(accounts)
        .set({
          failedLogins: sql`case when ${reached} then 0 else ${accounts.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${reached} then ${lockUntil.toISOString()}::timestamptz else ${accounts.lockedUntil} end`,
          updatedAt: now,
        })
        .where(eq(accounts.id, id))
        .returning({ lockedUntil: accounts.lockedUntil });
      const lockedUntil = row?.lockedUntil ?? null;
      return lockedUntil && lockedUntil > now ? lockedUntil : null;
    },

    async recordSuccessfulLogin(id, now, rehashedPassword) {
      await db
        .update(accounts)
        .set({
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: now,
          updatedAt: now,
          ...(rehashedPassword ? { passwordHash: rehashedPassword } : {}),
        })
        .where(eq(accounts.id, id));
    },
  };
  return repo;
}
