import type { Clock } from '../clock.js';
import { createBuckets, type BucketSpec } from './throttler-bucket.js';
import type { ResourceUnitLimits } from './throttler-config.js';
import { graphRequestCost } from './throttler-cost.js';
import type { ThrottleDecision, ThrottleQuery, Throttler } from './throttler.js';

/** Stands in for a missing app or tenant id in keys and `x-ms-throttle-scope`. */
const NIL = '00000000-0000-0000-0000-000000000000';
const MS = 1000;

interface Check {
  key: string;
  spec: BucketSpec;
  cost: number;
  /** `<Scope>/<Limit>` of `x-ms-throttle-scope`. */
  scope: string;
  information: string;
}

const RU_EXCEEDED = 'ResourceUnitLimitExceeded';
const WRITES_EXCEEDED = 'WriteLimitExceeded';
const REQUESTS_EXCEEDED = 'RequestLimitExceeded';

/**
 * Graph's identity throttling as documented: token buckets of resource units per app+tenant
 * (sized by the tenant's user count), per app, write quotas per app+tenant, app and tenant; the
 * Intune request limits; Graph's global per-app limit; Partner Center's per-partner rate.
 */
export function createResourceUnitThrottler(deps: {
  clock: Clock;
  limits: ResourceUnitLimits;
  /** Users in a tenant (decides S/M/L). */
  tenantUsers(tenantId: string): number;
}): Throttler {
  const { limits: l } = deps;
  const buckets = createBuckets();
  const spec = (capacity: number, windowSeconds: number): BucketSpec => ({
    capacity,
    windowMs: windowSeconds * MS,
  });
  const tenantRu = (tenantId: string) => {
    const users = deps.tenantUsers(tenantId);
    if (users > l.largeTenantAboveUsers) return l.largeTenant;
    return users >= l.mediumTenantFromUsers ? l.mediumTenant : l.smallTenant;
  };

  const checksFor = (q: ThrottleQuery, app: string, tenant: string) => {
    if (q.service === 'partnercenter') {
      const pc = spec(l.partnerCenterRequests, l.partnerCenterWindowSeconds);
      return {
        cost: 1,
        checks: [
          {
            key: `pc|${tenant}`,
            spec: pc,
            cost: 1,
            scope: 'Tenant/ReadWrite',
            information: REQUESTS_EXCEEDED,
          },
        ],
      };
    }
    const cost = graphRequestCost(q);
    const checks: Check[] = [];
    // Graph charges the requests inside a batch (each goes through the pipeline), not the envelope.
    if (cost.workload === 'batch') return { cost: cost.resourceUnits, checks };
    checks.push({
      key: `global|${app}`,
      spec: spec(l.globalRequests, l.globalWindowSeconds),
      cost: 1,
      scope: 'Application/ReadWrite',
      information: REQUESTS_EXCEEDED,
    });
    if (cost.workload === 'identity') {
      checks.push(
        {
          key: `ta|${app}|${tenant}`,
          spec: spec(tenantRu(tenant), l.windowSeconds),
          cost: cost.resourceUnits,
          scope: 'Tenant_Application/ReadWrite',
          information: RU_EXCEEDED,
        },
        {
          key: `a|${app}`,
          spec: spec(l.appResourceUnits, l.appWindowSeconds),
          cost: cost.resourceUnits,
          scope: 'Application/ReadWrite',
          information: RU_EXCEEDED,
        },
      );
      if (cost.writeUnits > 0) {
        checks.push(
          {
            key: `taw|${app}|${tenant}`,
            spec: spec(l.tenantAppWrites, l.tenantAppWriteWindowSeconds),
            cost: cost.writeUnits,
            scope: 'Tenant_Application/Write',
            information: WRITES_EXCEEDED,
          },
          {
            key: `aw|${app}`,
            spec: spec(l.appWrites, l.appWriteWindowSeconds),
            cost: cost.writeUnits,
            scope: 'Application/Write',
            information: WRITES_EXCEEDED,
          },
          {
            key: `tw|${tenant}`,
            spec: spec(l.tenantWrites, l.tenantWriteWindowSeconds),
            cost: cost.writeUnits,
            scope: 'Tenant/Write',
            information: WRITES_EXCEEDED,
          },
        );
      }
    }
    if (cost.workload === 'intune') {
      const window = l.intuneWindowSeconds;
      checks.push(
        {
          key: `ita|${app}|${tenant}`,
          spec: spec(l.intuneTenantApp, window),
          cost: 1,
          scope: 'Tenant_Application/ReadWrite',
          information: REQUESTS_EXCEEDED,
        },
        {
          key: `it|${tenant}`,
          spec: spec(l.intuneTenant, window),
          cost: 1,
          scope: 'Tenant/ReadWrite',
          information: REQUESTS_EXCEEDED,
        },
      );
      if (cost.write) {
        checks.push(
          {
            key: `itaw|${app}|${tenant}`,
            spec: spec(l.intuneTenantAppWrites, window),
            cost: 1,
            scope: 'Tenant_Application/Write',
            information: WRITES_EXCEEDED,
          },
          {
            key: `itw|${tenant}`,
            spec: spec(l.intuneTenantWrites, window),
            cost: 1,
            scope: 'Tenant/Write',
            information: WRITES_EXCEEDED,
          },
        );
      }
    }
    return { cost: cost.resourceUnits, checks };
  };

  return {
    charge(q): ThrottleDecision {
      const now = deps.clock.now();
      const app = q.appId?.toLowerCase() ?? NIL;
      const tenant = q.tenantId?.toLowerCase() ?? NIL;
      const { cost, checks } = checksFor(q, app, tenant);
      const failing = checks.filter((c) => buckets.peek(c.key, c.spec, now) < c.cost);
      if (failing.length === 0) {
        const used = checks.map((c) => buckets.charge(c.key, c.spec, c.cost, now, true).used);
        return { throttled: false, resourceUnits: cost, usedShare: Math.max(0, ...used) };
      }
      // Only the exhausted limits keep counting; the others are not consumed by a rejected request.
      const waits = failing.map((c) => buckets.charge(c.key, c.spec, c.cost, now, false).waitMs);
      const first = failing[0]!;
      return {
        throttled: true,
        resourceUnits: cost,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / MS)),
        scope: `${first.scope}/${app}/${tenant}`,
        information: first.information,
      };
    },
  };
}
