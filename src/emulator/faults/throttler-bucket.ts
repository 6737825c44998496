/** A token bucket: `capacity` units refilled evenly over `windowMs`. */
export interface BucketSpec {
  capacity: number;
  windowMs: number;
}

interface BucketState {
  tokens: number;
  at: number;
}

export interface BucketCheck {
  ok: boolean;
  /** Milliseconds until the bucket holds `cost` again (0 when ok). */
  waitMs: number;
  /** Share of the capacity in use after this request (may exceed 1 while throttled). */
  used: number;
}

/**
 * Token buckets keyed by scope. Throttled requests still draw down the bucket (to one window in
 * debt at most): Graph keeps counting usage while it throttles, so immediate retries extend it.
 */
export interface Buckets {
  /** Refilled tokens of `key` without charging. */
  peek(key: string, spec: BucketSpec, now: number): number;
  charge(key: string, spec: BucketSpec, cost: number, now: number, allowed: boolean): BucketCheck;
}

export function createBuckets(): Buckets {
  const states = new Map<string, BucketState>();
  const refill = (key: string, spec: BucketSpec, now: number): BucketState => {
    const state = states.get(key) ?? { tokens: spec.capacity, at: now };
    const rate = spec.capacity / spec.windowMs;
    state.tokens = Math.min(spec.capacity, state.tokens + Math.max(0, now - state.at) * rate);
    state.at = now;
    states.set(key, state);
    return state;
  };
  return {
    peek: (key, spec, now) => refill(key, spec, now).tokens,
    charge(key, spec, cost, now, allowed) {
      const state = refill(key, spec, now);
      const rate = spec.capacity / spec.windowMs;
      state.tokens = Math.max(-spec.capacity, state.tokens - cost);
      const used = (spec.capacity - state.tokens) / spec.capacity;
      if (allowed) return { ok: true, waitMs: 0, used };
      return { ok: false, waitMs: Math.max(0, cost - state.tokens) / rate, used };
    },
  };
}
