import type { MicrosoftRefusal } from '../../contracts/outbound.js';
import type { DirectoryCall, StepError, StepOutcome } from './ports.js';

/** Microsoft's refusal in the words a step shows: what happened (and Microsoft's own), how to fix. */
export function refusalStepError(refusal: MicrosoftRefusal): StepError {
  const said = refusal.microsoftMessage ? ` Microsoft said: "${refusal.microsoftMessage}"` : '';
  return {
    code: refusal.code,
    title: refusal.title,
    message: `${refusal.whatHappened}${said}`,
    howToFix: refusal.howToFix || null,
  };
}

/** Floor and ceiling of a retry's wait when Microsoft gives no Retry-After. */
const RETRY_MIN_SECONDS = 5;
const RETRY_MAX_SECONDS = 15 * 60;

/** When to try again after a retryable refusal: Retry-After, else an exponential wait by attempt. */
export function retryDueAt(refusal: MicrosoftRefusal, attempts: number, now: Date): Date {
  const backoff = Math.min(RETRY_MAX_SECONDS, RETRY_MIN_SECONDS * 2 ** Math.max(0, attempts - 1));
  const seconds = Math.max(refusal.retryAfterSeconds ?? 0, backoff);
  return new Date(now.getTime() + seconds * 1000);
}

/** Most attempts of one step before a retryable refusal counts as a failure a person must see. */
export const MAX_STEP_ATTEMPTS = 8;

/**
 * The outcome of a call that Microsoft refused: wait and retry when it may pass (throttling, an
 * outage, a user not replicated yet) up to {@link MAX_STEP_ATTEMPTS}; otherwise fail with its words.
 */
export function refusedOutcome(
  call: Extract<DirectoryCall<unknown>, { ok: false }>,
  attempts: number,
  now: Date,
  extra: Partial<Pick<Extract<StepOutcome, { status: 'failed' }>, 'items' | 'state' | 'detail'>> = {},
): StepOutcome {
  const error = refusalStepError(call.refusal);
  if (call.refusal.retryable && attempts < MAX_STEP_ATTEMPTS) {
    return {
      status: 'waiting',
      reason: 'retry',
      dueAt: retryDueAt(call.refusal, attempts, now),
      detail: `Microsoft could not do it now; trying again (attempt ${attempts + 1} of ${MAX_STEP_ATTEMPTS}).`,
      error,
      ...extra,
    };
  }
  return { status: 'failed', error, ...extra };
}
