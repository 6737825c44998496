import { createHash } from 'node:crypto';
import type { DirectoryUser, PlannedUser } from '../../contracts/entra/index.js';
import { planAgentImport, planUserImport } from '../../domain/entra-import/index.js';
import { deskFieldsRead, deskReach, fieldsRead, groupsRead } from './config-reads.js';
import type { EntraImportPorts, ImportModule, RunTrigger, TenantPlan } from './ports.js';

/** Progress of a run, for terminals and the console. */
export type ImportProgress =
  | { phase: 'reading'; tenantId: string; users: number }
  | { phase: 'planning'; tenantId: string; users: number }
  | { phase: 'applying'; tenantId: string; records: number };

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
  const groupNames = groupsRead(ports.config, module);
  const read = await ports.directory.read({
    tenantId,
    fields: fieldsRead(ports.config, module),
    groupNames,
    lastSignIn: ports.config.import.importLastSignIn,
  });
  const users: DirectoryUser[] = [];
  for await (const page of read.pages) {
    users.push(...page);
    onProgress?.({ phase: 'reading', tenantId, users: users.length });
  }
  const warnings = [
    ...read.membership.missing.map((name) => `no group named "${name}" in tenant ${tenantId}`),
    ...read.membership.ambiguous.map(
      (name) => `several groups are named "${name}" in tenant ${tenantId}; members of any of them count`,
    ),
  ];
  return { users, warnings, missingGroups: read.membership.missing };
}

/** The desk records a module plans against. */
async function loadDesk(ports: EntraImportPorts, module: ImportModule, tenantIds: string[]) {
  if (module === 'users')
    return {
      module,
      state: await ports.desk.loadUsers({
        tenantIds,
        reach: deskReach(ports.config),
        fields: deskFieldsRead(ports.config),
      }),
    } as const;
  return { module, state: await ports.desk.loadAgents({ tenantIds }) } as const;
}

const planUsers = (plan: ReturnType<typeof planUserImport>) => ({
  records: plan.users,
  newSites: plan.newSites,
  summary: plan.summary,
  guard: plan.guard,
});

const planAgents = (plan: ReturnType<typeof planAgentImport>) => ({
  records: plan.agents,
  newSites: [],
  summary: plan.summary,
  guard: plan.guard,
});

/** Reads one tenant and plans one module for it: the preview, and what an apply writes. */
export async function planTenant(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
  options: { trigger: RunTrigger; onProgress?: (event: ImportProgress) => void },
): Promise<TenantPlan> {
  const before = ports.directory.requestCount();
  const tenantIds = [tenantId];
  // The desk is loaded while Graph is read: neither needs the other, and both take seconds.
  const [{ users: directory, warnings, missingGroups }, desk] = await Promise.all([
    readAll(ports, tenantId, module, options.onProgress),
    loadDesk(ports, module, tenantIds),
  ]);
  options.onProgress?.({ phase: 'planning', tenantId, users: directory.length });
  const common = { config: ports.config, directory, tenantIds, mode: 'full' as const };
  const planned =
    desk.module === 'users'
      ? planUsers(planUserImport({ ...common, desk: desk.state }))
      : planAgents(
          planAgentImport({
            ...common,
            desk: desk.state,
            missingGroups,
            trigger: options.trigger === 'scheduled' ? 'scheduled' : 'manual',
          }),
        );
  return {
    tenantId,
    module,
    ...planned,
    warnings,
    fingerprint: null,
    graphRequests: ports.directory.requestCount() - before,
  };
}
