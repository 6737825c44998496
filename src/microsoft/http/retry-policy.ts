import { z } from 'zod';

/**
 * Every number that governs retrying and waiting on Microsoft, in one place. Callers pass a
 * policy object; nothing else in `src/microsoft` hard-codes a delay or an attempt count.
 */
export const retryPolicySchema = z.object({
  /** Attempts in total, the first one included. */
  maxAttempts: z.number().int().min(1),
  /** Exponential backoff base: retry n waits `random() × min(maxDelayMs, baseDelayMs × 2^(n-1))`. */
  baseDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0),
  /**
   * Longest `Retry-After` honoured in-process. A longer one fails at once with
   * `retryAfterSeconds` set, so a job scheduler can come back later instead of holding a worker.
   */
  maxRetryAfterMs: z.number().int().min(0),
  /** Statuses retried for every method (Microsoft has not processed the request). */
  retryStatuses: z.array(z.number().int()),
  /** Timeout of one attempt (connect, send and read the whole body). */
  attemptTimeoutMs: z.number().int().min(1),
  /** Waiting for a long-running operation (Partner Center 202 + Location). */
  poll: z.object({
    firstDelayMs: z.number().int().min(0),
    maxDelayMs: z.number().int().min(0),
    maxPolls: z.number().int().min(1),
  }),
});

export type RetryPolicy = z.infer<typeof retryPolicySchema>;

/**
 * Rollcall's default: Graph's documented transient statuses (429, 503, 504), `Retry-After`
 * honoured exactly, otherwise full-jitter exponential backoff (the Graph SDK default is 3 retries
 * from 3 s; we allow a few more because sync jobs are not interactive).
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 5 * 60_000,
  retryStatuses: [429, 503, 504],
  attemptTimeoutMs: 100_000,
  poll: { firstDelayMs: 1_000, maxDelayMs: 30_000, maxPolls: 40 },
};

/** Full jitter (AWS architecture blog): spreads retries of many workers evenly. */
export function backoffDelayMs(policy: RetryPolicy, retryNumber: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

/** Delay before poll n (1-based) of a long-running operation: doubling from `firstDelayMs`, capped. */
export function pollDelayMs(policy: RetryPolicy, pollNumber: number): number {
  return Math.min(policy.poll.maxDelayMs, policy.poll.firstDelayMs * 2 ** Math.max(0, pollNumber - 1));
}

/**
 * `Retry-After` as milliseconds: delta-seconds (Graph sends decimals such as `2.128`) or an
 * HTTP-date. Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
