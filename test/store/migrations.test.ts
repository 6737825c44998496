import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrate, type MigrateOutput } from '../../src/cli/commands/migrate.js';
import { MIGRATIONS_FOLDER, openDatabase, queryRows, type DatabaseHandle } from '../../src/store/index.js';
import { testEngines, type TestDatabase } from './engines.js';

const DESK_TABLES = [
  'account_roles',
  'accounts',
  'agent_role_assignments',
  'agent_teams',
  'agents',
  'asset_import_configs',
  'asset_statuses',
  'asset_types',
  'assets',
  'audit_events',
  'cab_members',
  'cab_roles',
  'cabs',
  'connection_grants',
  'connections',
  'csp_consumption_configs',
  'csp_prices',
  'csp_subscriptions',
  'csp_tenants',
  'csp_usage',
  'customer_licences',
  'customers',
  'desk_user_licences',
  'desk_user_role_assignments',
  'desk_users',
  'entra_import_configs',
  'graph_subscriptions',
  'hr_events',
  'hr_imports',
  'hr_persons',
  'hr_rule_versions',
  'hr_runs',
  'hr_sources',
  'inbound_log',
  'integrator_configs',
  'integrator_tenant_states',
  'onboarding_configs',
  'outbound_actions',
  'products',
  'recurring_invoice_lines',
  'recurring_invoices',
  'roles',
  'sessions',
  'settings',
  'sites',
  'sync_checkpoints',
  'sync_reviews',
  'sync_runs',
  'teams',
  'tenant_mappings',
  'ticket_approvals',
  'ticket_secrets',
  'ticket_steps',
  'tickets',
  'user_custom_fields',
];

async function journalTags(): Promise<string[]> {
  const journal = JSON.parse(await readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((entry) => entry.tag);
}

function captureOutput(): MigrateOutput & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(`ERROR ${line}`) };
}

/** `rollcall migrate` reads DATABASE_URL from the environment it is given, like the real command. */
function envFor(target: TestDatabase['target']): NodeJS.ProcessEnv {
  return 'url' in target ? { DATABASE_URL: target.url } : {};
}

describe.each(testEngines())('migrations on $name', (engine) => {
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;

  afterEach(async () => {
    await handle?.close();
    await database?.dispose();
    handle = undefined;
    database = undefined;
  });

  it('`rollcall migrate` creates every desk table, then has nothing left to apply', async () => {
    database = await engine.create();
    const dataDir = 'dataDir' in database.target ? database.target.dataDir : './unused';
    const env = envFor(database.target);

    const first = captureOutput();
    expect(await runMigrate({ dataDir, env, output: first })).toBe(0);
    const text = first.lines.join('\n');
    expect(text).toContain(engine.name === 'pglite' ? 'embedded PGlite' : 'PostgreSQL');
    for (const tag of await journalTags()) expect(text).toContain(`  ${tag}`);

    const second = captureOutput();
    expect(await runMigrate({ dataDir, env, output: second })).toBe(0);
    expect(second.lines.join('\n')).toContain('Nothing to apply');

    handle = await openDatabase(database.target);
    expect(handle.kind).toBe(engine.name);
    const tables = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(DESK_TABLES);
    expect(await handle.migrate()).toEqual({ applied: [], alreadyApplied: (await journalTags()).length });
  });
});
