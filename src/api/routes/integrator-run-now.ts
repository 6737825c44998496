import type { ConnectionSummary } from '../../store/index.js';
import type { AuditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { queueIntegratorRun, type QueuedRun } from '../integrations/integrator/integrator-runs.js';

/**
 * "Run now" as a person asks for it (the integrator's buttons, the licences module's run): refused
 * on a server without a job queue, queued with trigger `manual`, and audited as `integrator.run`
 * with what was asked (`asked`) and the jobs queued.
 */
export async function queueRunNow(
  deps: Pick<ApiDeps, 'db' | 'jobs' | 'audit'>,
  source: AuditSource,
  connection: ConnectionSummary,
  request: Omit<Parameters<typeof queueIntegratorRun>[2], 'trigger'>,
  asked: Record<string, unknown>,
): Promise<QueuedRun[]> {
  if (!deps.jobs) {
    throw new ApiHttpError(
      'conflict',
      'This server runs no job queue, so nothing can be queued from here; use a server with a queue.',
    );
  }
  const jobs = await queueIntegratorRun({ db: deps.db, jobs: deps.jobs }, connection, {
    ...request,
    trigger: 'manual',
  });
  await deps.audit.record({
    ...source,
    action: 'integrator.run',
    target: { type: 'connection', id: connection.id },
    after: { ...asked, jobs },
  });
  return jobs;
}
