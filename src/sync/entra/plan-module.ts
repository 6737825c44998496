import type {
  DirectoryUser,
  PlanDeskAgent,
  PlanDeskUser,
  PlanSite,
  RemovedDirectoryUser,
} from '../../contracts/entra/index.js';
import { planAgentImport, planUserImport } from '../../domain/entra-import/index.js';
import { deskFieldsRead, deskReach, fieldsRead, groupsRead } from './config-reads.js';
import type {
  DirectorySpec,
  EntraImportPorts,
  ImportModule,
  MembershipSnapshot,
  RunTrigger,
  TenantPlan,
} from './ports.js';

/** What one tenant's read of a module asks the directory for. */
export function directorySpec(
  ports: EntraImportPorts,
  tenantId: string,
  module: ImportModule,
): DirectorySpec {
  return {
    tenantId,
    fields: fieldsRead(ports.config, module),
    groupNames: groupsRead(ports.config, module),
    lastSignIn: ports.config.import.importLastSignIn,
  };
}

/** Configuration warnings about the mapped groups a tenant lacks or has twice. */
export function membershipWarnings(membership: MembershipSnapshot, tenantId: string): string[] {
  return [
    ...membership.missing.map((name) => `no group named "${name}" in tenant ${tenantId}`),
    ...membership.ambiguous.map(
      (name) => `several groups are named "${name}" in tenant ${tenantId}; members of any of them count`,
    ),
  ];
}

type Desk =
  | { module: 'users'; state: { users: PlanDeskUser[]; sites: PlanSite[]; linkedTotal?: number } }
  | { module: 'agents'; state: { agents: PlanDeskAgent[]; teams: { id: string; name: string }[] } };

/**
 * How many active linked records make the mass-deactivation guard unable to trip for a partial
 * run of `touched` users (which can deactivate no more than those): counting further is wasted.
 */
function guardDecidingCount(ports: EntraImportPorts, touched: number): number {
  return Math.floor((touched * 100) / ports.config.import.massDeactivationGuardPercent) + 1;
}

/** The desk records a module plans against (partial runs: those linked to `entraIds`). */
export async function loadDesk(
  ports: EntraImportPorts,
  module: ImportModule,
  tenantIds: string[],
  entraIds?: readonly string[],
): Promise<Desk> {
  if (module === 'users')
    return {
      module,
      state: await ports.desk.loadUsers({
        tenantIds,
        reach: deskReach(ports.config),
        fields: deskFieldsRead(ports.config),
        ...(entraIds ? { entraIds, countLinkedUpTo: guardDecidingCount(ports, entraIds.length) } : {}),
      }),
    };
  return { module, state: await ports.desk.loadAgents({ tenantIds }) };
}

/** The decisions of one module for one tenant: full runs, or partial (delta) runs with removals. */
export function planModule(
  ports: EntraImportPorts,
  tenantId: string,
  desk: Desk,
  input: {
    directory: DirectoryUser[];
    trigger: RunTrigger;
    missingGroups: readonly string[];
    partial?: { removed: RemovedDirectoryUser[] };
  },
): Pick<TenantPlan, 'records' | 'newSites' | 'summary' | 'guard'> {
  const common = {
    config: ports.config,
    directory: input.directory,
    tenantIds: [tenantId],
    mode: input.partial ? ('partial' as const) : ('full' as const),
    ...(input.partial ? { removed: input.partial.removed } : {}),
  };
  if (desk.module === 'users') {
    const { linkedTotal, ...state } = desk.state;
    const plan = planUserImport({
      ...common,
      desk: state,
      ...(input.partial && linkedTotal !== undefined ? { linkedTotal } : {}),
    });
    return { records: plan.users, newSites: plan.newSites, summary: plan.summary, guard: plan.guard };
  }
  const plan = planAgentImport({
    ...common,
    desk: desk.state,
    missingGroups: input.missingGroups,
    // Runs nobody watches (schedule, notifications) are the integrator's: team removal applies.
    trigger: input.trigger === 'scheduled' || input.trigger === 'notification' ? 'scheduled' : 'manual',
  });
  return { records: plan.agents, newSites: [], summary: plan.summary, guard: plan.guard };
}
