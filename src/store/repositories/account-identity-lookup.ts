import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { accounts, type AccountKind } from '../schema/access.js';
import { arrayParam } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';

/** An account that may belong to a Microsoft identity, with what is needed to trust the match. */
export interface AccountMatch {
  id: string;
  kind: AccountKind;
  email: string;
  displayName: string;
  /** The account is disabled, or its agent / desk user is inactive. */
  disabled: boolean;
  entraTenantId: string | null;
  entraObjectId: string | null;
  /** Tenant of the account's agent or desk user record, when a sync linked it to Entra. */
  subjectTenantId: string | null;
  /** The portal user's customer; null for agents. */
  customerId: string | null;
  /** The portal user's customer is mapped to the tenant the lookup was for. */
  customerInTenant: boolean;
}

/** A desk user a portal account could be created for just in time. */
export interface JitDeskUser {
  id: string;
  customerId: string;
  displayName: string;
  email: string | null;
  userPrincipalName: string | null;
}

/** Finding the account of a Microsoft identity (tenant id + object id, then email). */
export interface AccountIdentityLookup {
  /** Accounts linked to (tenant, object id) themselves or through their agent / desk user. */
  findByEntraId(tenantId: string, objectId: string): Promise<AccountMatch[]>;
  /** Accounts whose email is one of `emails` (lower case); `customerInTenant` refers to `tenantId`. */
  findByEmails(emails: readonly string[], tenantId: string): Promise<AccountMatch[]>;
  /** Records the Entra identity on an account not linked yet; false when it was linked meanwhile. */
  linkEntraIdentity(accountId: string, tenantId: string, objectId: string, now: Date): Promise<boolean>;
  /**
   * Active desk users without an account, of customers mapped to `tenantId`, that are this
   * identity (same object id) or carry one of `emails` and are not linked to another identity.
   */
  findJitDeskUsers(tenantId: string, objectId: string, emails: readonly string[]): Promise<JitDeskUser[]>;
}

function matchQuery(tenantId: string, where: SQL): SQL {
  return sql`
    select a.id, a.kind, a.email, a.display_name as "displayName",
           (a.disabled or coalesce(ag.inactive, du.inactive, false)) as disabled,
           a.entra_tenant_id as "entraTenantId", a.entra_object_id as "entraObjectId",
           coalesce(ag.tenant_id, du.tenant_id) as "subjectTenantId",
           du.customer_id as "customerId",
           exists (select 1 from tenant_mappings tm
                    where tm.customer_id = du.customer_id and tm.tenant_id = ${tenantId}) as "customerInTenant"
      from accounts a
      left join agents ag on ag.id = a.agent_id
      left join desk_users du on du.id = a.desk_user_id
     where ${where}`;
}

/** An {@link AccountIdentityLookup} over `db`. */
export function createAccountIdentityLookup(db: Database): AccountIdentityLookup {
  return {
    findByEntraId: (tenantId, objectId) =>
      queryRows<AccountMatch>(
        db,
        matchQuery(
          tenantId,
          sql`(a.entra_tenant_id = ${tenantId} and a.entra_object_id = ${objectId})
              or (ag.tenant_id = ${tenantId} and ag.entra_object_id = ${objectId})
              or (du.tenant_id = ${tenantId} and du.entra_object_id = ${objectId})`,
        ),
      ),

    findByEmails: (emails, tenantId) =>
      emails.length === 0
        ? Promise.resolve([])
        : queryRows<AccountMatch>(
            db,
            matchQuery(tenantId, sql`lower(a.email) = any(${arrayParam(emails, 'text')})`),
          ),

    async linkEntraIdentity(accountId, tenantId, objectId, now) {
      const linked = await db
        .update(accounts)
        .set({ entraTenantId: tenantId, entraObjectId: objectId, updatedAt: now })
        .where(and(eq(accounts.id, accountId), isNull(accounts.entraObjectId)))
        .returning({ id: accounts.id });
      return linked.length === 1;
    },

    findJitDeskUsers: (tenantId, objectId, emails) =>
      queryRows<JitDeskUser>(
        db,
        sql`
          select du.id, du.customer_id as "customerId", du.display_name as "displayName",
                 du.email, du.user_principal_name as "userPrincipalName"
            from desk_users du
            join tenant_mappings tm on tm.customer_id = du.customer_id and tm.tenant_id = ${tenantId}
           where not du.inactive
             and not exists (select 1 from accounts a where a.desk_user_id = du.id)
             and ((du.tenant_id = ${tenantId} and du.entra_object_id = ${objectId})
                  or (du.entra_object_id is null
                      and (lower(du.email) = any(${arrayParam(emails, 'text')})
                           or lower(du.user_principal_name) = any(${arrayParam(emails, 'text')}))))`,
      ),
  };
}
