import { setTimeout as sleep } from 'node:timers/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createAppJobRuntime } from '../../api/app.js';
import { ApiHttpError } from '../../api/http/api-error.js';
import {
  integratorTenantStates,
  queueIntegratorRun,
  type QueuedRun,
} from '../../api/integrations/integrator/integrator-runs.js';
import { createMicrosoftIntegration } from '../../api/integrations/microsoft.js';
import { createLogger } from '../../api/observability/logger.js';
import { createMetrics } from '../../api/observability/metrics.js';
import {
  INTEGRATOR_MODULES,
  type IntegratorModule,
  type IntegratorTenantState,
} from '../../contracts/api/integrator.js';
import type { ServerConfig } from '../../contracts/config.js';
import type { JobRuntime } from '../../jobs/index.js';
import type { ConnectionSummary, DatabaseHandle } from '../../store/index.js';
import { openConnection } from './connection-lookup.js';
import { configFromCommand } from './serve.js';
import { consoleOutput, type SyncOutput } from './sync.js';

const POLL_MS = 500;
interface Session {
  handle: DatabaseHandle;
  jobs: JobRuntime;
  connection: ConnectionSummary;
  /** Embedded: this process works the jobs (nothing else can open the data folder). */
  works: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database and a job queue on it, and finds the connection. With PostgreSQL the queue
 * only enqueues (workers and `rollcall serve` run the jobs); with the embedded database this
 * process is the only one that can open it, so it runs the jobs itself.
 */
async function open(
  command: string,
  options: { connection: string; config: ServerConfig; env?: NodeJS.ProcessEnv },
  out: SyncOutput,
): Promise<Session | null> {
  const { config } = options;
  const opened = await openConnection(`integrator ${command}`, options, out, ['entra', 'csp']);
  if (!opened) return null;
  const { handle, secrets, connection } = opened;
  const microsoft = createMicrosoftIntegration(config);
  const works = !config.databaseUrl;
  const jobs = createAppJobRuntime({
    database: handle,
    config,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics({ processMetrics: false }),
    workers: works,
    secrets,
    microsoft,
  });
  await jobs.start();
  return {
    handle,
    jobs,
    connection,
    works,
    async close() {
      try {
        await jobs.stop();
      } finally {
        microsoft.close();
        await handle.close();
      }
    },
  };
}

function stateLine(state: IntegratorTenantState): string {
  const parts = [
    `${state.tenantId} ${state.module}:`,
    state.quarantine
      ? `QUARANTINED since ${state.quarantine.at} (${state.quarantine.reason.code}: ${state.quarantine.reason.message})`
      : state.consecutiveFailures
        ? `failing (${state.consecutiveFailures} in a row)`
        : 'ok',
    `last run ${state.lastRunAt ?? 'never'}`,
    `last success ${state.lastSuccessAt ?? 'never'}`,
    state.scheduled ? `next due ${state.nextDueAt ?? 'at the next tick'}` : 'not scheduled',
  ];
  if (state.job)
    parts.push(
      `job ${state.job.id} ${state.job.state}${state.job.retryCount ? ` (retry ${state.job.retryCount})` : ''}`,
    );
  if (state.lastError && !state.quarantine)
    parts.push(`last error ${state.lastError.code}: ${state.lastError.message}`);
  return parts.join('; ');
}

export interface IntegratorStatusOptions {
  connection: string;
  json: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
}

/** `rollcall integrator status`: the per-tenant state; exit 1 when a tenant is quarantined or failing. */
export async function runIntegratorStatus(options: IntegratorStatusOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const session = await open('status', options, out);
  if (!session) return 1;
  try {
    const states = await integratorTenantStates(
      { db: session.handle.db, jobs: session.jobs },
      session.connection,
    );
    if (options.json) out.result(JSON.stringify({ connectionId: session.connection.id, tenants: states }));
    else if (!states.length) {
      out.result(
        `"${session.connection.name}": the integrator has not run yet. Switch it on in the console (connection → Integrator) or run it: rollcall integrator run --connection "${session.connection.name}"`,
      );
    } else for (const state of states) out.result(stateLine(state));
    return states.some((s) => s.quarantine || s.consecutiveFailures > 0) ? 1 : 0;
  } finally {
    await session.close();
  }
}

export interface IntegratorRunOptions {
  connection: string;
  tenant?: string;
  module?: IntegratorModule;
  wait: boolean;
  json: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
}

async function waitFor(
  jobs: JobRuntime,
  queued: QueuedRun[],
  out: SyncOutput,
  quiet: boolean,
): Promise<void> {
  const pending = new Set(queued.map((q) => q.jobId));
  const seen = new Map<string, string>();
  while (pending.size) {
    for (const run of queued) {
      if (!pending.has(run.jobId)) continue;
      const job = await jobs.job('sync.tenant', run.jobId);
      const state = job?.state ?? 'cancelled';
      if (!quiet && seen.get(run.jobId) !== state)
        out.progress(`  ${run.tenantId} ${run.module}: ${state}${job?.error ? ` (${job.error})` : ''}`);
      seen.set(run.jobId, state);
      if (state === 'completed' || state === 'failed' || state === 'cancelled') pending.delete(run.jobId);
    }
    if (pending.size) await sleep(POLL_MS);
  }
}

/**
 * `rollcall integrator run`: "Run now" from the command line (trigger `cli`; a success lifts a
 * quarantine). Returns the exit code: 0 queued (or, waiting, every run succeeded), 1 otherwise.
 */
export async function runIntegratorNow(options: IntegratorRunOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const session = await open('run', options, out);
  if (!session) return 1;
  try {
    let queued: QueuedRun[];
    try {
      queued = await queueIntegratorRun({ db: session.handle.db, jobs: session.jobs }, session.connection, {
        tenantId: options.tenant,
        module: options.module,
        trigger: 'cli',
      });
    } catch (error) {
      if (!(error instanceof ApiHttpError)) throw error;
      out.error(`rollcall integrator run: ${error.message}`);
      return 1;
    }
    const wait = options.wait || session.works;
    if (!options.json) {
      out.progress(`Queued ${queued.length} run(s) of "${session.connection.name}":`);
      for (const run of queued)
        out.progress(
          `  ${run.tenantId} ${run.module}: job ${run.jobId}${run.alreadyQueued ? ' (already queued)' : ''}`,
        );
      if (wait)
        out.progress(session.works ? 'Running them here (embedded database) …' : 'Waiting for the workers …');
    }
    if (!wait) {
      if (options.json) out.result(JSON.stringify({ connectionId: session.connection.id, jobs: queued }));
      return 0;
    }
    await waitFor(session.jobs, queued, out, options.json);
    const states = await integratorTenantStates(
      { db: session.handle.db, jobs: session.jobs },
      session.connection,
    );
    const ran = states.filter((s) => queued.some((q) => q.tenantId === s.tenantId && q.module === s.module));
    const results = await Promise.all(
      queued.map(async (run) => {
        const job = await session.jobs.job('sync.tenant', run.jobId);
        const state = ran.find((s) => s.tenantId === run.tenantId && s.module === run.module);
        const ok = job?.state === 'completed' && !state?.lastError;
        return {
          ...run,
          jobState: job?.state ?? null,
          ok,
          error: state?.lastError ?? (job?.error ? { code: 'job', message: job.error } : null),
        };
      }),
    );
    if (options.json) out.result(JSON.stringify({ connectionId: session.connection.id, jobs: results }));
    else {
      for (const r of results) {
        out.result(
          `${r.tenantId} ${r.module}: ${r.ok ? 'succeeded' : 'failed'}${r.error ? ` (${r.error.code}: ${r.error.message})` : ''}`,
        );
      }
    }
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await session.close();
  }
}

const moduleOption = (value: string): IntegratorModule => {
  const found = INTEGRATOR_MODULES.find((m) => m === value);
  if (!found) throw new InvalidArgumentError(`expected one of ${INTEGRATOR_MODULES.join(', ')}`);
  return found;
};

const commonOptions = (command: Command) =>
  command
    .requiredOption('--connection <name|id>', 'the Entra or CSP connection, by name or id')
    .option('--json', 'print one JSON object on stdout, no progress', false)
    .option('--data-dir <dir>', 'data folder of the embedded database (ignored with DATABASE_URL)', './data')
    .option('--config <file>', 'a JSON configuration file (as for rollcall serve)');

function configOf(command: Command, name: string, flags: Record<string, unknown>): ServerConfig | null {
  const config = configFromCommand(command, name, flags);
  if (!config) process.exitCode = 1;
  return config;
}

/** `rollcall integrator`: the scheduled sync's status and "Run now" (docs/integrator.md). */
export function integratorCommand(): Command {
  const status = commonOptions(new Command('status'))
    .description('Show where the integrator stands for each tenant and module of a connection')
    .addHelpText(
      'after',
      `
One line per tenant and module: ok, failing (failures in a row) or QUARANTINED with the reason,
the last run and success, when it is next due, and the job queued or running for it.

With --json, stdout is one object: {"connectionId":"…","tenants":[{"tenantId","module","scheduled",
"consecutiveFailures","lastRunAt","lastSuccessAt","lastError","nextDueAt","quarantine","job"}]}

Exit codes: 0 every tenant is ok, 1 a tenant is failing or quarantined (or the command failed).

Examples:
  rollcall integrator status --connection "Contoso"
  DATABASE_URL=postgres://… rollcall integrator status --connection 3f2c… --json`,
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configOf(command, 'integrator status', flags);
      if (!config) return;
      process.exitCode = await runIntegratorStatus({
        connection: String(flags.connection),
        json: Boolean(flags.json),
        config,
      });
    });

