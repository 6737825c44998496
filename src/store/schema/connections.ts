import { boolean, check, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { nullOrOneOf, oneOf, primaryId, timestamps } from './columns.js';
import { CSP_LICENCE_IMPORT_TYPES, CSP_RELATIONSHIP_TYPES } from './csp-values.js';
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
    /**
     * CSP only: the multi-tenant GDAP app's client secret (`client_id`/`client_secret_*` are the
     * Partner Center app's; the GDAP app's client id is in `settings`, its certificate key in
     * `certificate_key_ciphertext`).
     */
    gdapClientSecretCiphertext: text('gdap_client_secret_ciphertext'),
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
    /** Null only with `do_not_import`. */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    defaultSiteId: uuid('default_site_id').references(() => sites.id, { onDelete: 'set null' }),
    /** Guide 002's *Do not Import*: the tenant is known and deliberately left out. */
    doNotImport: boolean('do_not_import').notNull().default(false),
    /** CSP overrides of the connection's settings for this tenant (null: the connection's). */
    relationshipType: text('relationship_type', { enum: CSP_RELATIONSHIP_TYPES }),
    licenceImportType: text('licence_import_type', { enum: CSP_LICENCE_IMPORT_TYPES }),
    excludeFromIntune: boolean('exclude_from_intune').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tenant_mappings_tenant_key').on(t.tenantId),
    // Either a customer or "do not import": never both, never neither.
    check('tenant_mappings_target_check', sql`(${t.customerId} is null) = ${t.doNotImport}`),
    nullOrOneOf('tenant_mappings_relationship_type_check', t.relationshipType, CSP_RELATIONSHIP_TYPES),
    nullOrOneOf('tenant_mappings_licence_import_type_check', t.licenceImportType, CSP_LICENCE_IMPORT_TYPES),
  ],
);
