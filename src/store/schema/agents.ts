import {
  boolean,
  check,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { oneOf, primaryId, timestamps } from './columns.js';
import { teams } from './teams.js';

/** Halo-style agent licence types: a named seat or a concurrent (floating) one. */
export const AGENT_LICENCE_TYPES = ['named', 'concurrent'] as const;
export type AgentLicenceType = (typeof AGENT_LICENCE_TYPES)[number];

/** A desk agent (staff member), optionally linked to an Entra user of the MSP's own tenant. */
export const agents = pgTable(
  'agents',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id'),
    entraObjectId: uuid('entra_object_id'),
    displayName: text('display_name').notNull(),
    email: text('email'),
    userPrincipalName: text('user_principal_name'),
    licenceType: text('licence_type', { enum: AGENT_LICENCE_TYPES }).notNull().default('named'),
    inactive: boolean('inactive').notNull().default(false),
    lineManagerId: uuid('line_manager_id').references((): AnyPgColumn => agents.id, {
      onDelete: 'set null',
    }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    networkLogin: text('network_login'),
    jobTitle: text('job_title'),
    department: text('department'),
    phoneNumber: text('phone_number'),
    mobileNumber: text('mobile_number'),
    /** Entra `userType` the agent was imported with (`Member`, `Guest`). */
    creationType: text('creation_type'),
    defaultTeamId: uuid('default_team_id').references(() => teams.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    unique('agents_entra_key').on(t.tenantId, t.entraObjectId),
    check('agents_entra_link_check', sql`(${t.tenantId} is null) = (${t.entraObjectId} is null)`),
    oneOf('agents_licence_type_check', t.licenceType, AGENT_LICENCE_TYPES),
    index('agents_email_idx').on(sql`lower(${t.email})`),
  ],
);
