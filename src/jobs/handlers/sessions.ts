import type { JobPayload } from '../catalogue.js';
import type { RollcallJobCatalogue } from '../catalogue/index.js';
import type { JobLogger } from '../connection.js';
import type { JobHandler } from '../runtime.js';

const MINUTE_MS = 60_000;

/** What the `sessions` family's handlers need. */
export interface SessionJobDeps {
  /** Deletes sessions past their absolute expiry, or last seen before `idleSince`; returns how many. */
  purgeExpiredSessions(now: Date, idleSince: Date): Promise<number>;
  /** The `sessions.idleMinutes` setting. */
  sessionIdleMinutes: number;
  now?: () => Date;
  logger?: JobLogger;
}

/** `sessions.purge`: deletes the sessions that can no longer sign anyone in. */
export function createPurgeSessionsHandler(
  deps: SessionJobDeps,
): JobHandler<JobPayload<RollcallJobCatalogue, 'sessions.purge'>> {
  const now = deps.now ?? (() => new Date());
  return async () => {
    const at = now();
    const idleSince = new Date(at.getTime() - deps.sessionIdleMinutes * MINUTE_MS);
    const purged = await deps.purgeExpiredSessions(at, idleSince);
    if (purged > 0) deps.logger?.info({ job: 'sessions.purge', purged }, `purged ${purged} ended sessions`);
  };
}
