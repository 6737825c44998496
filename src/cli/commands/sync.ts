import { Command, InvalidArgumentError, Option } from 'commander';
import { createMicrosoftIntegration } from '../../api/integrations/microsoft.js';
import { runConnectionImport } from '../../api/integrations/entra/run-import.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { ImportProgress, TenantRunResult } from '../../sync/entra/index.js';
import { openEntraConnection } from './connection-lookup.js';
import { configFromCommand } from './serve.js';

/** Where `rollcall sync` writes: progress to stderr (a terminal), results to stdout. */
export interface SyncOutput {
  progress(line: string): void;
  result(line: string): void;
  error(line: string): void;
}

/** Progress and errors to stderr, results to stdout; the console output of the connection commands. */
export const consoleOutput: SyncOutput = {
  progress: (line) => process.stderr.write(`${line}\n`),
  result: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

export interface RunSyncOptions {
  connection: string;
  tenant?: string;
  module: 'users' | 'agents';
  /** Read only what changed since the last run, when the connection uses delta queries. */
  delta?: boolean;
  dryRun: boolean;
  json: boolean;
  confirmMassDeactivation: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
}

function progressLine(event: ImportProgress): string {
  if (event.phase === 'reading') return `  ${event.tenantId}: read ${event.users} users`;
  if (event.phase === 'planning') return `  ${event.tenantId}: planning ${event.users} users`;
  return `  ${event.tenantId}: applying ${event.records} decisions`;
}

/** The `--json` summary: one object, the counts added over the tenants. */
export function syncSummary(results: TenantRunResult[], seconds: number) {
  const sum = (key: 'created' | 'updated' | 'deactivated' | 'unchanged' | 'excluded' | 'review') =>
    results.reduce((n, r) => n + (r.plan?.summary[key] ?? 0), 0);
  return {
    created: sum('created'),
    updated: sum('updated'),
    deactivated: sum('deactivated'),
    unchanged: sum('unchanged'),
    excluded: sum('excluded'),
    review: sum('review'),
    graphRequests: results.reduce((n, r) => n + (r.plan?.graphRequests ?? 0), 0),
    seconds: Math.round(seconds * 1000) / 1000,
    tenants: results.map((r) => ({
      tenantId: r.tenantId,
      runId: r.runId,
      status: r.status,
      error: r.error,
      mode: r.plan?.read.mode ?? null,
      modeReason: r.plan?.read.reason ?? null,
    })),
  };
}

function describeResult(result: TenantRunResult, out: SyncOutput): void {
  const s = result.plan?.summary;
  const counts = s
    ? `created ${s.created}, updated ${s.updated}, deactivated ${s.deactivated}, unchanged ${s.unchanged}, excluded ${s.excluded}, review ${s.review}`
    : 'nothing planned';
  const read = result.plan?.read;
  const how = read ? `, ${read.mode} read${read.reason ? ` (${read.reason})` : ''}` : '';
  out.result(`Tenant ${result.tenantId}: ${result.status} (${counts}${how}); run ${result.runId}`);
  for (const warning of result.plan?.warnings ?? []) out.result(`  warning: ${warning}`);
  if (result.error) out.result(`  ${result.error.code}: ${result.error.message}`);
}

/** Runs one import module for a connection; returns the exit code (0 all tenants done, 1 otherwise). */
export async function runSync(options: RunSyncOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const { config } = options;
  const opened = await openEntraConnection('sync', options, out);
  if (!opened) return 1;
  const { handle, secrets, connection } = opened;
  const microsoft = createMicrosoftIntegration(config);
  try {
    if (options.tenant && options.tenant !== connection.tenantId) {
      out.error(
        `rollcall sync: connection "${connection.name}" reads tenant ${connection.tenantId}, not ${options.tenant}`,
      );
      return 1;
    }
    const started = performance.now();
    if (!options.json)
      out.progress(
        `${options.dryRun ? 'Previewing' : 'Importing'} ${options.module} of "${connection.name}" …`,
      );
    const results = await runConnectionImport({ db: handle.db, secrets, microsoft, config }, connection, {
      module: options.module,
      trigger: 'cli',
      read: options.delta ? 'auto' : 'full',
      dryRun: options.dryRun,
      confirmMassDeactivation: options.confirmMassDeactivation,
      ...(options.json ? {} : { onProgress: (event: ImportProgress) => out.progress(progressLine(event)) }),
      onUnexpectedError: (error, tenantId, runId) =>
        out.error(
          `rollcall sync: run ${runId} (tenant ${tenantId}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ),
    });
    const seconds = (performance.now() - started) / 1000;
    if (options.json) out.result(JSON.stringify(syncSummary(results, seconds)));
    else for (const result of results) describeResult(result, out);
    return results.every((r) => r.status === 'succeeded' || r.status === 'previewed') ? 0 : 1;
  } catch (error) {
    out.error(`rollcall sync: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    microsoft.close();
    await handle.close();
  }
}

const moduleOption = (value: string) => {
  if (value !== 'users' && value !== 'agents') throw new InvalidArgumentError('expected users or agents');
  return value;
};

/** `rollcall sync`: imports Entra users or agents of one connection now. */
export function syncCommand(): Command {
  return new Command('sync')
    .description('Import users or agents of a Microsoft Entra connection now (read → plan → apply)')
    .requiredOption('--connection <name|id>', 'the Entra connection, by name or id')
    .option('--tenant <id>', "one tenant of the connection (default: the connection's tenants)")
    .addOption(new Option('--module <module>', 'what to import').argParser(moduleOption).default('users'))
    .option(
      '--delta',
      'read only what changed since the last run when the connection uses delta queries (a first run, or one after "clear", reads everything)',
      false,
    )
    .option('--dry-run', 'plan and record the run, change nothing (the console’s preview)', false)
    .option(
      '--confirm-mass-deactivation',
      'apply even when the run would deactivate more than the guard allows',
      false,
    )
    .option('--json', 'print one JSON summary on stdout, no progress', false)
    .option('--data-dir <dir>', 'data folder of the embedded database (ignored with DATABASE_URL)', './data')
    .option('--config <file>', 'a JSON configuration file (as for rollcall serve)')
    .addHelpText(
      'after',
      `
The import uses the connection's saved configuration (field, site and group mappings) exactly as
"Import Users" / "Import Agents" in the console, records a run, and writes the inbound log.
A run that would deactivate more than the mass-deactivation guard allows stops (exit 1) until
--confirm-mass-deactivation is given. The embedded database is locked while rollcall serve runs:
stop it, or use PostgreSQL (DATABASE_URL).

With --json, stdout is one object:
  {"created":0,"updated":0,"deactivated":0,"unchanged":0,"excluded":0,"review":0,
   "graphRequests":0,"seconds":0,"tenants":[{"tenantId":"…","runId":"…","status":"succeeded","error":null,
   "mode":"delta","modeReason":null}]}
mode is how the tenant was read (full or delta); modeReason says why a --delta run read in full
(delta.noCheckpoint, delta.tokenExpired, delta.queryChanged, delta.configChanged) or took the latest links (delta.latest).

Exit codes: 0 every tenant succeeded (or was previewed), 1 otherwise.

Examples:
  rollcall sync --connection "Contoso" --dry-run
  rollcall sync --connection 3f2c… --module agents --json
  rollcall sync --connection "Contoso" --delta`,
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configFromCommand(command, 'sync', flags);
      if (!config) {
        process.exitCode = 1;
        return;
      }
      process.exitCode = await runSync({
        connection: String(flags.connection),
        ...(typeof flags.tenant === 'string' ? { tenant: flags.tenant } : {}),
        module: flags.module as 'users' | 'agents',
        delta: Boolean(flags.delta),
        dryRun: Boolean(flags.dryRun),
        json: Boolean(flags.json),
        confirmMassDeactivation: Boolean(flags.confirmMassDeactivation),
        config,
      });
    });
}
