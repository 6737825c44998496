import type { Service } from '../http/types.js';

export interface ThrottleQuery {
  service: Service;
  route: string;
  method: string;
  tenantId: string | null;
  appId: string | null;
  /** Query string parameters that change the cost ($select, $expand, $top). */
  query: URLSearchParams;
}

export type ThrottleDecision =
  | { throttled: false; resourceUnits: number; usedShare: number }
  | {
      throttled: true;
      resourceUnits: number;
      retryAfterSeconds: number;
      /** `x-ms-throttle-scope`, e.g. `Tenant_Application/ReadWrite/<appId>/<tenantId>`. */
      scope: string;
      /** `x-ms-throttle-information`, e.g. `ResourceUnitLimitExceeded`. */
      information: string;
    };

/** Decides whether a request is over Graph's or Partner Center's limits. */
export interface Throttler {
  charge(q: ThrottleQuery): ThrottleDecision;
}

/** Throttling off: every request passes; still reports the request's resource-unit cost. */
export function createNoThrottler(cost: (q: ThrottleQuery) => number = () => 1): Throttler {
  return { charge: (q) => ({ throttled: false, resourceUnits: cost(q), usedShare: 0 }) };
}
