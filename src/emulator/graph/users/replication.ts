import type { EmulatorContext } from '../../context.js';
import type { TenantRecord, UserRecord } from '../../state/types.js';

/**
 * Replication delay of new users (`behaviour.graph.newUserReplication`). Graph's directory is
 * eventually consistent: a user answered 201 may still be unknown to the next requests. The
 * emulator counts a tenant's Graph requests and keeps a new user hidden until enough of them,
 * and enough clock time, have passed.
 */

/** Every authenticated Graph request (batch items included) moves its tenant's count on. */
export function noteGraphRequest(tenant: TenantRecord, now: number): void {
  const seen = tenant.graphRequests ?? { count: 0, at: now };
  seen.count += 1;
  seen.at = now;
  tenant.graphRequests = seen;
}

/** Marks a user just created through Graph as not replicated yet, when a delay is configured. */
export function holdUntilReplicated(ctx: EmulatorContext, tenant: TenantRecord, user: UserRecord): void {
  const { requests, seconds } = ctx.behaviour.graph.newUserReplication;
  if (requests === 0 && seconds === 0) return;
  const count = tenant.graphRequests?.count ?? 0;
  user.replication = { afterRequest: count + requests + 1, visibleAt: ctx.clock.now() + seconds * 1000 };
}

/** Whether Graph shows the user yet; once it does, the hold is dropped for good. */
export function isReplicated(tenant: TenantRecord, user: UserRecord): boolean {
  const hold = user.replication;
  if (!hold) return true;
  const seen = tenant.graphRequests;
  if (!seen || seen.count < hold.afterRequest || seen.at < hold.visibleAt) return false;
  delete user.replication;
  return true;
}
