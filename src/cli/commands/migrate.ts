import { Command } from 'commander';
import {
  databaseOptionsFromEnv,
  MIGRATIONS_FOLDER,
  openDatabase,
  StoreError,
  type MigrationReport,
} from '../../store/index.js';

/** Where `rollcall migrate` writes; injectable so tests can read what a person would see. */
export interface MigrateOutput {
  info(line: string): void;
  error(line: string): void;
}

export interface RunMigrateOptions {
  dataDir: string;
  /** True when --data-dir was given on the command line (so ignoring it deserves a word). */
  dataDirGiven?: boolean;
  env?: NodeJS.ProcessEnv;
  output?: MigrateOutput;
}

const consoleOutput: MigrateOutput = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
};

/**
 * Applies pending migrations and says what it did. Returns the process exit code: 0 on success,
 * 1 when the database cannot be opened or a migration fails (the reason is printed).
 */
export async function runMigrate(options: RunMigrateOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const target = databaseOptionsFromEnv(options.dataDir, options.env);
  if ('url' in target && options.dataDirGiven) {
    out.info('DATABASE_URL is set, so --data-dir is ignored: migrating PostgreSQL.');
  }
  let handle;
  try {
    handle = await openDatabase(target);
  } catch (error) {
    if (error instanceof StoreError) {
      out.error(`rollcall migrate: ${error.message}`);
      return 1;
    }
    throw error;
  }
  try {
    const engine = handle.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
    out.info(`Database: ${engine}, ${handle.location}`);
    out.info(`Applying pending migrations from ${MIGRATIONS_FOLDER} …`);
    describe(await handle.migrate(), out);
    return 0;
  } catch (error) {
    out.error(`rollcall migrate: migration failed, nothing of it was kept: ${(error as Error).message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function describe(report: MigrationReport, out: MigrateOutput): void {
  const total = report.alreadyApplied + report.applied.length;
  if (report.applied.length === 0) {
    out.info(`Nothing to apply: the schema is up to date (${plural(total, 'migration')} applied earlier).`);
    return;
  }
  out.info(`Applied ${plural(report.applied.length, 'migration')}:`);
  for (const tag of report.applied) out.info(`  ${tag}`);
  out.info(`The schema is up to date (${plural(total, 'migration')} in all).`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `rollcall migrate`: creates or upgrades the database schema. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description(
      'Create or upgrade the database schema (embedded data folder, or PostgreSQL via DATABASE_URL)',
    )
    .option(
      '--data-dir <dir>',
      'data folder of the embedded database (ignored when DATABASE_URL is set)',
      './data',
    )
    .addHelpText(
      'after',
      `
Which database:
  Without DATABASE_URL, the embedded engine (PGlite) in <data-dir>/pglite is migrated. The data
  folder is locked while in use: stop a running \`rollcall serve\`/\`demo\` on it first.
  With DATABASE_URL=postgres://user:password@host:5432/db, that PostgreSQL database is migrated;
  concurrent runs wait for each other.

Migrations are applied in one transaction: on failure nothing is changed. Running it again when
the schema is up to date does nothing. Back up the data folder (or the database) before upgrading.

Examples:
  rollcall migrate
  rollcall migrate --data-dir /var/lib/rollcall
  DATABASE_URL=postgres://rollcall@db.internal/rollcall rollcall migrate`,
    )
    .action(async (options: { dataDir: string }, command: Command) => {
      process.exitCode = await runMigrate({
        dataDir: options.dataDir,
        dataDirGiven: command.getOptionValueSource('dataDir') === 'cli',
      });
    });
}
