import type { LicenceChangeJobDeps } from '../../../jobs/index.js';
import { assignLicences } from '../../../microsoft/index.js';
import type { SecretBox } from '../../../store/index.js';
import {
  createConnectionRepository,
  createLicenceChangeRepository,
  type Database,
  type PendingLicenceChange,
} from '../../../store/index.js';
import { sendLicenceChanges, type SendOutcome } from '../../../workflows/licences/send-licence-changes.js';
import type { ApiDeps } from '../../deps.js';
import { tenantGraph } from '../tenant-graph.js';

interface Deps {
  db: Database;
  secrets: () => Promise<SecretBox>;
  microsoft: ApiDeps['microsoft'];
  now: () => Date;
  logger?: LicenceChangeJobDeps['logger'];
}

const groupKey = (c: PendingLicenceChange) => `${c.connectionId}|${c.tenantId}`;

/**
 * The licence jobs' side of the store and Microsoft: loads the changes still to send, groups them
 * by (connection, tenant), and sends each group through that connection's Graph for the tenant.
 * A group whose connection cannot reach Microsoft (credentials missing, licences no longer
 * managed through it) fails with that reason; the other groups go on.
 */
export function createLicenceChangeJobDeps(deps: Deps): LicenceChangeJobDeps {
  const repo = createLicenceChangeRepository(deps.db);
  const failAll = (changes: readonly PendingLicenceChange[], error: { code: string; message: string }) =>
    repo.record(
      changes.map((change) => ({
        change,
        status: 'failed' as const,
        error,
        attempt: { request: null, response: null },
      })),
    );
  return {
    ...(deps.logger ? { logger: deps.logger } : {}),
    stale: (limit) => repo.stale(STALE_SECONDS, limit),
    async send(actionIds) {
      const total: SendOutcome = { succeeded: 0, failed: 0, retrying: 0 };
      const groups = new Map<string, PendingLicenceChange[]>();
      for (const change of await repo.pending(actionIds)) {
        const list = groups.get(groupKey(change)) ?? groups.set(groupKey(change), []).get(groupKey(change))!;
        list.push(change);
      }
      const connections = createConnectionRepository(deps.db, await deps.secrets());
      for (const changes of groups.values()) {
        const { connectionId, tenantId } = changes[0]!;
        const connection = await connections.findById(connectionId);
        const managers = await repo.managers(tenantId);
        if (!connection || !managers.some((m) => m.connectionId === connectionId)) {
          await failAll(changes, {
            code: 'licences.notManaged',
            message:
              'Licences of this tenant are no longer managed through the connection this change was queued on; request it again.',
          });
          total.failed += changes.length;
          continue;
        }
        let graph;
        try {
          graph = await tenantGraph(
            { db: deps.db, secrets: await deps.secrets(), microsoft: deps.microsoft },
            connection,
            tenantId,
          );
        } catch (error) {
          await failAll(changes, {
            code: 'connection.unusable',
            message: `The connection "${connection.name}" cannot reach Microsoft: ${error instanceof Error ? error.message : String(error)}`,
          });
          total.failed += changes.length;
          continue;
        }
        const outcome = await sendLicenceChanges(changes, {
          send: (items) => assignLicences(graph, items),
          recorder: repo,
          now: deps.now,
        });
        total.succeeded += outcome.succeeded;
        total.failed += outcome.failed;
        total.retrying += outcome.retrying;
      }
      return total;
    },
  };
}

/** A change no worker touched for this long (queued, or left mid-send) is queued again. */
const STALE_SECONDS = 120;
