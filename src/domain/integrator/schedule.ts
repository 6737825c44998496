import {
  INTEGRATOR_MODULES,
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
 * The modules the integrator runs for one tenant: its override's (guide 001 "Setting up Multiple
 * integrators"), or the connection's; none when its override is disabled. `forSchedule: false`
 * ("Run now") ignores a disabled override: a person asked.
 */
export function modulesForTenant(
  config: IntegratorConfig,
  tenantId: string,
  options: { forSchedule: boolean },
): IntegratorModule[] {
  const override = overrideOf(config, tenantId);
  if (override && !override.enabled && options.forSchedule) return [];
  const chosen = new Set(override ? override.modules : config.modules);
  // In catalogue order, whatever order the configuration lists them in.
  return INTEGRATOR_MODULES.filter((m) => chosen.has(m));
}

/** Every (tenant, module) the schedule runs for a connection with `tenantIds`; none when disabled. */
export function scheduledPairs(config: IntegratorConfig, tenantIds: readonly string[]): TenantModule[] {
  if (!config.enabled) return [];
  return tenantIds.flatMap((tenantId) =>
    modulesForTenant(config, tenantId, { forSchedule: true }).map((module) => ({ tenantId, module })),
  );
}
