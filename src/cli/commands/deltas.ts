import { Command, InvalidArgumentError, Option } from 'commander';
import { createAuditLog } from '../../api/audit/audit-log.js';
import {
  deltaPositions,
  resetDeltas,
  untrackedFieldUses,
  type DeltaResetMode,
} from '../../api/integrations/entra/delta-settings.js';
import { loadImportConfig } from '../../api/integrations/entra/import-ports.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { ConnectionSummary, Database } from '../../store/index.js';
import type { ImportModule } from '../../sync/entra/index.js';
import { openEntraConnection } from './connection-lookup.js';
import { consoleOutput, type SyncOutput } from './sync.js';
import { configFromCommand } from './serve.js';

export interface DeltasOptions {
  action: 'status' | 'reset';
  connection: string;
  mode?: DeltaResetMode;
  tenant?: string;
  module?: ImportModule;
  json: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
}

const POSITION_WORDS = {
  none: 'full read next run',
  links: 'reading changes',
  latest: 'starts from now next run',
} as const;

async function status(db: Database, connection: ConnectionSummary) {
  const { config } = await loadImportConfig(db, connection.id);
  const positions = await deltaPositions(db, connection.id, [connection.tenantId]);
  return {
    connection: connection.name,
    enabled: config.delta.enabled,
    method: config.delta.method,
    untracked: config.delta.method === 'mappedFields' ? untrackedFieldUses(config) : [],
    tenants: positions.map((p) => ({ ...p, updatedAt: p.updatedAt?.toISOString() ?? null })),
  };
}

function printStatus(view: Awaited<ReturnType<typeof status>>, out: SyncOutput): void {
  const method = view.method === 'allChanges' ? 'listen to all changes' : 'only fields Rollcall uses';
  out.result(
    `Connection "${view.connection}": delta queries ${view.enabled ? `on (${method})` : 'off: scheduled runs read every user'}`,
  );
  for (const u of view.untracked)
    out.result(`  not listened to: ${u.field} (used by ${u.usedBy.join(', ')})`);
  for (const t of view.tenants)
    out.result(
      `  ${t.tenantId} ${t.module.padEnd(6)} ${POSITION_WORDS[t.position]}${t.updatedAt ? ` (since ${t.updatedAt})` : ''}`,
    );
}

/** `rollcall deltas status|reset`; returns the exit code. */
export async function runDeltas(options: DeltasOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const name = `deltas ${options.action}`;
  const opened = await openEntraConnection(name, options, out);
  if (!opened) return 1;
  const { handle, connection } = opened;
  try {
    if (options.tenant && options.tenant !== connection.tenantId) {
      out.error(
        `rollcall ${name}: connection "${connection.name}" reads tenant ${connection.tenantId}, not ${options.tenant}`,
      );
      return 1;
    }
    if (options.action === 'reset') {
      const mode = options.mode!;
      const reset = await resetDeltas(
        handle.db,
        {
          connectionId: connection.id,
          tenantIds: [connection.tenantId],
          ...(options.module ? { modules: [options.module] } : {}),
        },
        mode,
      );
      await createAuditLog(handle.db).record({
        actor: { type: 'system', id: null, name: 'rollcall deltas reset' },
        action: 'entra.deltas.reset',
        target: { type: 'connection', id: connection.id },
        after: { mode, tenantId: options.tenant ?? null, module: options.module ?? null, via: 'cli' },
      });
      if (!options.json)
        out.progress(
          mode === 'clear'
            ? `Cleared ${reset} delta checkpoint(s): the next run reads every user and makes records of users no longer in Entra inactive.`
            : `Reset ${reset} delta checkpoint(s) to the latest: the next run starts from now, skipping changes since the last run.`,
        );
    }
    const view = await status(handle.db, connection);
    if (options.json) out.result(JSON.stringify(view));
    else printStatus(view, out);
    return 0;
  } catch (error) {
    out.error(`rollcall ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await handle.close();
  }
}

const choice =
  <T extends string>(values: readonly T[], words: string) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected ${words}`);
    return value as T;
  };

function withCommon(command: Command): Command {
  return command
    .requiredOption('--connection <name|id>', 'the Entra connection, by name or id')
    .option('--json', 'print one JSON object on stdout', false)
    .option('--data-dir <dir>', 'data folder of the embedded database (ignored with DATABASE_URL)', './data')
    .option('--config <file>', 'a JSON configuration file (as for rollcall serve)');
}

async function act(action: DeltasOptions['action'], command: Command, flags: Record<string, unknown>) {
  const config = configFromCommand(command, `deltas ${action}`, flags);
  if (!config) {
    process.exitCode = 1;
    return;
  }
  process.exitCode = await runDeltas({
    action,
    connection: String(flags.connection),
    ...(typeof flags.mode === 'string' ? { mode: flags.mode as DeltaResetMode } : {}),
    ...(typeof flags.tenant === 'string' ? { tenant: flags.tenant } : {}),
    ...(typeof flags.module === 'string' ? { module: flags.module as ImportModule } : {}),
    json: Boolean(flags.json),
    config,
  });
}

/** `rollcall deltas`: where a connection's delta queries stand, and "Reset deltas". */
export function deltasCommand(): Command {
  const statusCommand = withCommon(
    new Command('status').description("Show where each tenant's delta rounds stand"),
  ).action(async (flags: Record<string, unknown>, command: Command) => act('status', command, flags));
  const resetCommand = withCommon(
    new Command('reset').description('Reset delta checkpoints: clear (read everything next run) or latest'),
  )
    .addOption(
      new Option('--mode <mode>', 'clear or latest')
        .argParser(choice(['clear', 'latest'] as const, 'clear or latest'))
        .makeOptionMandatory(),
    )
    .option('--tenant <id>', "one tenant of the connection (default: the connection's tenants)")
    .addOption(
      new Option('--module <module>', 'users or agents (default both)').argParser(
        choice(['users', 'agents'] as const, 'users or agents'),
      ),
    )
    .action(async (flags: Record<string, unknown>, command: Command) => act('reset', command, flags));
  return new Command('deltas')
    .description("Show or reset a Microsoft Entra connection's delta queries (users and groups)")
    .addHelpText(
      'after',
      `
With delta queries on (Imports tab), scheduled runs and \`rollcall sync --delta\` read only what
changed in Entra since the tenant's last run. Reset when changes were missed or a tenant misbehaves:
  clear   the next run reads every user and makes records of users no longer in Entra inactive
  latest  the next run starts from now: changes since the last run are skipped

Examples:
  rollcall deltas status --connection "Contoso"
  rollcall deltas reset --connection "Contoso" --mode clear
  rollcall deltas reset --connection 3f2c… --mode latest --module agents --json`,
    )
    .addCommand(statusCommand)
    .addCommand(resetCommand);
}
