import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { Heartbeat } from '../heartbeat.js';
import type { JobHandler } from '../runtime.js';

/** What the `system` family's handlers need. */
export interface SystemJobDeps {
  /** Where a ping's run is recorded (memory for one process, a table for several). */
  recordHeartbeat(beat: Heartbeat): Promise<void> | void;
  now?: () => Date;
}

/** `system.ping`: records that a worker ran it. */
export function createPingHandler(
  deps: SystemJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'system.ping'>> {
  const now = deps.now ?? (() => new Date());
  return async (payload, context) => {
    await deps.recordHeartbeat({ jobId: context.id, enqueuedAt: new Date(payload.at), ranAt: now() });
  };
}
