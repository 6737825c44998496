import type { RemovedDirectoryUser } from '../../contracts/entra/index.js';
import {
  encodeDeltaCursor,
  membershipFromState,
  parseDeltaCursor,
  stateFromMembership,
} from './delta-cursor.js';
import { directorySpec, loadDesk, membershipWarnings, planModule } from './plan-module.js';
import { readWithSignInFallback } from './sign-in-fallback.js';
import type { PlanOptions } from './plan-tenant.js';
import type {
  DeltaLinks,
  EntraImportPorts,
  ImportModule,
  MembershipSnapshot,
  StoredCheckpoint,
  TenantPlan,
} from './ports.js';
import { userLicencesOf } from './user-licences.js';

/** Where a delta run starts: stored links, "from now", or a full read (and why). */
export type DeltaPosition =
  | { kind: 'links'; links: DeltaLinks }
  | { kind: 'latest' }
  | { kind: 'full'; reason: 'delta.noCheckpoint' | 'delta.queryChanged' | 'delta.configChanged' };

/** Reads a stored checkpoint: links still answering the configuration's queries, "latest", or none. */
export function storedDeltaPosition(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  stored: StoredCheckpoint,
): DeltaPosition {
  const cursor = parseDeltaCursor(stored.cursor);
  if (!cursor) return { kind: 'full', reason: 'delta.noCheckpoint' };
  if (cursor.kind === 'latest') return { kind: 'latest' };
  const spec = directorySpec(ports, tenantId, module);
  const query = ports.directory.deltaSignature({ ...spec, method: ports.config.delta.method });
  if (cursor.query !== query) return { kind: 'full', reason: 'delta.queryChanged' };
  // Users who did not change were decided by the old configuration: a full read decides them all.
  if (cursor.config !== ports.configVersion) return { kind: 'full', reason: 'delta.configChanged' };
  return { kind: 'links', links: { users: cursor.users, groups: cursor.groups } };
}

function emptyPlan(ports: EntraImportPorts): Pick<TenantPlan, 'records' | 'newSites' | 'summary' | 'guard'> {
  return {
    records: [],
    newSites: [],
    summary: { created: 0, updated: 0, deactivated: 0, unchanged: 0, excluded: 0, review: 0 },
    guard: {
      tripped: false,
      wouldDeactivate: 0,
      linked: 0,
      percent: 0,
      limitPercent: ports.config.import.massDeactivationGuardPercent,
    },
  };
}

/** The checkpoint an apply moves to `links` (none for a preview). */
export function checkpointOf(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  stored: StoredCheckpoint,
  links: DeltaLinks,
  /** `unchanged`: keep the stored snapshot (nothing re-read it; not rewriting it saves a write). */
  membership: MembershipSnapshot | 'unchanged',
  options: PlanOptions,
): TenantPlan['checkpoint'] {
  if (options.dryRun) return null;
  const spec = directorySpec(ports, tenantId, module);
  const query = ports.directory.deltaSignature({ ...spec, method: ports.config.delta.method });
  return {
    tenantId,
    module,
    expectedVersion: stored.version,
    cursor: encodeDeltaCursor({ kind: 'links', ...links, query, config: ports.configVersion }),
    ...(membership === 'unchanged' ? {} : { state: stateFromMembership(membership) }),
  };
}

/** "Get latest": links from now, nothing planned (changes before now are skipped on purpose). */
export async function planFromLatest(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  stored: StoredCheckpoint,
  options: PlanOptions,
): Promise<TenantPlan> {
  const before = ports.directory.requestCount();
  const spec = directorySpec(ports, tenantId, module);
  const links = await ports.directory.latestLinks({ ...spec, method: ports.config.delta.method });
  return {
    tenantId,
    module,
    ...emptyPlan(ports),
    warnings: [],
    fingerprint: null,
    graphRequests: ports.directory.requestCount() - before,
    read: { mode: 'delta', reason: 'delta.latest' },
    // Without a stored snapshot (a "latest" reset before any run) the next round reads one.
    checkpoint: checkpointOf(ports, tenantId, module, stored, links, 'unchanged', options),
  };
}

/**
 * Plans only what changed since `links`: changed users are decided as in a full run (mappings
 * and filters applied after the read, so a user leaving a filter is handled as a full run would),
 * users deleted in Entra make their records inactive, and only the desk records those users
 * touch are loaded.
 */
export async function planChanges(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  stored: StoredCheckpoint,
  links: DeltaLinks,
  options: PlanOptions,
): Promise<TenantPlan> {
  const before = ports.directory.requestCount();
  const spec = directorySpec(ports, tenantId, module);
  const { result: changes, warnings } = await readWithSignInFallback(spec, (read) =>
    ports.directory.readChanges({
      ...read,
      method: ports.config.delta.method,
      links,
      membership: membershipFromState(stored.state),
    }),
  );
  options.onProgress?.({ phase: 'reading', tenantId, users: changes.users.length });
  const removed: RemovedDirectoryUser[] = changes.removed.map((r) => ({ tenantId, ...r }));
  const touched = new Set<string>();
  for (const user of changes.users) {
    touched.add(user.id);
    if (user.managerId) touched.add(user.managerId);
  }
  for (const user of removed) touched.add(user.id);

  let planned = emptyPlan(ports);
  if (touched.size > 0) {
    const desk = await loadDesk(ports, module, [tenantId], [...touched].sort());
    options.onProgress?.({ phase: 'planning', tenantId, users: changes.users.length });
    planned = planModule(ports, tenantId, desk, {
      directory: changes.users,
      trigger: options.trigger,
      missingGroups: changes.membership.missing,
      partial: { removed },
    });
  }
  return {
    tenantId,
    module,
    ...planned,
    ...userLicencesOf(module, changes.users),
    warnings: [...membershipWarnings(changes.membership, tenantId), ...warnings],
    fingerprint: null,
    graphRequests: ports.directory.requestCount() - before,
    read: { mode: 'delta', reason: null },
    checkpoint: checkpointOf(
      ports,
      tenantId,
      module,
      stored,
      changes.links,
      changes.membershipUpdated ? changes.membership : 'unchanged',
      options,
    ),
  };
}
