import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { CONTRACT_COVERAGES } from '../../contracts/entra/mapping-config.js';
import { primaryId, timestamps } from './columns.js';
import { deskUserListIndexes } from './platform-indexes.js';
import { customers, sites } from './customers.js';

/**
 * A desk user (a customer's contact). Linked to Microsoft by (tenant id, Entra object id); before
 * it is linked both are null and matching fields (email, UPN, network login) are used instead.
 */
export const deskUsers = pgTable(
  'desk_users',
  {
    id: primaryId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull(),
    tenantId: uuid('tenant_id'),
    entraObjectId: uuid('entra_object_id'),
    displayName: text('display_name').notNull(),
    givenName: text('given_name'),
    surname: text('surname'),
    userPrincipalName: text('user_principal_name'),
    email: text('email'),
    networkLogin: text('network_login'),
    jobTitle: text('job_title'),
    department: text('department'),
    phoneNumber: text('phone_number'),
    mobileNumber: text('mobile_number'),
    employeeId: text('employee_id'),
    officeLocation: text('office_location'),
    /** Entra `userType` the user was imported with (`Member`, `Guest`). */
    creationType: text('creation_type'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    inactive: boolean('inactive').notNull().default(false),
    isServiceAccount: boolean('is_service_account').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /**
     * Contract compliance as the last import found it: `covered` (holds a covered licence),
     * `flagged` (tickets allowed, marked) or `refused` (no tickets); null while compliance is off.
     */
    contractCoverage: text('contract_coverage', { enum: CONTRACT_COVERAGES }),
    managerId: uuid('manager_id').references((): AnyPgColumn => deskUsers.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    unique('desk_users_entra_key').on(t.tenantId, t.entraObjectId),
    check('desk_users_entra_link_check', sql`(${t.tenantId} is null) = (${t.entraObjectId} is null)`),
    check(
      'desk_users_contract_coverage_check',
      sql`${t.contractCoverage} in ('covered', 'flagged', 'refused')`,
    ),
    // The user's site must belong to the user's customer.
    foreignKey({
      name: 'desk_users_site_fk',
      columns: [t.siteId, t.customerId],
      foreignColumns: [sites.id, sites.customerId],
    }),
    // Serves the repository's search order (see user-repository.ts).
    index('desk_users_customer_name_idx').on(t.customerId, sql`lower(${t.displayName}) collate "C"`, t.id),
    index('desk_users_email_idx').on(t.customerId, sql`lower(${t.email})`),
    index('desk_users_upn_idx').on(t.customerId, sql`lower(${t.userPrincipalName})`),
    index('desk_users_manager_idx').on(t.managerId),
    // A sync's adoption candidates (users not linked yet), in the keyset order it reads them.
    index('desk_users_unlinked_idx')
      .on(t.id)
      .where(sql`${t.tenantId} is null`),
    ...deskUserListIndexes(t),
    // The users list filtered by coverage or to service accounts (few of many): an index walk in name order.
    index('desk_users_coverage_name_idx')
      .on(t.contractCoverage, sql`lower(${t.displayName}) collate "C"`, t.id)
      .where(sql`${t.contractCoverage} is not null`),
    index('desk_users_service_account_name_idx')
      .on(sql`lower(${t.displayName}) collate "C"`, t.id)
      .where(sql`${t.isServiceAccount}`),
  ],
);
