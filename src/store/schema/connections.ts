import { boolean, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { oneOf, primaryId, timestamps } from './columns.js';
import { customers, sites } from './customers.js';

/** Kinds of connection: a directly connected Entra tenant, or a CSP partner (Partner Center + GDAP). */
export const CONNECTION_KINDS = ['entra', 'csp'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/**
 * A connection to Microsoft. Secrets live only in the `*_ciphertext` columns, encrypted with the
 * secrets helper (`src/store/secrets.ts`); `settings` must never hold a secret.
 */
export const connections = pgTable(
  'connections',
  {
    id: primaryId(),
    kind: text('kind', { enum: CONNECTION_KINDS }).notNull(),
    name: text('name').notNull(),
    /** The home tenant: the customer's tenant (entra) or the partner's tenant (csp). */
    tenantId: uuid('tenant_id').notNull(),
    clientId: text('client_id'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    clientSecretCiphertext: text('client_secret_ciphertext'),
    certificateKeyCiphertext: text('certificate_key_ciphertext'),
    refreshTokenCiphertext: text('refresh_token_ciphertext'),
    inactive: boolean('inactive').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    oneOf('connections_kind_check', t.kind, CONNECTION_KINDS),
    uniqueIndex('connections_name_key').on(sql`lower(${t.name})`),
  ],
);

/** Which desk customer a Microsoft tenant belongs to, and through which connection it is read. */
export const tenantMappings = pgTable(
  'tenant_mappings',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id').notNull(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    defaultSiteId: uuid('default_site_id').references(() => sites.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tenant_mappings_tenant_key').on(t.tenantId)],
);
