import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';

/**
 * A custom field of desk users, stored in `desk_users.custom_fields` under `name`. Field mappings
 * may only write fields that exist here (guide 001: "custom fields must be created in advance").
 */
export const userCustomFields = pgTable(
  'user_custom_fields',
  {
    id: primaryId(),
    name: text('name').notNull(),
    label: text('label').notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('user_custom_fields_name_key').on(sql`lower(${t.name})`)],
);

/**
 * The import configuration of one Entra connection (`EntraImportConfig`), one JSON document.
 * `version` grows by one on every save, so two administrators editing at once cannot silently
 * overwrite each other (compare-and-swap).
 */
export const entraImportConfigs = pgTable('entra_import_configs', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => connections.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  config: jsonb('config').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
