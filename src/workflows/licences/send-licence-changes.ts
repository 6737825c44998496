import type {
  HeldLicence,
  LicenceAssignment,
  LicenceAttempt,
  LoggedExchange,
  TenantLicence,
} from '../../contracts/licences/changes.js';
import { explainLicenceError } from '../../domain/licences/licence-change.js';

/** A licence change to send (an outbound action still pending, or running when a worker stopped). */
export interface LicenceChangeToSend {
  id: string;
  deskUserId: string;
  tenantId: string;
  payload: LicenceAssignment & { entraObjectId: string };
  licence: TenantLicence | undefined;
  /** The customer's default usage location, set first when Microsoft wants one. */
  defaultUsageLocation: string | null;
  /** Whether the desk showed the user holding the SKU before the change. */
  heldBefore: boolean;
}

interface Attempt {
  request: LoggedExchange | null;
  response: LoggedExchange | null;
}

/** How one change ended this time. */
export type LicenceChangeOutcome =
  | {
      change: LicenceChangeToSend;
      status: 'succeeded';
      /** What the user holds now; null: Microsoft said the user no longer held it. */
      licences: readonly HeldLicence[] | null;
      seatDelta: number;
      result: Record<string, unknown>;
      attempt: Attempt;
    }
  | {
      change: LicenceChangeToSend;
      /** `running`: Microsoft could not take it now; due again at `nextAttemptAt`. */
      status: 'failed' | 'running';
      error: { code: string; message: string };
      nextAttemptAt?: Date;
      attempt: Attempt;
    };

/** Microsoft Graph for one tenant, as far as licence changes need it (src/microsoft/directory). */
export type SendLicenceChanges = (
  items: readonly {
    id: string;
    userId: string;
    change: LicenceAssignment;
    usageLocation?: string;
  }[],
) => Promise<LicenceAttempt[]>;

/** Where the outcomes go (the store's licence change repository). */
export interface LicenceChangeRecorder {
  markRunning(ids: readonly string[]): Promise<void>;
  /**
   * Records outcomes in one transaction: confirmed changes become the users' licences and move
   * the seat counts; every change records its attempt.
   */
  record(outcomes: readonly LicenceChangeOutcome[]): Promise<void>;
}

export interface SendOutcome {
  succeeded: number;
  failed: number;
  /** Changes Microsoft could not take now (throttling, an outage): the caller tries them again. */
  retrying: number;
}

/** How long a change Microsoft could not take now waits at least before its next attempt. */
const RETRY_FLOOR_SECONDS = 60;

const holds = (licences: readonly HeldLicence[], skuId: string) =>
  licences.some((l) => l.skuId.toLowerCase() === skuId.toLowerCase());

/** The outcome of one attempt (pure: what to record). */
function outcomeOf(
  change: LicenceChangeToSend,
  attempt: LicenceAttempt,
  usageLocationSet: string | null,
  now: Date,
): LicenceChangeOutcome {
  const logged = { request: attempt.request, response: attempt.response };
  const { skuId } = change.payload;
  if (attempt.ok) {
    const holdsNow = holds(attempt.licences, skuId);
    return {
      change,
      status: 'succeeded',
      licences: attempt.licences,
      seatDelta: Number(holdsNow) - Number(change.heldBefore),
      result: { skuId, holds: holdsNow, ...(usageLocationSet ? { usageLocationSet } : {}) },
      attempt: logged,
    };
  }
  const { refusal } = attempt;
  if (change.payload.operation === 'remove' && refusal.code === 'Request_BadRequest.LicenceNotHeld') {
    // Already gone: removed elsewhere, or by an attempt that stopped before recording it.
    return {
      change,
      status: 'succeeded',
      licences: null,
      seatDelta: -Number(change.heldBefore),
      result: { skuId, holds: false, alreadyRemoved: true },
      attempt: logged,
    };
  }
  const said = refusal.microsoftMessage ? ` Microsoft said: "${refusal.microsoftMessage}"` : '';
  const explained = explainLicenceError(
    {
      code: refusal.code,
      title: refusal.title,
      message: `${refusal.whatHappened}${said}`,
      howToFix: refusal.howToFix,
    },
    change.licence,
    skuId,
  );
  const error = { code: explained.code, message: explained.message };
  if (!refusal.retryable) return { change, status: 'failed', error, attempt: logged };
  const wait = Math.max(RETRY_FLOOR_SECONDS, refusal.retryAfterSeconds ?? 0);
  return {
    change,
    status: 'running',
    error,
    nextAttemptAt: new Date(now.getTime() + wait * 1000),
    attempt: logged,
  };
}

/**
 * Sends licence changes of ONE tenant and records each outcome:
 * - confirmed: the user's licences become what Microsoft answered, the seat count follows;
 * - "usage location missing" with a customer default: sent once more, setting the location first;
 * - a removal of a licence the user no longer holds: done already (e.g. a retry after a crash);
 * - refused (no seats, licence from a group, …): failed, with the reason in words;
 * - not possible now (throttling, outage): left `running`, due again later; `retrying` counts them.
 * Assigning a licence the user already holds takes no seat: sending a change twice never takes two.
 * Outcomes are recorded together, one transaction per round (not one per change).
 */
export async function sendLicenceChanges(
  changes: readonly LicenceChangeToSend[],
  deps: { send: SendLicenceChanges; recorder: LicenceChangeRecorder; now: () => Date },
): Promise<SendOutcome> {
  const outcome: SendOutcome = { succeeded: 0, failed: 0, retrying: 0 };
  if (changes.length === 0) return outcome;
  await deps.recorder.markRunning(changes.map((c) => c.id));
  const record = async (outcomes: LicenceChangeOutcome[]) => {
    await deps.recorder.record(outcomes);
    for (const o of outcomes) {
      if (o.status === 'succeeded') outcome.succeeded += 1;
      else if (o.status === 'failed') outcome.failed += 1;
      else outcome.retrying += 1;
    }
  };
  const item = (c: LicenceChangeToSend, usageLocation?: string) => ({
    id: c.id,
    userId: c.payload.entraObjectId,
    change: c.payload,
    ...(usageLocation ? { usageLocation } : {}),
  });

  const attempts = await deps.send(changes.map((c) => item(c)));
  const needLocation: LicenceChangeToSend[] = [];
  const settled: LicenceChangeOutcome[] = [];
  for (const [i, change] of changes.entries()) {
    const attempt = attempts[i]!;
    const missingLocation = !attempt.ok && attempt.refusal.code === 'Request_BadRequest.UsageLocationMissing';
    if (missingLocation && change.defaultUsageLocation) needLocation.push(change);
    else settled.push(outcomeOf(change, attempt, null, deps.now()));
  }
  await record(settled);
  if (needLocation.length === 0) return outcome;

  const again = await deps.send(needLocation.map((c) => item(c, c.defaultUsageLocation!)));
  await record(needLocation.map((c, i) => outcomeOf(c, again[i]!, c.defaultUsageLocation, deps.now())));
  return outcome;
}
