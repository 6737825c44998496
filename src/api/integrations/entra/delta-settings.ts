import type { ConfigProblem } from '../../../contracts/api/entra-import.js';
import { untrackedDeltaFields, type EntraImportConfig } from '../../../contracts/entra/index.js';
import { deltaQuerySignature } from '../../../microsoft/index.js';
import { createCheckpointRepository, type Database } from '../../../store/index.js';
import {
  deltaResource,
  encodeDeltaCursor,
  fieldsRead,
  parseDeltaCursor,
  type ImportModule,
} from '../../../sync/entra/index.js';

const MODULES: readonly ImportModule[] = ['users', 'agents'];

/** Fields a `mappedFields` delta cannot listen to, and where each is used (the console shows the same). */
export function untrackedFieldUses(config: EntraImportConfig): { field: string; usedBy: string[] }[] {
  return untrackedDeltaFields(config);
}

/** Whether two configurations' delta queries differ (stored links would answer other fields). */
export function deltaQueriesChanged(before: EntraImportConfig | null, after: EntraImportConfig): boolean {
  if (!after.delta.enabled || !before?.delta.enabled) return false;
  return MODULES.some((module) => {
    const query = (config: EntraImportConfig) =>
      deltaQuerySignature({ fields: fieldsRead(config, module), method: config.delta.method });
    return query(before) !== query(after);
  });
}

/**
 * Warnings about delta settings (guide 001 "sync method"): fields the chosen method cannot listen
 * to, and a change of method or mapped fields, which makes every tenant take the latest delta.
 */
export function deltaProblems(before: EntraImportConfig | null, after: EntraImportConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (after.delta.enabled && after.delta.method === 'mappedFields') {
    for (const { field, usedBy } of untrackedFieldUses(after)) {
      problems.push({
        severity: 'warning',
        field: 'delta.method',
        message: `${field} cannot be listened to with "only fields Rollcall uses" (used by ${usedBy.join(', ')}); it is read whenever another field of the user changes`,
        suggestions: [],
      });
    }
  }
  if (deltaQueriesChanged(before, after)) {
    problems.push({
      severity: 'warning',
      field: 'delta',
      message:
        'the sync method or the fields the mappings use changed: on save every tenant takes the latest delta, so changes since its last run are skipped and users who do not change keep what the old configuration decided (use Reset deltas → Clear to read every user again)',
      suggestions: [],
    });
  }
  return problems;
}

export type DeltaResetMode = 'clear' | 'latest';

/**
 * Resets delta checkpoints of a connection: `clear` (the next run reads the tenant in full and
 * reconciles deletions) or `latest` (the next run takes links from now, skipping what changed
 * before). Compare-and-swap per checkpoint, retried when a run moved it meanwhile.
 */
export async function resetDeltas(
  db: Database,
  target: { connectionId: string; tenantIds: readonly string[]; modules?: readonly ImportModule[] },
  mode: DeltaResetMode,
): Promise<number> {
  const checkpoints = createCheckpointRepository(db);
  let reset = 0;
  for (const tenantId of target.tenantIds) {
    for (const module of target.modules ?? MODULES) {
      const key = { connectionId: target.connectionId, tenantId, resource: deltaResource(module) };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const stored = await checkpoints.get(key);
        const cursor = mode === 'clear' ? null : encodeDeltaCursor({ kind: 'latest' });
        // "latest" keeps the membership the next round compares with.
        const state = mode === 'clear' ? null : stored.state;
        if (await checkpoints.compareAndSwap(key, stored.version, cursor, state)) {
          reset += 1;
          break;
        }
      }
    }
  }
  return reset;
}

/** A tenant's delta position per module, as the console shows it. */
export async function deltaPositions(
  db: Database,
  connectionId: string,
  tenantIds: readonly string[],
): Promise<
  { tenantId: string; module: ImportModule; position: 'none' | 'links' | 'latest'; updatedAt: Date | null }[]
> {
  const checkpoints = createCheckpointRepository(db);
  const out = [];
  for (const tenantId of tenantIds) {
    for (const module of MODULES) {
      const stored = await checkpoints.get({ connectionId, tenantId, resource: deltaResource(module) });
      const cursor = parseDeltaCursor(stored.cursor);
      out.push({
        tenantId,
        module,
        position: cursor?.kind ?? ('none' as const),
        updatedAt: stored.updatedAt,
      });
    }
  }
  return out;
}
