import { createHash } from 'node:crypto';
import type { DirectoryUser, PlannedUser } from '../../contracts/entra/index.js';
import { checkpointOf, planChanges, planFromLatest, storedDeltaPosition } from './plan-delta.js';
import { directorySpec, loadDesk, membershipWarnings, planModule } from './plan-module.js';
import type {
  DeltaLinks,
  EntraImportPorts,
  ImportModule,
  ReadMode,
  RunTrigger,
  StoredCheckpoint,
  TenantPlan,
} from './ports.js';
import { readWithSignInFallback } from './sign-in-fallback.js';
import { userLicencesOf } from './user-licences.js';

/** Progress of a run, for terminals and the console. */
export type ImportProgress =
  | { phase: 'reading'; tenantId: string; users: number }
  | { phase: 'planning'; tenantId: string; users: number }
  | { phase: 'applying'; tenantId: string; records: number };

export interface PlanOptions {
  trigger: RunTrigger;
  /** `auto`: only the changes since the checkpoint when the connection uses delta queries. */
  read?: 'full' | 'auto';
  /** A preview: the plan carries no checkpoint to move. */
  dryRun?: boolean;
  onProgress?: (event: ImportProgress) => void;
}

/** Hash of the decisions of a plan, independent of anything but the decisions themselves. */
export function planFingerprint(records: readonly PlannedUser[]): string {
  const hash = createHash('sha256');
  for (const record of records) hash.update(JSON.stringify(record)).update('\n');
  return hash.digest('base64url');
}

async function readAll(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  onProgress?: (event: ImportProgress) => void,
) {
  // A refusal of sign-in activity comes with the first page: the read starts again without it.
  const { result, warnings } = await readWithSignInFallback(
    directorySpec(ports, tenantId, module),
    async (spec) => {
      const read = await ports.directory.read(spec);
      const users: DirectoryUser[] = [];
      for await (const page of read.pages) {
        users.push(...page);
        onProgress?.({ phase: 'reading', tenantId, users: users.length });
      }
      return { users, membership: read.membership };
    },
  );
  return { ...result, warnings };
}

/**
 * Reads the whole tenant and plans one module (deactivating records not found). With delta
 * queries on, links "from now" are taken first, so changes made while the tenant is read come
 * again in the next round rather than being lost; they and the membership go with the plan as
 * its checkpoint.
 */
async function planFullRead(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  options: PlanOptions,
  stored: StoredCheckpoint | null,
  read: ReadMode,
): Promise<TenantPlan> {
  const before = ports.directory.requestCount();
  const spec = directorySpec(ports, tenantId, module);
  const delta = ports.config.delta;
  let links: DeltaLinks | null = null;
  if (stored && !options.dryRun) links = await ports.directory.latestLinks({ ...spec, method: delta.method });
  // The desk is loaded while Graph is read: neither needs the other, and both take seconds.
  const [{ users: directory, membership, warnings }, desk] = await Promise.all([
    readAll(ports, tenantId, module, options.onProgress),
    loadDesk(ports, module, [tenantId]),
  ]);
  options.onProgress?.({ phase: 'planning', tenantId, users: directory.length });
  const planned = planModule(ports, tenantId, desk, {
    directory,
    trigger: options.trigger,
    missingGroups: membership.missing,
  });
  const checkpoint =
    stored && links ? checkpointOf(ports, tenantId, module, stored, links, membership, options) : null;
  return {
    tenantId,
    module,
    ...planned,
    warnings: [...membershipWarnings(membership, tenantId), ...warnings],
    fingerprint: null,
    graphRequests: ports.directory.requestCount() - before,
    read,
    checkpoint,
    ...userLicencesOf(module, directory),
  };
}

/**
 * Reads one tenant and plans one module for it: the preview, and what an apply writes. A run
 * with `read: 'auto'` on a connection using delta queries plans only what changed since the
 * checkpoint; without a usable one (never run, cleared, taken with other queries, or expired at
 * Microsoft) it reads the tenant in full, which reconciles deletions, and says why in `read`.
 */
export async function planTenant(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  options: PlanOptions,
): Promise<TenantPlan> {
  if (!ports.config.delta.enabled) {
    return planFullRead(ports, tenantId, module, options, null, { mode: 'full', reason: null });
  }
  const stored = await ports.checkpoints.get(tenantId, module);
  if (options.read !== 'auto') {
    return planFullRead(ports, tenantId, module, options, stored, { mode: 'full', reason: null });
  }
  const position = storedDeltaPosition(ports, tenantId, module, stored);
  if (position.kind === 'latest') return planFromLatest(ports, tenantId, module, stored, options);
  if (position.kind === 'full') {
    return planFullRead(ports, tenantId, module, options, stored, { mode: 'full', reason: position.reason });
  }
  try {
    return await planChanges(ports, tenantId, module, stored, position.links, options);
  } catch (error) {
    const restart = ports.directory.restartOf(error);
    if (restart === null) throw error;
    if (restart === 'round') {
      // Only a page token of this round expired: the stored links still hold; start again once.
      try {
        return await planChanges(ports, tenantId, module, stored, position.links, options);
      } catch (again) {
        if (ports.directory.restartOf(again) === null) throw again;
      }
    }
    const read = { mode: 'full' as const, reason: 'delta.tokenExpired' };
    return planFullRead(ports, tenantId, module, options, stored, read);
  }
}
