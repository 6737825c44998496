import {
  consumptionConfigSchema,
  DEFAULT_CONSUMPTION_CONFIG,
  type ConsumptionConfig,
} from '../../../contracts/api/consumption.js';
import { createConsumptionConfigRepository, type Database } from '../../../store/index.js';

/** The module name runs are recorded under (sync_runs.module, the integrator's module). */
export const CONSUMPTION_MODULE = 'consumption';

/**
 * A connection's consumption billing settings as stored, or the defaults (version 0) before the
 * first save. A stored configuration an older Rollcall wrote that no longer parses is answered
 * as the defaults would be, so a run never bills with half-read mappings.
 */
export async function loadConsumptionConfig(
  db: Database,
  connectionId: string,
): Promise<{ config: ConsumptionConfig; version: number; updatedAt: Date | null }> {
  const stored = await createConsumptionConfigRepository(db).get(connectionId);
  if (!stored) return { config: DEFAULT_CONSUMPTION_CONFIG, version: 0, updatedAt: null };
  const parsed = consumptionConfigSchema.safeParse(stored.config);
  return {
    config: parsed.success ? parsed.data : DEFAULT_CONSUMPTION_CONFIG,
    version: stored.version,
    updatedAt: stored.updatedAt,
  };
}
