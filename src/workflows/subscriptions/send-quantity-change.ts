import type { LoggedExchange, MicrosoftRefusal } from '../../contracts/outbound.js';
import type { ImportedSubscription } from '../../contracts/licences/imported.js';
import { subscriptionFromPartnerCenter, type SubscriptionInput } from '../../domain/licences/imported.js';

/** A recorded HTTP exchange (secrets already left out). */
export type QuantityExchange = LoggedExchange;

/** Microsoft's refusal, catalogued: what to tell a person, and whether to try again later. */
export type QuantityRefusal = MicrosoftRefusal;

/** What Partner Center answered to one quantity change. */
export type QuantityAttempt = { request: QuantityExchange | null; response: QuantityExchange | null } & (
  | {
      ok: true;
      subscription: SubscriptionInput;
      /** False when Partner Center already had the target quantity (a retry after a crash). */
      patched: boolean;
      /** Whether Partner Center accepted it as a long-running change (202 + Location, polled). */
      accepted: boolean;
    }
  | { ok: false; refusal: QuantityRefusal }
);

/** Partner Center for one partner, as quantity changes need it (src/microsoft/partner-center). */
export type ChangeQuantity = (
  customerTenantId: string,
  subscriptionId: string,
  quantity: number,
) => Promise<QuantityAttempt>;

/** The change to send: an outbound action still pending, or running when a worker stopped. */
export interface QuantityChangeToSend {
  id: string;
  subscriptionRowId: string;
  payload: { customerTenantId: string; subscriptionId: string; fromQuantity: number; toQuantity: number };
}

interface Attempt {
  request: QuantityExchange | null;
  response: QuantityExchange | null;
  error?: { code: string; message: string } | null;
  nextAttemptAt?: Date;
}

/** Where outcomes go (the store's subscription change repository). */
export interface QuantityChangeRecorder {
  markRunning(id: string): Promise<void>;
  confirm(
    change: { id: string; subscriptionRowId: string },
    outcome: { subscription: ImportedSubscription; result: Record<string, unknown>; attempt: Attempt },
  ): Promise<void>;
  recordFailure(id: string, attempt: Attempt & { status: 'failed' | 'running' }): Promise<void>;
}

export type QuantityOutcome = 'succeeded' | 'failed' | 'retrying';

/** How long a change Microsoft could not take now waits at least before its next attempt. */
const RETRY_FLOOR_SECONDS = 60;

/**
 * Sends one quantity change and records its outcome:
 * - confirmed (200, or 202 polled until the quantity shows): the desk's subscription row becomes
 *   what Partner Center answered, at once (the SKU's seat counts follow on the next licences run);
 * - Partner Center already at the target (a retry after a crash): succeeded, nothing sent twice —
 *   the target is absolute and the client reads the subscription before it PATCHes;
 * - refused (window closed, quantity out of range, suspended): failed, with Microsoft's words;
 * - not possible now (throttling, a pending adjustment, a changed etag): left `running`, due later.
 */
export async function sendQuantityChange(
  change: QuantityChangeToSend,
  deps: { change: ChangeQuantity; recorder: QuantityChangeRecorder; now: () => Date },
): Promise<QuantityOutcome> {
  await deps.recorder.markRunning(change.id);
  const { customerTenantId, subscriptionId, fromQuantity, toQuantity } = change.payload;
  const attempt = await deps.change(customerTenantId, subscriptionId, toQuantity);
  const logged = { request: attempt.request, response: attempt.response };
  if (attempt.ok) {
    const subscription = subscriptionFromPartnerCenter(attempt.subscription);
    await deps.recorder.confirm(change, {
      subscription,
      result: {
        fromQuantity,
        toQuantity,
        quantity: subscription.quantity,
        ...(attempt.patched ? {} : { alreadyAtTarget: true }),
        ...(attempt.accepted ? { longRunning: true } : {}),
      },
      attempt: logged,
    });
    return 'succeeded';
  }
  const { refusal } = attempt;
  const said = refusal.microsoftMessage ? ` Microsoft said: "${refusal.microsoftMessage}"` : '';
  const error = { code: refusal.code, message: `${refusal.whatHappened}${said}` };
  if (refusal.retryable) {
    const wait = Math.max(RETRY_FLOOR_SECONDS, refusal.retryAfterSeconds ?? 0);
    const nextAttemptAt = new Date(deps.now().getTime() + wait * 1000);
    await deps.recorder.recordFailure(change.id, { ...logged, error, status: 'running', nextAttemptAt });
    return 'retrying';
  }
  await deps.recorder.recordFailure(change.id, { ...logged, error, status: 'failed' });
  return 'failed';
}
