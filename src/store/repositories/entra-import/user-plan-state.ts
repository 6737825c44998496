import { sql } from 'drizzle-orm';
import { CUSTOM_FIELD_PREFIX } from '../../../contracts/entra/fields.js';
import type { PlanDeskUser, PlanSite } from '../../../contracts/entra/import-plan.js';
import type { Database } from '../../database-types.js';
import { arrayParam } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { USER_TEXT_COLUMNS } from './desk-fields.js';

/** Which desk users and sites a user import plans against. */
export interface UserPlanStateQuery {
  /** Tenants the connection reads: every desk user linked to one of them. */
  tenantIds: readonly string[];
  /** Customers the configuration reaches: their unlinked users (adoption candidates) and sites. */
  customerIds: readonly string[] | 'all';
}

/** The desk as the user planner sees it. */
export interface UserPlanState {
  users: PlanDeskUser[];
  /** Active sites only: nobody is placed on an inactive site. */
  sites: PlanSite[];
}

type UserRow = Record<string, unknown> & {
  id: string;
  customer_id: string;
  site_id: string;
  tenant_id: string | null;
  entra_object_id: string | null;
  inactive: boolean;
  is_service_account: boolean;
  custom_fields: Record<string, unknown> | null;
  manager: string | null;
  role_ids: string[];
};

/**
 * Loads the desk users and sites a user plan needs, one query each (roles and the manager's
 * Entra id come with each user, never one query per user).
 */
export async function loadUserPlanState(db: Database, query: UserPlanStateQuery): Promise<UserPlanState> {
  const tenants = arrayParam(query.tenantIds, 'uuid');
  const customers = query.customerIds === 'all' ? undefined : arrayParam(query.customerIds, 'uuid');
  const columns = sql.raw(
    Object.values(USER_TEXT_COLUMNS)
      .map((column) => `u.${column}`)
      .join(', '),
  );
  const users = await queryRows<UserRow>(
    db,
    sql`select u.id, u.customer_id, u.site_id, u.tenant_id, u.entra_object_id, u.inactive, ${columns},
               u.is_service_account, u.custom_fields, m.entra_object_id as manager,
               array(select a.role_id::text from desk_user_role_assignments a
                     where a.desk_user_id = u.id order by 1) as role_ids
        from desk_users u left join desk_users m on m.id = u.manager_id
        where u.tenant_id = any(${tenants})
           or (u.tenant_id is null and ${customers ? sql`u.customer_id = any(${customers})` : sql`true`})`,
  );
  const sites = await queryRows<{
    id: string;
    customer_id: string;
    name: string;
    reference: string | null;
    is_default: boolean;
  }>(
    db,
    sql`select id, customer_id, name, reference, is_default from sites
        where not inactive ${customers ? sql`and customer_id = any(${customers})` : sql``}`,
  );
  return {
    users: users.map(toPlanUser),
    sites: sites.map((s) => ({
      id: s.id,
      customerId: s.customer_id,
      name: s.name,
      reference: s.reference,
      isDefault: s.is_default,
    })),
  };
}

function toPlanUser(row: UserRow): PlanDeskUser {
  const values: Record<string, string | null> = {};
  for (const [field, column] of Object.entries(USER_TEXT_COLUMNS))
    values[field] = row[column] as string | null;
  values.isServiceAccount = String(row.is_service_account);
  values.manager = row.manager;
  for (const [name, value] of Object.entries(row.custom_fields ?? {})) {
    values[`${CUSTOM_FIELD_PREFIX}${name}`] = customText(value);
  }
  return {
    id: row.id,
    customerId: row.customer_id,
    siteId: row.site_id,
    tenantId: row.tenant_id,
    entraObjectId: row.entra_object_id,
    inactive: row.inactive,
    values,
    roleIds: row.role_ids,
  };
}

/** A custom field's stored JSON as the text a mapping would have written. */
function customText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
