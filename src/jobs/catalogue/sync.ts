import { z } from 'zod';
import { INTEGRATOR_MODULES, INTEGRATOR_TRIGGERS } from '../../contracts/api/integrator.js';
import { defineJob } from '../catalogue.js';

/**
 * `sync.tenant`: one module of one tenant of a connection, read with `read: 'auto'` (changes only
 * when the connection uses delta queries). The key serialises a (connection, tenant, module)
 * across every worker process: one tenant's users never sync twice at once, different tenants
 * run in parallel.
 *
 * Policy: transient Microsoft failures (throttling, 5xx, network) are thrown and retried up to 5
 * times with a jittered backoff from 30 s (about 30 s, 1, 2, 4, 8 min). An attempt times out after
 * 10 minutes (a full read of 100k users takes well under a minute); a worker killed mid-run stops
 * renewing the job's lease, another process fails it back to the queue once the lease lapses
 * (`workers.leaseSeconds`, docs/jobs.md "Leases"), and the retry runs the tenant again from the start. The import applies a tenant in
 * one transaction, so the killed attempt left nothing half-written. See docs/integrator.md.
 */
export const syncTenantJob = defineJob({
  name: 'sync.tenant',
  summary: 'Synchronises one module of one tenant of an Entra connection.',
  payload: z.object({
    connectionId: z.guid(),
    tenantId: z.guid(),
    module: z.enum(INTEGRATOR_MODULES),
    /** Who asked: the schedule, a person (`manual`, `cli`, `api`) or a change notification. */
    trigger: z.enum(INTEGRATOR_TRIGGERS),
  }),
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 600,
  singletonKey: (payload) => `${payload.connectionId}/${payload.tenantId}/${payload.module}`,
});

/**
 * `sync.integrator-tick`: every minute, enqueues `sync.tenant` for each (tenant, module) of each
 * enabled integrator that is due and not quarantined, within the connection's concurrency; a
 * finished `sync.tenant` asks for a tick of its own connection so the next due tenant starts at
 * once. Ticks are serialised (one key), so two never count a connection's jobs at the same time.
 * Missing a tick loses nothing: due times stay due until a tick enqueues them.
 */
export const integratorTickJob = defineJob({
  name: 'sync.integrator-tick',
  summary: 'Enqueues the integrator runs that are due.',
  payload: z.object({
    /** Only this connection (a run of it just ended); every enabled connection when absent. */
    connectionId: z.guid().optional(),
  }),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 55,
  singletonKey: () => 'integrator-tick',
  schedule: { cron: '* * * * *' },
});

/** The jobs of the `sync` family. */
export const syncJobs = [syncTenantJob, integratorTickJob] as const;
