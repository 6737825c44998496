import { Command } from 'commander';
import { createAppJobRuntime } from '../../api/app.js';
import { createAuditLog } from '../../api/audit/audit-log.js';
import { notificationUrls } from '../../api/integrations/entra/notification-urls.js';
import { connectionTenantIds } from '../../api/integrations/entra/subscription-ports.js';
import { createLogger } from '../../api/observability/logger.js';
import { createMetrics } from '../../api/observability/metrics.js';
import type { ServerConfig } from '../../contracts/config.js';
import { createGraphSubscriptionRepository, type DatabaseHandle } from '../../store/index.js';
import { openEntraConnection } from './connection-lookup.js';
import { configFromCommand } from './serve.js';
import { consoleOutput, type SyncOutput } from './sync.js';

export type NotificationsAction = 'status' | 'on' | 'off' | 'repair';

export interface NotificationsOptions {
  action: NotificationsAction;
  connection: string;
  json: boolean;
  config: ServerConfig;
  env?: NodeJS.ProcessEnv;
  output?: SyncOutput;
}

const STATUS_WORDS = {
  pending: 'being created',
  active: 'active',
  failed: 'failed',
  removed: 'being deleted',
};

/** Queues `notifications.maintain` for the workers (the server's, in embedded mode, when it next runs). */
async function queueMaintenance(
  handle: DatabaseHandle,
  config: ServerConfig,
  payload: { connectionId: string; repair?: boolean },
) {
  const jobs = createAppJobRuntime({
    database: handle,
    config,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics({ processMetrics: false }),
    workers: false,
  });
  await jobs.start();
  try {
    await jobs.enqueue('notifications.maintain', payload);
  } finally {
    await jobs.stop();
  }
}

/** `rollcall notifications status|on|off|repair`; returns the exit code. */
export async function runNotifications(options: NotificationsOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const name = `notifications ${options.action}`;
  const { config } = options;
  const opened = await openEntraConnection(name, options, out);
  if (!opened) return 1;
  const { handle, connection } = opened;
  try {
    const repository = createGraphSubscriptionRepository(handle.db);
    const urls = notificationUrls(config);
    if (options.action === 'on' && !urls.ok) {
      out.error(`rollcall ${name}: ${urls.message}`);
      return 1;
    }
    if (options.action !== 'status') {
      const enabled = (await repository.list(connection.id)).some((r) => r.status !== 'removed');
      if (options.action === 'repair' && !enabled) {
        out.error(
          `rollcall ${name}: change notifications are off for "${connection.name}"; switch them on first.`,
        );
        return 1;
      }
      if (options.action === 'on') await repository.enable(connection.id, connectionTenantIds(connection));
      if (options.action === 'off') await repository.disable(connection.id);
      await createAuditLog(handle.db).record({
        actor: { type: 'system', id: null, name: `rollcall ${name}` },
        action: options.action === 'repair' ? 'entra.notifications.repair' : 'entra.notifications.set',
        target: { type: 'connection', id: connection.id },
        ...(options.action === 'repair'
          ? {}
          : { before: { enabled }, after: { enabled: options.action === 'on', via: 'cli' } }),
      });
      await queueMaintenance(handle, config, {
        connectionId: connection.id,
        ...(options.action === 'repair' ? { repair: true } : {}),
      });
      if (!options.json) {
        out.progress(
          config.databaseUrl
            ? 'Queued: running workers create or delete the subscriptions within seconds.'
            : 'Queued: `rollcall serve` creates or deletes the subscriptions as soon as it runs (Microsoft must reach it to validate them).',
        );
      }
    }
    const rows = await repository.list(connection.id);
    const view = {
      connection: connection.name,
      enabled: rows.some((r) => r.status !== 'removed'),
      notificationUrl: urls.ok ? urls.notificationUrl : null,
      unavailableReason: urls.ok ? null : urls.message,
      subscriptions: rows.map((r) => ({
        tenantId: r.tenantId,
        resource: r.resource,
        status: r.status,
        expiresAt: r.expiresAt?.toISOString() ?? null,
        lastNotificationAt: r.lastNotificationAt?.toISOString() ?? null,
        lastError: r.lastError,
      })),
    };
    if (options.json) {
      out.result(JSON.stringify(view));
      return 0;
    }
    out.result(`Connection "${view.connection}": change notifications ${view.enabled ? 'on' : 'off'}`);
    if (view.unavailableReason) out.result(`  ${view.unavailableReason}`);
    else out.result(`  Microsoft delivers to ${view.notificationUrl}`);
    for (const s of view.subscriptions) {
      const until = s.expiresAt ? `, renewed until ${s.expiresAt}` : '';
      const last = s.lastNotificationAt ? `, last notification ${s.lastNotificationAt}` : '';
      out.result(`  ${s.tenantId} ${s.resource.padEnd(6)} ${STATUS_WORDS[s.status]}${until}${last}`);
      if (s.lastError) out.result(`    ${s.lastError.message}`);
    }
    return 0;
  } catch (error) {
    out.error(`rollcall ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function subcommand(action: NotificationsAction, description: string): Command {
  return new Command(action)
    .description(description)
    .requiredOption('--connection <name|id>', 'the Entra connection, by name or id')
    .option('--json', 'print one JSON object on stdout', false)
    .option('--data-dir <dir>', 'data folder of the embedded database (ignored with DATABASE_URL)', './data')
    .option('--config <file>', 'a JSON configuration file (as for rollcall serve)')
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const config = configFromCommand(command, `notifications ${action}`, flags);
      if (!config) {
        process.exitCode = 1;
        return;
      }
      process.exitCode = await runNotifications({
        action,
        connection: String(flags.connection),
        json: Boolean(flags.json),
        config,
      });
    });
}

/** `rollcall notifications`: a connection's Graph change notifications. */
export function notificationsCommand(): Command {
  return new Command('notifications')
    .description("Show, switch or repair a Microsoft Entra connection's change notifications")
    .addHelpText(
      'after',
      `
With change notifications on, Microsoft tells Rollcall when a user or group changes and the
tenant's sync runs within seconds; the integrator's schedule stays the safety net. Microsoft must
reach <publicUrl>/api/notifications/graph over https (docs/change-notifications.md).

Examples:
  rollcall notifications status --connection "Contoso"
  rollcall notifications on --connection "Contoso"
  rollcall notifications repair --connection 3f2c… --json`,
    )
    .addCommand(subcommand('status', 'Show each tenant’s subscriptions'))
    .addCommand(subcommand('on', 'Switch change notifications on (subscriptions are created by the workers)'))
    .addCommand(subcommand('off', 'Switch them off (the subscriptions are deleted)'))
    .addCommand(subcommand('repair', 'Delete and create the subscriptions again'));
}
