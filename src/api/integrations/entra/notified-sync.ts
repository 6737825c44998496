import type { IntegratorModule } from '../../../contracts/api/integrator.js';
import type { JobRuntime } from '../../../jobs/index.js';
import type { Database } from '../../../store/index.js';
import { loadImportConfig } from './import-ports.js';

/**
 * The modules a change in a tenant can affect: users, and agents when the configuration imports
 * agents (an agent site mapping).
 */
export async function notifiedModules(db: Database, connectionId: string): Promise<IntegratorModule[]> {
  const { config } = await loadImportConfig(db, connectionId);
  const agents = config.siteMappings.some((mapping) => mapping.type === 'agent');
  return agents ? ['users', 'agents'] : ['users'];
}

/**
 * Queues `sync.tenant` (trigger `notification`) for each module of a notified tenant, unless one
 * is already waiting to start: a run that has not started yet reads this change too, so a burst
 * of notifications while a run is going on leaves at most one run waiting behind it.
 */
export async function queueNotifiedSync(
  deps: { db: Database; jobs: JobRuntime },
  target: { connectionId: string; tenantId: string },
): Promise<IntegratorModule[]> {
  const queued: IntegratorModule[] = [];
  for (const module of await notifiedModules(deps.db, target.connectionId)) {
    const key = `${target.connectionId}/${target.tenantId}/${module}`;
    const unfinished = await deps.jobs.unfinished('sync.tenant', key);
    if (unfinished.some((job) => job.singletonKey === key && job.state === 'created')) continue;
    await deps.jobs.enqueue('sync.tenant', { ...target, module, trigger: 'notification' });
    queued.push(module);
  }
  return queued;
}
