import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, MigrationReport } from './database-types.js';
import { queryRows } from './sql-rows.js';

/**
 * The generated migrations, shipped with the package. Resolved from this file so it works from
 * `src/store` (tsx, tests) and from `dist/store` (built package) alike.
 */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Where drizzle's migrator records applied migrations. */
const MIGRATIONS_SCHEMA = 'drizzle';
const MIGRATIONS_TABLE = '__drizzle_migrations';

/** Options every drizzle migrator gets, so the bookkeeping table is the same on both engines. */
export const migratorConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsSchema: MIGRATIONS_SCHEMA,
  migrationsTable: MIGRATIONS_TABLE,
} as const;

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});

/**
 * Runs `runMigrator` (drizzle's migrator for the engine) and reports which migrations it applied.
 * Drizzle applies every journal entry newer than the newest recorded one, so the same rule
 * tells which are pending.
 */
export async function migrateAndReport(
  db: Database,
  runMigrator: () => Promise<void>,
): Promise<MigrationReport> {
  const journal = journalSchema.parse(
    JSON.parse(await readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')),
  );
  const newest = await newestAppliedMigration(db);
  const pending = journal.entries.filter((entry) => newest === undefined || entry.when > newest);
  await runMigrator();
  return {
    applied: pending.map((entry) => entry.tag),
    alreadyApplied: journal.entries.length - pending.length,
  };
}

async function newestAppliedMigration(db: Database): Promise<number | undefined> {
  const table = `${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`;
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass(${table}) is not null as present`,
  );
  if (!exists?.present) return undefined;
  const [row] = await queryRows<{ newest: string | number | null }>(
    db,
    sql`select max(created_at) as newest from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)}`,
  );
  return row?.newest === null || row?.newest === undefined ? undefined : Number(row.newest);
}
