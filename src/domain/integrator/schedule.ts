import {
  CONNECTION_WIDE_MODULES,
  INTEGRATOR_MODULES,
  MODULES_OF_KIND,
  type IntegratorConfig,
  type IntegratorModule,
  type IntegratorSchedule,
} from '../../contracts/api/integrator.js';
import { nextCronTime, parseCron } from '../../contracts/cron.js';

const MINUTE_MS = 60_000;

/**
 * When a (tenant, module) is due again after a run that ended at `after`: `minutes` later for an
 * interval, the expression's next time for a cron (UTC). A cron that never matches (refused when
 * saved, but a stored one might) gives null: never due.
 */
export function nextDueAt(schedule: IntegratorSchedule, after: Date): Date | null {
  if (schedule.kind === 'interval') return new Date(after.getTime() + schedule.minutes * MINUTE_MS);
  return nextCronTime(parseCron(schedule.expression), after);
}

/** One tenant's module, as the integrator schedules and reports it. */
export interface TenantModule {
  tenantId: string;
  module: IntegratorModule;
}

/** The key that serialises a (connection, tenant, module): the `sync.tenant` job's singleton key. */
export function tenantModuleKey(connectionId: string, pair: { tenantId: string; module: string }): string {
  return `${connectionId}/${pair.tenantId}/${pair.module}`;
}

/** The override of `tenantId`, matched without regard to case (tenant ids are GUIDs). */
function overrideOf(config: IntegratorConfig, tenantId: string) {
  const id = tenantId.toLowerCase();
  return config.tenantOverrides.find((o) => o.tenantId.toLowerCase() === id);
}

/**
 * What one connection's integrator runs over: its kind (which modules exist), its home tenant
 * (connection-wide modules run under it) and the tenants per-tenant modules run for (the Entra
 * tenant itself; a CSP partner's customer tenants mapped for import).
 */
export interface IntegratorScope {
  kind: keyof typeof MODULES_OF_KIND;
  homeTenantId: string;
  tenantIds: readonly string[];
}

/** Every tenant of a scope a (tenant, module) pair may name: the home tenant first when it has modules of its own. */
export function scopeTenantIds(scope: IntegratorScope): string[] {
  const home = scope.homeTenantId.toLowerCase();
  const wide = MODULES_OF_KIND[scope.kind].some((m) => CONNECTION_WIDE_MODULES.includes(m));
  const tenants = scope.tenantIds.map((t) => t.toLowerCase());
  return [...new Set(wide ? [home, ...tenants] : tenants)];
}

/** Whether `module` runs for `tenantId` in `scope` at all (whatever the configuration chooses). */
export function runsFor(scope: IntegratorScope, tenantId: string, module: IntegratorModule): boolean {
  if (!MODULES_OF_KIND[scope.kind].includes(module)) return false;
  const id = tenantId.toLowerCase();
  if (CONNECTION_WIDE_MODULES.includes(module)) return id === scope.homeTenantId.toLowerCase();
  return scope.tenantIds.some((t) => t.toLowerCase() === id);
}

/**
 * The modules the integrator runs for one tenant: its override's (guide 001 "Setting up Multiple
 * integrators"), or the connection's, among those the scope runs for that tenant; none when its
 * override is disabled. `forSchedule: false` ("Run now") ignores a disabled override: a person asked.
 */
export function modulesForTenant(
  config: IntegratorConfig,
  scope: IntegratorScope,
  tenantId: string,
  options: { forSchedule: boolean },
): IntegratorModule[] {
  const override = overrideOf(config, tenantId);
  if (override && !override.enabled && options.forSchedule) return [];
  const chosen = new Set(override ? override.modules : config.modules);
  // In catalogue order, whatever order the configuration lists them in.
  return INTEGRATOR_MODULES.filter((m) => chosen.has(m) && runsFor(scope, tenantId, m));
}

/** Every (tenant, module) the schedule runs for a connection's scope; none when disabled. */
export function scheduledPairs(config: IntegratorConfig, scope: IntegratorScope): TenantModule[] {
  if (!config.enabled) return [];
  return scopeTenantIds(scope).flatMap((tenantId) =>
    modulesForTenant(config, scope, tenantId, { forSchedule: true }).map((module) => ({ tenantId, module })),
  );
}
