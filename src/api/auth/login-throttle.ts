/** Sign-in attempts are counted per client address in windows of this length. */
export const RATE_WINDOW_MS = 60_000;
/**
 * Bounds on what the in-memory counters remember, so a flood of addresses or invented emails
 * cannot grow them without limit. When full, the oldest entries are forgotten first.
 */
const MAX_TRACKED_ADDRESSES = 10_000;
const MAX_TRACKED_UNKNOWN_EMAILS = 10_000;

/** Counts attempts per client address in fixed one-minute windows (per process). */
export interface AddressRateLimiter {
  /** Records an attempt; returns the seconds to wait when it is over the limit, else null. */
  hit(address: string, now: Date): number | null;
}

export function createAddressRateLimiter(attemptsPerMinute: number): AddressRateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(address, now) {
      const at = now.getTime();
      let window = windows.get(address);
      if (!window || at - window.start >= RATE_WINDOW_MS) {
        windows.delete(address);
        if (windows.size >= MAX_TRACKED_ADDRESSES) {
          for (const [key, w] of windows) if (at - w.start >= RATE_WINDOW_MS) windows.delete(key);
          if (windows.size >= MAX_TRACKED_ADDRESSES) windows.delete(windows.keys().next().value!);
        }
        window = { start: at, count: 0 };
        windows.set(address, window);
      }
      window.count += 1;
      if (window.count <= attemptsPerMinute) return null;
      return Math.max(1, Math.ceil((window.start + RATE_WINDOW_MS - at) / 1000));
    },
  };
}

/**
 * Failure counts and locks for emails that have no account, kept in memory. They make an unknown
 * email answer exactly like a real account under attack (locked after the same number of
 * failures), so the lockout does not tell whether an account exists.
 */
export interface UnknownAccountLockouts {
  lockedUntil(email: string, now: Date): Date | null;
  /** Counts a failure; returns the lock when this failure reached the limit. */
  fail(email: string, now: Date): Date | null;
}

export function createUnknownAccountLockouts(policy: {
  maxFailures: number;
  lockoutMinutes: number;
}): UnknownAccountLockouts {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    lockedUntil(email, now) {
      const lockedUntil = entries.get(email)?.lockedUntil ?? 0;
      return lockedUntil > now.getTime() ? new Date(lockedUntil) : null;
    },
    fail(email, now) {
      const entry = entries.get(email) ?? { failures: 0, lockedUntil: 0 };
      entries.delete(email);
      if (entries.size >= MAX_TRACKED_UNKNOWN_EMAILS) entries.delete(entries.keys().next().value!);
      entry.failures += 1;
      if (entry.failures >= policy.maxFailures) {
        entry.failures = 0;
        entry.lockedUntil = now.getTime() + policy.lockoutMinutes * 60_000;
      }
      entries.set(email, entry);
      return entry.lockedUntil > now.getTime() ? new Date(entry.lockedUntil) : null;
    },
  };
}
