import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  parseRetryAfterMs,
  pollDelayMs,
  retryPolicySchema,
} from './retry-policy.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('retry policy', () => {
  it('is a valid policy by its own schema', () => {
    expect(retryPolicySchema.parse(defaultRetryPolicy)).toEqual(defaultRetryPolicy);
  });

  it('reads Retry-After as seconds, decimal seconds or an HTTP-date', () => {
    expect(parseRetryAfterMs('57', NOW)).toBe(57_000);
    expect(parseRetryAfterMs('2.128', NOW)).toBe(2_128);
    expect(parseRetryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfterMs(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfterMs(null, NOW)).toBeUndefined();
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
  });

  it('draws backoff uniformly below an exponentially growing, capped ceiling', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 1_000, maxDelayMs: 8_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(policy, n, () => 0.999))).toEqual([
      999, 1_998, 3_996, 7_992, 7_992,
    ]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });

  it('polls long-running operations with doubling, capped delays', () => {
    const policy = { ...defaultRetryPolicy, poll: { firstDelayMs: 500, maxDelayMs: 3_000, maxPolls: 5 } };
    expect([1, 2, 3, 4, 5].map((n) => pollDelayMs(policy, n))).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
  });
});