  const run = commonOptions(new Command('run'))
    .description('Run now: synchronise a connection, one tenant or one module (as the console\'s "Run now")')
    .option('--tenant <id>', 'one tenant of the connection (default: every tenant)')
    .addOption(
      new Option(
        '--module <module>',
        `one module (${INTEGRATOR_MODULES.join(', ')}); default: what the integrator runs for each tenant`,
      ).argParser(moduleOption),
    )
    .option('--wait', 'wait for the runs to finish and report how each went', false)
    .addHelpText(
      'after',
      `
The runs are queued as jobs (one per tenant and module, never two of one tenant at once) with
trigger "cli"; a success lifts a quarantine. With PostgreSQL the workers (rollcall worker, or
rollcall serve with in-process workers) run them: add --wait to wait for them. With the embedded
database nothing else can open the data folder, so this command runs them itself and always
waits (stop rollcall serve first, or use PostgreSQL).

With --json, stdout is one object: {"connectionId":"…","jobs":[{"tenantId","module","jobId",
"alreadyQueued"}]}, and when waiting each job also has "jobState", "ok" and "error".

Exit codes: 0 queued (or, waiting, every run succeeded), 1 otherwise.

Examples:
  rollcall integrator run --connection "Contoso" --wait
  rollcall integrator run --connection "Contoso" --tenant 6c1f… --module agents --json
  rollcall integrator run --connection "Partner Center" --module tenants --wait`,
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configOf(command, 'integrator run', flags);
      if (!config) return;
      process.exitCode = await runIntegratorNow({
        connection: String(flags.connection),
        ...(typeof flags.tenant === 'string' ? { tenant: flags.tenant } : {}),
        ...(flags.module ? { module: flags.module as IntegratorModule } : {}),
        wait: Boolean(flags.wait),
        json: Boolean(flags.json),
        config,
      });
    });

  return new Command('integrator')
    .description('The integrator (scheduled sync): status per tenant, and Run now')
    .addCommand(status)
    .addCommand(run)
    .addHelpText(
      'after',
      `
The schedule, modules, concurrency, quarantine threshold and per-tenant overrides are set in the
console (the connection's Integrator tab). An Entra connection runs licences, users, agents and
assets for its tenant; a CSP connection runs tenants (under the partner tenant), and licences, users and
assets for each customer tenant mapped to a customer. See docs/integrator.md.`,
    );
}
