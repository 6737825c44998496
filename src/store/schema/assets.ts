import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';
import { customers, sites } from './customers.js';
import { deskUsers } from './desk-users.js';

/** A kind of asset (Laptop, Mobile Phone, …); names are unique without regard to case. */
export const assetTypes = pgTable(
  'asset_types',
  {
    id: primaryId(),
    name: text('name').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('asset_types_name_key').on(sql`lower(${t.name})`)],
);

/** An asset status (Active, Deleted from Intune, …); names are unique without regard to case. */
export const assetStatuses = pgTable(
  'asset_statuses',
  {
    id: primaryId(),
    name: text('name').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('asset_statuses_name_key').on(sql`lower(${t.name})`)],
);

/**
 * An asset of a customer (a computer, a phone). `match_key` is the normalised value of the asset
 * matching field (the serial number by default): every source looks an asset up by it before
 * creating one, so Intune and another source update one record instead of making two. An asset
 * read from Intune also keeps the Intune device id and its tenant; `removed_at` is set when the
 * device is no longer in Intune (the asset stays, with the configured status).
 */
export const assets = pgTable(
  'assets',
  {
    id: primaryId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').notNull(),
    deskUserId: uuid('desk_user_id').references(() => deskUsers.id, { onDelete: 'set null' }),
    typeId: uuid('type_id')
      .notNull()
      .references(() => assetTypes.id),
    statusId: uuid('status_id')
      .notNull()
      .references(() => assetStatuses.id),
    name: text('name').notNull(),
    serialNumber: text('serial_number'),
    /** Lower-cased, trimmed value of the asset matching field; null when the device has none. */
    matchKey: text('match_key'),
    /** Where the asset was created from: `intune`, `manual`, or another integration. */
    source: text('source').notNull(),
    /** The connection that last imported it from Intune (null for assets from elsewhere). */
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    tenantId: uuid('tenant_id'),
    intuneDeviceId: text('intune_device_id'),
    /** Asset fields by name (field mappings write here): `{ "Operating System": "Windows" }`. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** The run that last saw the device in Intune: a full read's missing devices are the others. */
    lastSeenRunId: uuid('last_seen_run_id'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** Increases on every change written by a sync (a cheap "did anything change" for readers). */
    revision: integer('revision').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    // The asset's site must belong to its customer.
    foreignKey({
      name: 'assets_site_fk',
      columns: [t.siteId, t.customerId],
      foreignColumns: [sites.id, sites.customerId],
    }),
    uniqueIndex('assets_intune_device_key').on(t.tenantId, t.intuneDeviceId),
    index('assets_customer_match_idx').on(t.customerId, t.matchKey),
    index('assets_customer_name_idx').on(t.customerId, sql`lower(${t.name}) collate "C"`, t.id),
    index('assets_name_idx').on(sql`lower(${t.name}) collate "C"`, t.id),
    index('assets_connection_tenant_idx').on(t.connectionId, t.tenantId),
    index('assets_desk_user_idx').on(t.deskUserId),
  ],
);

/**
 * A connection's asset (Intune) import configuration (`AssetImportConfig`), one JSON document,
 * versioned like the users import configuration (compare-and-swap on `version`).
 */
export const assetImportConfigs = pgTable('asset_import_configs', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  config: jsonb('config').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
