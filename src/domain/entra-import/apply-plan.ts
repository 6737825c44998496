import type {
  FieldChange,
  PlanDeskAgent,
  PlanDeskUser,
  PlanSite,
  PlannedUser,
} from '../../contracts/entra/index.js';
import type { AgentPlan } from './agent-plan.js';
import { CHANGE_FIELDS } from './changes.js';
import type { UserPlan } from './user-plan.js';

/** Makes ids for records an apply creates; tests pass a counter, the store its own ids. */
export type CreateId = (kind: 'user' | 'site' | 'agent') => string;

/**
 * Applies a user plan to an in-memory desk, as the store's apply does to the database: new sites
 * first, then creates, and each record's `changes` written field by field. Never deletes. The
 * reference for what a plan means; used by the planner's properties and by fakes of the store.
 */
export function applyUserPlanToDesk(
  desk: { users: readonly PlanDeskUser[]; sites: readonly PlanSite[] },
  plan: UserPlan,
  createId: CreateId,
): { users: PlanDeskUser[]; sites: PlanSite[] } {
  const sites = [...desk.sites];
  const created = new Map<string, PlanSite>();
  for (const site of plan.newSites) {
    const record = {
      id: createId('site'),
      customerId: site.customerId,
      name: site.name,
      reference: null,
      isDefault: false,
    };
    sites.push(record);
    created.set(`${site.customerId}\u0000${site.name}`, record);
  }
  const siteOf = (planned: PlannedUser['site']): PlanSite | undefined => {
    if (!planned) return undefined;
    if ('siteId' in planned) return sites.find((s) => s.id === planned.siteId);
    return created.get(`${planned.newSite.customerId}\u0000${planned.newSite.name}`);
  };
  const users = new Map(
    desk.users.map((u) => [u.id, { ...u, values: { ...u.values }, roleIds: [...u.roleIds] }]),
  );
  for (const p of plan.users) {
    const site = siteOf(p.site);
    if (p.outcome === 'create' && site) {
      const id = createId('user');
      users.set(id, {
        id,
        customerId: site.customerId,
        siteId: site.id,
        tenantId: p.tenantId,
        entraObjectId: p.entraId,
        inactive: false,
        values: { ...p.values },
        roleIds: [...(p.roleIds ?? [])],
      });
      continue;
    }
    const record = p.deskId === null ? undefined : users.get(p.deskId);
    if (!record) continue;
    for (const change of p.changes) {
      if (change.field === CHANGE_FIELDS.site && site) {
        record.siteId = site.id;
        record.customerId = site.customerId;
      } else if (change.field === CHANGE_FIELDS.roleIds) record.roleIds = [...(p.roleIds ?? [])];
      else applyCommonChange(record, change);
    }
  }
  return { users: [...users.values()], sites };
}

/** Applies an agent plan to an in-memory desk (see {@link applyUserPlanToDesk}). */
export function applyAgentPlanToDesk(
  desk: { agents: readonly PlanDeskAgent[] },
  plan: AgentPlan,
  createId: CreateId,
): { agents: PlanDeskAgent[] } {
  const agents = new Map(desk.agents.map((a) => [a.id, { ...a, values: { ...a.values } }]));
  for (const p of plan.agents) {
    const extras = p.agent;
    if (p.outcome === 'create' && extras) {
      const id = createId('agent');
      agents.set(id, {
        id,
        tenantId: p.tenantId,
        entraObjectId: p.entraId,
        inactive: false,
        licenceType: extras.licenceType ?? 'concurrent',
        values: { ...p.values },
        roleIds: [...(p.roleIds ?? [])],
        teams: extras.addTeamIds.map((teamId) => ({ teamId, fromMapping: true })),
        cabs: extras.cabs.map((c) => ({ ...c })),
      });
      continue;
    }
    const record = p.deskId === null ? undefined : agents.get(p.deskId);
    if (!record) continue;
    for (const change of p.changes) {
      if (change.field === CHANGE_FIELDS.roleIds) record.roleIds = [...(p.roleIds ?? [])];
      else if (change.field === CHANGE_FIELDS.licenceType)
        record.licenceType = change.after === 'named' ? 'named' : 'concurrent';
      else if (change.field === CHANGE_FIELDS.teams && extras) {
        const removed = new Set(extras.removeTeamIds);
        const added = extras.addTeamIds.map((teamId) => ({ teamId, fromMapping: true }));
        record.teams = [...record.teams.filter((t) => !removed.has(t.teamId)), ...added];
      } else if (change.field === CHANGE_FIELDS.cabs && extras) {
        const set = new Map(extras.cabs.map((c) => [c.cabId, c.cabRoleId]));
        record.cabs = [
          ...record.cabs.filter((c) => !set.has(c.cabId)),
          ...extras.cabs.map((c) => ({ ...c })),
        ];
      } else applyCommonChange(record, change);
    }
  }
  return { agents: [...agents.values()] };
}

/** Link, inactive flag and desk field values: written the same way on users and agents. */
function applyCommonChange(
  record: {
    tenantId: string | null;
    entraObjectId: string | null;
    inactive: boolean;
    values: Record<string, string | null>;
  },
  change: FieldChange,
): void {
  if (change.field === CHANGE_FIELDS.tenantId) record.tenantId = change.after;
  else if (change.field === CHANGE_FIELDS.entraObjectId) record.entraObjectId = change.after;
  else if (change.field === CHANGE_FIELDS.inactive) record.inactive = change.after === 'true';
  else record.values[change.field] = change.after;
}
