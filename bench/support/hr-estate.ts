/**
 * The HR benchmark's estate: the onboarding benchmark's emulated tenant and app (reused as is:
 * an Entra connection whose app may write users, memberships and licences, two SKUs with seats),
 * an HR source's settings for that tenant, the Entra HR target over the app's own counted Graph
 * client of the tenant, and a converged starting point seeded straight into the emulator.
 */
import { randomUUID } from 'node:crypto';
import { toGraphProfile } from '../../src/contracts/hr/entra-attributes.js';
import { EMPTY_APPLIED_STATE, type HrAppliedState } from '../../src/contracts/hr/lifecycle.js';
import type { HrPerson } from '../../src/contracts/hr/person.js';
import { hrSourceInputSchema, type HrSourceInput } from '../../src/contracts/hr/source.js';
import { createEntraHrTarget } from '../../src/api/integrations/hr/entra-target.js';
import { tenantGraph } from '../../src/api/integrations/tenant-graph.js';
import { desiredState, type HrEvaluationContext } from '../../src/domain/hr/desired-state.js';
import { addressCandidates, mailNicknameFor } from '../../src/domain/onboarding/naming.js';
import { createConnectionRepository, schema } from '../../src/store/index.js';
import type { EnforcedPerson, HrEnforcementStore, HrTarget } from '../../src/workflows/hr/ports.js';
import { startOnboardingEstate, type OnboardingEstate } from './onboarding-estate.js';

export interface HrBenchEstate extends OnboardingEstate {
  settings: HrSourceInput;
  target: HrTarget;
}

/** Starts the onboarding estate (no request groups) and points an HR source and target at it. */
export async function startHrEstate(options: { seats: number }): Promise<HrBenchEstate> {
  const e = await startOnboardingEstate({ groups: 0, seats: options.seats });
  try {
    const db = e.app.deps.db;
    const [row] = await db.select({ id: schema.connections.id }).from(schema.connections).limit(1);
    const connection = row && (await createConnectionRepository(db, e.app.deps.secrets).findById(row.id));
    if (!connection) throw new Error('the onboarding estate has no connection');
    const graph = await tenantGraph(
      { db, secrets: e.app.deps.secrets, microsoft: e.app.deps.microsoft },
      connection,
      e.tenantId,
    );
    const settings = hrSourceInputSchema.parse({
      name: 'HR bench',
      kind: 'scim',
      customerId: randomUUID(),
      tenantId: e.tenantId,
      domain: e.domain,
      naming: { format: 'firstname.lastname' },
    });
    return { ...e, settings, target: createEntraHrTarget(graph) };
  } catch (error) {
    await e.close();
    throw error;
  }
}

/** Creates every group a rule can name (the app's Graph permissions cannot create groups). */
export function seedGroups(e: HrBenchEstate, names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const name of names) {
    const group = e.emu.estate.addGroup(
      e.tenant(),
      { id: randomUUID(), displayName: name, mailEnabled: false, securityEnabled: true, mailNickname: name },
      { kind: 'security' },
      { silent: true },
    );
    ids.set(name.toLowerCase(), String(group.props.id));
  }
  return ids;
}

/**
 * Seeds what a finished enforcement of `persons` leaves behind, without the Graph round trips:
 * each account (profile, manager, memberships, licences) in the emulated tenant, and the matching
 * applied states. Returns the applied states by employee id.
 */
export function seedAccounts(
  e: HrBenchEstate,
  persons: readonly HrPerson[],
  context: HrEvaluationContext,
  groupIds: ReadonlyMap<string, string>,
  today: string,
): Map<string, HrAppliedState> {
  const tenant = e.tenant();
  const silent = { silent: true };
  // Not chooseAddress: it normalises the whole in-use set on every call (quadratic here).
  const taken = new Set<string>();
  const applied = new Map<string, HrAppliedState>();
  for (const person of persons) {
    const desired = desiredState(person, context, today);
    if (!desired.account) continue;
    const candidates = addressCandidates(
      { firstName: desired.names.first, lastName: desired.names.last, middleName: undefined },
      e.settings.naming,
      e.settings.domain,
    );
    const address = candidates.ok
      ? candidates.candidates.find((c) => !taken.has(c.toLowerCase()))
      : undefined;
    if (!address) throw new Error(`no address for ${person.employeeId}`);
    const upn = address.toLowerCase();
    taken.add(upn);
    const id = randomUUID();
    e.emu.estate.addUser(
      tenant,
      {
        ...toGraphProfile(desired.attributes),
        id,
        accountEnabled: desired.enabled,
        userType: 'Member',
        userPrincipalName: upn,
        mail: upn,
        mailNickname: mailNicknameFor(upn),
        employeeId: person.employeeId,
        assignedLicenses: [],
      },
      silent,
    );
    for (const g of desired.groups) {
      const groupId = groupIds.get(g.name.toLowerCase());
      if (!groupId) throw new Error(`group ${g.name} was not seeded`);
      e.emu.estate.addMember(tenant, groupId, id, '#microsoft.graph.user', silent);
    }
    if (desired.licences.length > 0)
      e.emu.estate.setLicenses(
        tenant,
        id,
        desired.licences.map((l) => ({ skuId: l.skuId, disabledPlans: [] })),
        [],
        silent,
      );
    applied.set(person.employeeId, {
      ...EMPTY_APPLIED_STATE,
      objectId: id,
      userPrincipalName: upn,
      mail: upn,
      enabled: desired.enabled,
      names: desired.names,
      attributes: desired.attributes,
      managerEmployeeId: desired.managerEmployeeId,
      groups: desired.groups.map((g) => g.name),
      licences: desired.licences.map((l) => l.skuId),
    });
  }
  // Managers once every account exists (a manager may come later in the list).
  for (const state of applied.values()) {
    const manager = state.managerEmployeeId && applied.get(state.managerEmployeeId)?.objectId;
    if (manager) e.emu.estate.setManager(tenant, state.objectId!, manager, silent);
  }
  return applied;
}

/**
 * The benchmark's store: the 3-method port over a map of applied states (acceptable for the
 * benchmark only; the app's store writes the same through PGlite). Counts the saves.
 */
export function memoryStore(applied: Map<string, HrAppliedState>) {
  const saved = { persons: 0, audit: 0, failedPersons: [] as { employeeId: string; error: string }[] };
  const store: HrEnforcementStore = {
    async savePerson(employeeId, outcome) {
      applied.set(employeeId, outcome.applied);
      saved.persons += 1;
      saved.audit += outcome.audit.length;
      if (outcome.lastError) saved.failedPersons.push({ employeeId, error: outcome.lastError });
    },
    async recordDryRun() {},
    async saveEvaluation() {},
  };
  return { store, saved };
}

/** Persons as enforcement loads them, with what was applied. */
export const enforcedPersons = (
  persons: readonly HrPerson[],
  applied: ReadonlyMap<string, HrAppliedState>,
): EnforcedPerson[] =>
  persons.map((person) => ({
    person,
    applied: applied.get(person.employeeId) ?? EMPTY_APPLIED_STATE,
    removedOn: null,
  }));

/** The target with a count of calls per method (a call may take several HTTP requests). */
export function countedTarget(target: HrTarget) {
  const calls: Record<string, number> = {};
  const counted = Object.fromEntries(
    Object.entries(target).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (method as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as HrTarget;
  return { target: counted, calls };
}
