import { Command, InvalidArgumentError, Option } from 'commander';
import type { Logger } from 'pino';
import { createRollcallApp, runsWorkersInProcess } from '../../api/app.js';
import { loadServerConfig, ServerConfigError } from '../../api/config/load-server-config.js';
import { createLogger } from '../../api/observability/logger.js';
import type { ServerConfig } from '../../contracts/config.js';
import { redactUrl, StoreError } from '../../store/index.js';

/** Running work gets this long to finish after SIGINT/SIGTERM (longer than the job queue's own stop timeout). */
const SHUTDOWN_GRACE_MS = 60_000;

export const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('expected a port number 0–65535 (0 picks a free port)');
  }
  return n;
};

/**
 * The configuration from the environment, `--config` (or ROLLCALL_CONFIG) and the flags given on
 * the command line; prints the problems and returns null when it is unusable.
 */
export function configFromCommand(
  command: Command,
  name: string,
  flags: Record<string, unknown>,
): ServerConfig | null {
  const overrides: Record<string, unknown> = {};
  for (const key of ['port', 'host', 'dataDir']) {
    // Only flags typed by the user override: commander defaults would silently beat the environment.
    if (command.getOptionValueSource(key) === 'cli') overrides[key] = flags[key];
  }
  try {
    return loadServerConfig({
      env: process.env,
      ...(typeof flags.config === 'string' ? { configFile: flags.config } : {}),
      overrides,
      onWarning: (warning) => process.stderr.write(`rollcall ${name}: warning: ${warning}\n`),
    });
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error;
    process.stderr.write(`rollcall ${name}: ${error.message}\nSee docs/operations.md for every setting.\n`);
    return null;
  }
}

/** Prints a start-up failure the person can act on; other errors are bugs and keep their stack. */
export function reportStartFailure(name: string, error: unknown, config: ServerConfig): void {
  const code = (error as NodeJS.ErrnoException).code;
  let reason: string;
  if (error instanceof StoreError) reason = error.message;
  else if (code === 'EADDRINUSE') {
    reason = `port ${config.port} on ${config.host} is already in use; stop the other process or choose another with --port (0 picks a free one)`;
  } else if (code === 'EACCES') {
    reason = `not allowed to listen on ${config.host}:${config.port}; ports below 1024 need privileges, choose another with --port`;
  } else reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`rollcall ${name}: cannot start: ${reason}\n`);
}

/**
 * Stops on SIGINT/SIGTERM: `close()` then exit 0. A second signal, or a close that takes longer
 * than the grace period, exits at once with 1.
 */
export function stopOnSignals(
  logger: Logger,
  close: () => Promise<void>,
): (exitCode: number) => Promise<void> {
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) process.exit(1);
    stopping = true;
    const timer = setTimeout(() => {
      logger.error(`still stopping after ${SHUTDOWN_GRACE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await close();
      logger.info('stopped');
    } catch (err) {
      logger.error({ err }, 'error while stopping');
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      logger.info({ signal }, `${signal} received, stopping (again to force)`);
      void stop(0);
    });
  }
  return stop;
}

function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

async function runServe(command: Command, flags: Record<string, unknown>): Promise<void> {
  const config = configFromCommand(command, 'serve', flags);
  if (!config) {
    process.exitCode = 1;
    return;
  }
  const logger = createLogger({ level: config.logLevel });
  let stop: ((exitCode: number) => Promise<void>) | undefined;
  let composed;
  try {
    composed = await createRollcallApp({
      config,
      logger,
      onDataFolderLockLost: (err) => {
        logger.fatal({ err }, err.message);
        void stop?.(1);
      },
    });
    stop = stopOnSignals(logger, composed.close);
    await composed.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    reportStartFailure('serve', error, config);
    await composed?.close().catch(() => undefined);
    process.exitCode = 1;
    return;
  }
  const address = composed.app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : config.port;
  const url = displayUrl(config.host, actualPort);
  const database = config.databaseUrl
    ? `PostgreSQL ${redactUrl(config.databaseUrl)}`
    : `embedded, data folder ${config.dataDir}`;
  logger.info(
    { url, publicUrl: config.publicUrl, database, workers: runsWorkersInProcess(config) },
    `Rollcall is listening on ${url}`,
  );
  process.stderr.write(
    `Rollcall is running at ${config.publicUrl ?? url} (database: ${database}). Press Ctrl+C to stop.\n`,
  );
}

/** `rollcall serve`: the HTTP API, the web app and (embedded mode) the job workers in one process. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Run Rollcall: the web console and portal, the HTTP API and (embedded mode) the job workers')
    .addOption(
      new Option(
        '--port <port>',
        'HTTP port (0 picks a free one) [env ROLLCALL_PORT, default 3000]',
      ).argParser(port),
    )
    .addOption(new Option('--host <address>', 'address to listen on [env ROLLCALL_HOST, default 127.0.0.1]'))
    .addOption(
      new Option(
        '--data-dir <dir>',
        'data folder of the embedded database [env ROLLCALL_DATA_DIR, default ./data]',
      ),
    )
    .addOption(new Option('--config <file>', 'JSON config file [env ROLLCALL_CONFIG]'))
    .addHelpText(
      'after',
      `
Databases:
  Without DATABASE_URL, Rollcall keeps everything in the data folder (embedded PostgreSQL,
  PGlite) and runs the job workers in this process. Only one process may use a data folder.
  With DATABASE_URL=postgres://…, any number of \`rollcall serve\` and \`rollcall worker\`
  processes share one PostgreSQL database (set ROLLCALL_SECRET_KEY to the same key in each).

Configuration:
  Defaults < config file < environment < flags. Every setting, its variable and its default are
  listed in docs/operations.md. A wrong value stops start-up with a message naming it.

Logs are JSON lines on stdout (one per event, with the request id); SIGINT or SIGTERM stops
gracefully (in-flight requests and jobs finish first).

Examples:
  $ rollcall serve                                 http://127.0.0.1:3000, data in ./data
  $ rollcall serve --port 8080 --host 0.0.0.0 --data-dir /var/lib/rollcall
  $ DATABASE_URL=postgres://rollcall@db/rollcall ROLLCALL_SECRET_KEY=… rollcall serve
  $ rollcall serve --config /etc/rollcall/config.json`,
    )
    .action(async function (this: Command, flags: Record<string, unknown>) {
      await runServe(this, flags);
    });
}
