import { Command, Option } from 'commander';
import { createAppJobRuntime } from '../../api/app.js';
import { createLogger } from '../../api/observability/logger.js';
import { createMetrics } from '../../api/observability/metrics.js';
import type { ServerConfig } from '../../contracts/config.js';
import { loadSecretKey, openDatabase, redactUrl } from '../../store/index.js';
import { configFromCommand, reportStartFailure, stopOnSignals } from './serve.js';

const NEEDS_POSTGRES = `rollcall worker: needs PostgreSQL. Workers share work with each other and with \`rollcall serve\`
through a PostgreSQL database: set DATABASE_URL=postgres://user:password@host:5432/rollcall (the same
database as your serve processes) and ROLLCALL_SECRET_KEY (the same key).
With the embedded database (no DATABASE_URL), \`rollcall serve\` runs the workers itself: no
separate worker is needed, and none could share its data folder.
`;

async function runWorker(config: ServerConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  let close: (() => Promise<void>) | undefined;
  try {
    const database = await openDatabase({ url: config.databaseUrl! });
    const runtime = createAppJobRuntime({
      database,
      config,
      logger,
      metrics: createMetrics({ processMetrics: false }),
      workers: true,
    });
    close = async () => {
      try {
        await runtime.stop();
      } finally {
        await database.close();
      }
    };
    // The schema may be older than this worker's code; migrating is idempotent and serialised.
    await database.migrate();
    // Loaded now so a missing key stops the worker before it takes a job that needs it.
    await loadSecretKey({ env: process.env });
    stopOnSignals(logger, close);
    await runtime.start();
  } catch (error) {
    reportStartFailure('worker', error, config);
    await close?.().catch(() => undefined);
    process.exitCode = 1;
    return;
  }
  logger.info(
    { database: redactUrl(config.databaseUrl!), concurrency: config.workers.concurrency },
    'Rollcall worker is running',
  );
  process.stderr.write('Rollcall worker is running. Press Ctrl+C to stop.\n');
}

/** `rollcall worker`: job workers only, for scale-out on PostgreSQL. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('Run job workers only (scale-out on PostgreSQL; needs DATABASE_URL)')
    .addOption(new Option('--config <file>', 'JSON config file [env ROLLCALL_CONFIG]'))
    .addHelpText(
      'after',
      `
A worker takes jobs (syncs, outbound changes, …) from the queue in PostgreSQL. Run as many as you
need, on any machines, beside any number of \`rollcall serve\` processes on the same database.
Each needs DATABASE_URL and ROLLCALL_SECRET_KEY (the same key everywhere). Concurrency per job
kind: ROLLCALL_WORKERS_CONCURRENCY (default 4). SIGINT or SIGTERM stops after running jobs finish.
A worker that dies (killed, machine lost) leaves its jobs to the others once their leases lapse:
ROLLCALL_WORKERS_LEASE_SECONDS (default 30), then each job's retry policy.

With the embedded database (no DATABASE_URL), \`rollcall serve\` runs the workers in-process.

Examples:
  $ DATABASE_URL=postgres://rollcall@db/rollcall ROLLCALL_SECRET_KEY=… rollcall worker
  $ rollcall worker --config /etc/rollcall/config.json`,
    )
    .action(async function (this: Command, flags: Record<string, unknown>) {
      const config = configFromCommand(this, 'worker', flags);
      if (!config) {
        process.exitCode = 1;
        return;
      }
      if (!config.databaseUrl) {
        process.stderr.write(NEEDS_POSTGRES);
        process.exitCode = 1;
        return;
      }
      await runWorker(config);
    });
}
