import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agents } from './agents.js';
import { oneOf, primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';
import { deskUsers } from './desk-users.js';

export const ACCOUNT_KINDS = ['agent', 'portal'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * Who can sign in: an agent to the console, or a customer's user to the portal. Password and/or
 * Entra identity (SSO); `sessionsValidFrom` moves forward on "sign out everywhere".
 */
export const accounts = pgTable(
  'accounts',
  {
    id: primaryId(),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'cascade' }),
    deskUserId: uuid('desk_user_id').references(() => deskUsers.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** scrypt hash; null for SSO-only accounts. */
    passwordHash: text('password_hash'),
    entraTenantId: uuid('entra_tenant_id'),
    entraObjectId: uuid('entra_object_id'),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    sessionsValidFrom: timestamp('sessions_valid_from', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    oneOf('accounts_kind_check', t.kind, ACCOUNT_KINDS),
    check(
      'accounts_subject_check',
      sql`(${t.kind} = 'agent' and ${t.agentId} is not null and ${t.deskUserId} is null) or (${t.kind} = 'portal' and ${t.deskUserId} is not null and ${t.agentId} is null)`,
    ),
    uniqueIndex('accounts_email_key').on(sql`lower(${t.email})`),
    unique('accounts_entra_key').on(t.entraTenantId, t.entraObjectId),
  ],
);

/** A named set of permissions (data, not code); `kind` says whether agents or portal users hold it. */
export const roles = pgTable(
  'roles',
  {
    id: primaryId(),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: text('permissions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    builtIn: boolean('built_in').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    oneOf('roles_kind_check', t.kind, ACCOUNT_KINDS),
    uniqueIndex('roles_name_key').on(sql`lower(${t.name})`),
  ],
);

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.roleId] })],
);

export const CONNECTION_ACCESS = ['read', 'modify'] as const;
export type ConnectionAccess = (typeof CONNECTION_ACCESS)[number];

/** Guide 001 "control who can manage the integration": an agent's access to one connection. */
export const connectionGrants = pgTable(
  'connection_grants',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    access: text('access', { enum: CONNECTION_ACCESS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.connectionId] }),
    oneOf('connection_grants_access_check', t.access, CONNECTION_ACCESS),
  ],
);

export const SESSION_METHODS = ['password', 'sso'] as const;

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    method: text('method', { enum: SESSION_METHODS }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [
    oneOf('sessions_method_check', t.method, SESSION_METHODS),
    index('sessions_account_idx').on(t.accountId),
  ],
);

/** Instance-wide settings (SSO allow-list, just-in-time creation, …), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
