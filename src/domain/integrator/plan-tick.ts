import { tenantModuleKey, type TenantModule } from './schedule.js';

/** Where one scheduled (tenant, module) stands, as a tick sees it. */
export interface PairState extends TenantModule {
  /** Null: not due until something sets a time (a cron that never matches). */
  nextDueAt: Date | null;
  quarantined: boolean;
}

/** What a tick decided for one connection. */
export interface TickPlan {
  /** To queue now, the longest-waiting first. */
  enqueue: PairState[];
  /** Due, but the connection already runs `concurrency` jobs: the next tick (or a run's end) takes them. */
  waiting: number;
}

/**
 * Which due (tenant, module)s of one connection a tick queues: due by now, not quarantined, not
 * already queued or running (`unfinishedKeys`, the `sync.tenant` keys not finished), and no more
 * than `concurrency` unfinished jobs for the connection in all (manual and notification runs
 * count too, so the schedule never adds to a connection already that busy).
 */
export function planTick(input: {
  connectionId: string;
  states: readonly PairState[];
  unfinishedKeys: ReadonlySet<string>;
  /** Unfinished `sync.tenant` jobs of the connection (a key may have more than one). */
  unfinishedJobs: number;
  concurrency: number;
  now: Date;
}): TickPlan {
  const due = input.states
    .filter(
      (s) =>
        !s.quarantined &&
        s.nextDueAt !== null &&
        s.nextDueAt.getTime() <= input.now.getTime() &&
        !input.unfinishedKeys.has(tenantModuleKey(input.connectionId, s)),
    )
    .sort((a, b) => a.nextDueAt!.getTime() - b.nextDueAt!.getTime());
  const slots = Math.max(0, input.concurrency - input.unfinishedJobs);
  return { enqueue: due.slice(0, slots), waiting: Math.max(0, due.length - slots) };
}
