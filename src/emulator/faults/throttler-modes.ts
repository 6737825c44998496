import type { Clock } from '../clock.js';
import type { ThrottlingSettings } from './throttler-config.js';
import { graphRequestCost } from './throttler-cost.js';
import { createResourceUnitThrottler } from './throttler-ru.js';
import { createNoThrottler, type ThrottleQuery, type Throttler } from './throttler.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const MS = 1000;

/** What a request would cost in resource units (reported as `x-ms-resource-unit` even when off). */
export function requestCost(q: ThrottleQuery): number {
  return q.service === 'graph' ? graphRequestCost(q).resourceUnits : 1;
}

/** A plain rate limit: `requests` per fixed window per app+tenant, Graph and Partner Center alike. */
export function createRateThrottler(deps: {
  clock: Clock;
  requests: number;
  windowSeconds: number;
}): Throttler {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = deps.windowSeconds * MS;
  return {
    charge(q) {
      const now = deps.clock.now();
      const app = q.appId?.toLowerCase() ?? NIL;
      const tenant = q.tenantId?.toLowerCase() ?? NIL;
      const key = `${q.service}|${app}|${tenant}`;
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      const resourceUnits = requestCost(q);
      if (window.count <= deps.requests) {
        return { throttled: false, resourceUnits, usedShare: window.count / deps.requests };
      }
      return {
        throttled: true,
        resourceUnits,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / MS)),
        scope: `Tenant_Application/ReadWrite/${app}/${tenant}`,
        information: 'RequestRateLimitExceeded',
      };
    },
  };
}

/** The throttler for a `PUT /_emulator/throttling` setting. */
export function createThrottler(
  settings: ThrottlingSettings,
  deps: { clock: Clock; tenantUsers(tenantId: string): number },
): Throttler {
  if (settings.mode === 'resourceUnits')
    return createResourceUnitThrottler({ ...deps, limits: settings.limits });
  if (settings.mode === 'rate') {
    return createRateThrottler({
      clock: deps.clock,
      requests: settings.requests,
      windowSeconds: settings.windowSeconds,
    });
  }
  return createNoThrottler(requestCost);
}
