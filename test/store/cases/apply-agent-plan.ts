import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PlannedUser } from '../../../src/contracts/entra/import-plan.js';
import {
  applyAgentPlan,
  createAccountAdminRepository,
  createAccountRepository,
  createInboundLogRepository,
  createRoleRepository,
  schema,
  type Database,
} from '../../../src/store/index.js';
import type { HandleSource } from './fixtures.js';
import {
  agentExtras,
  change,
  givenCab,
  givenRole,
  givenRun,
  givenTeam,
  planned,
  tableSnapshot,
  total,
} from './plan-fixtures.js';

export function describeApplyAgentPlan(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const run = await givenRun(db);
    const apply = (plan: PlannedUser[]) =>
      db.transaction((tx) => applyAgentPlan(tx as unknown as Database, { ...run, agents: plan }));
    const agent = async (id: string) => {
      const [row] = await db.select().from(schema.agents).where(eq(schema.agents.id, id));
      const roles = await db
        .select()
        .from(schema.agentRoleAssignments)
        .where(eq(schema.agentRoleAssignments.agentId, id));
      const teams = await db.select().from(schema.agentTeams).where(eq(schema.agentTeams.agentId, id));
      const cabs = await db.select().from(schema.cabMembers).where(eq(schema.cabMembers.agentId, id));
      return { row: row!, roleIds: roles.map((r) => r.roleId).sort(), teams, cabs };
    };
    const idOf = async (entraId: string) =>
      (await db.select().from(schema.agents).where(eq(schema.agents.entraObjectId, entraId)))[0]!.id;
    return { db, run, apply, agent, idOf };
  }

  describe('applying an agent plan', () => {
    it('creates agents with roles, teams, default team, CABs, line manager and a concurrent licence', async () => {
      const { db, run, apply, agent, idOf } = await setup();
      const [role, portalRole] = [await givenRole(db, 'agent'), await givenRole(db, 'portal')];
      const [mapped, home] = [await givenTeam(db), await givenTeam(db)];
      const { cab, role: approver } = await givenCab(db);
      const leadId = randomUUID();
      const ann = planned(run.tenantId, {
        values: { displayName: 'Ann', jobTitle: 'Engineer', linemanager: leadId, team: home.name },
        roleIds: [role.id, portalRole.id],
        agent: agentExtras({
          addTeamIds: [mapped.id],
          defaultTeamId: home.id,
          cabs: [{ cabId: cab.id, cabRoleId: approver.id }],
        }),
      });
      const lead = planned(run.tenantId, {
        entraId: leadId,
        values: { displayName: 'Lead' },
        agent: agentExtras({ licenceType: 'named' }),
      });

      const result = await apply([ann, lead]);

      expect(result.rowsWritten).toEqual({
        agents: 2,
        agent_role_assignments: 1,
        agent_teams: 2,
        cab_members: 1,
        sync_reviews: 0,
        inbound_log: 2,
      });
      const stored = await agent(await idOf(ann.entraId));
      expect(stored.row).toMatchObject({
        displayName: 'Ann',
        jobTitle: 'Engineer',
        licenceType: 'concurrent',
        defaultTeamId: home.id,
        lineManagerId: await idOf(leadId),
      });
      expect(stored.roleIds).toEqual([role.id]);
      expect(stored.teams).toEqual(
        expect.arrayContaining([
          {
            agentId: stored.row.id,
            teamId: mapped.id,
            canBeAssigned: true,
            canSeeUnassigned: true,
            canSeeOthers: true,
            fromMapping: true,
          },
          {
            agentId: stored.row.id,
            teamId: home.id,
            canBeAssigned: true,
            canSeeUnassigned: true,
            canSeeOthers: true,
            fromMapping: false,
          },
        ]),
      );
      expect(stored.cabs).toEqual([{ cabId: cab.id, agentId: stored.row.id, cabRoleId: approver.id }]);
      expect((await agent(await idOf(leadId))).row.licenceType).toBe('named');
      const log = await createInboundLogRepository(db).list({ connectionId: run.connectionId });
      expect(log.items.map((e) => e.entityType)).toEqual(['agent', 'agent']);
    });

    it('replaces roles exactly, moves teams and CAB roles, keeps or sets the licence type; repeating writes nothing', async () => {
      const { db, run, apply, agent, idOf } = await setup();
      const [keep, drop, add] = [
        await givenRole(db, 'agent'),
        await givenRole(db, 'agent'),
        await givenRole(db, 'agent'),
      ];
      const [stay, leave, join] = [await givenTeam(db), await givenTeam(db), await givenTeam(db)];
      const { cab, role: approver } = await givenCab(db);
      const { role: observer } = await givenCab(db);
      const ann = planned(run.tenantId, {
        values: { displayName: 'Ann' },
        roleIds: [keep.id, drop.id],
        agent: agentExtras({
          licenceType: 'named',
          addTeamIds: [stay.id, leave.id],
          cabs: [{ cabId: cab.id, cabRoleId: approver.id }],
        }),
      });
      await apply([ann]);
      const id = await idOf(ann.entraId);
      await db
        .update(schema.agentTeams)
        .set({ canSeeOthers: false })
        .where(eq(schema.agentTeams.teamId, stay.id));

      const extras = agentExtras({
        addTeamIds: [join.id],
        removeTeamIds: [leave.id],
        defaultTeamId: stay.id,
        cabs: [{ cabId: cab.id, cabRoleId: observer.id }],
      });
      const update: PlannedUser = {
        ...ann,
        outcome: 'update',
        reasonCode: 'matched.linked',
        deskId: id,
        values: null,
        roleIds: [keep.id, add.id],
        agent: extras,
        changes: [change('department', 'Support')],
      };
      // Extras the changes do not name are not written.
      expect((await apply([update])).rowsWritten).toMatchObject({
        agents: 1,
        agent_role_assignments: 0,
        agent_teams: 0,
        cab_members: 0,
      });

      const full: PlannedUser = {
        ...update,
        changes: [
          change('roleIds', `${keep.id},${add.id}`),
          change('teams', `${join.id},${stay.id}`),
          change('team', stay.name),
          change('cabs', `${cab.id}:${observer.id}`),
        ],
      };
      const result = await apply([full]);

      expect(result.rowsWritten).toEqual({
        agents: 1,
        agent_role_assignments: 2,
        agent_teams: 3,
        cab_members: 1,
        sync_reviews: 0,
        inbound_log: 1,
      });
      const stored = await agent(id);
      expect(stored.row).toMatchObject({
        department: 'Support',
        licenceType: 'named',
        defaultTeamId: stay.id,
      });
      expect(stored.roleIds).toEqual([keep.id, add.id].sort());
      expect(stored.teams.map((t) => t.teamId).sort()).toEqual([stay.id, join.id].sort());
      expect(stored.teams.find((t) => t.teamId === stay.id)?.canSeeOthers).toBe(true);
      expect(stored.cabs).toEqual([{ cabId: cab.id, agentId: id, cabRoleId: observer.id }]);

      const before = await tableSnapshot(db);
      expect(total((await apply([full])).rowsWritten)).toBe(0);
      expect(await tableSnapshot(db)).toEqual(before);

      const concurrent = {
        ...update,
        agent: agentExtras({ licenceType: 'concurrent' }),
        changes: [change('licenceType', 'concurrent', 'named')],
      };
      expect((await apply([concurrent])).rowsWritten.agents).toBe(1);
      expect((await agent(id)).row.licenceType).toBe('concurrent');
      expect((await agent(id)).roleIds).toEqual([keep.id, add.id].sort());

      const noCabRole = { ...update, agent: agentExtras({ cabs: [{ cabId: cab.id, cabRoleId: null }] }) };
      const noRoles = { ...update, roleIds: [], changes: [change('roleIds', '')] };
      const withoutCabRole = { ...noCabRole, changes: [change('cabs', `${cab.id}:`)] };
      expect((await apply([noRoles])).rowsWritten).toMatchObject({ agents: 0, agent_role_assignments: 2 });
      expect((await agent(id)).roleIds).toEqual([]);
      expect((await apply([withoutCabRole])).rowsWritten.cab_members).toBe(1);
      expect((await agent(id)).cabs).toEqual([{ cabId: cab.id, agentId: id, cabRoleId: null }]);
    });

    it('adopts an unlinked agent, deactivates one (with its role change) and sends one to review', async () => {
      const { db, run, apply, agent } = await setup();
      const suspended = await givenRole(db, 'agent');
      const [unlinked] = await db
        .insert(schema.agents)
        .values({ displayName: 'Old Record', email: 'o@contoso.example' })
        .returning();
      const [leaver] = await db
        .insert(schema.agents)
        .values({ displayName: 'Leaver', tenantId: run.tenantId, entraObjectId: randomUUID() })
        .returning();
      const adoptedId = randomUUID();
      const adopted = planned(run.tenantId, {
        entraId: adoptedId,
        outcome: 'update',
        reasonCode: 'matched.adopted',
        deskId: unlinked!.id,
        agent: agentExtras(),
        changes: [
          change('tenantId', run.tenantId),
          change('entraObjectId', adoptedId),
          change('displayName', 'Olivia Record', 'Old Record'),
        ],
      });
      const plan = [
        adopted,
        planned(run.tenantId, {
          entraId: leaver!.entraObjectId!,
          outcome: 'deactivate',
          reasonCode: 'deactivated.inactiveRole',
          deskId: leaver!.id,
          roleIds: [suspended.id],
          agent: agentExtras(),
          changes: [change('inactive', 'true', 'false'), change('roleIds', suspended.id, '')],
        }),
        planned(run.tenantId, {
          outcome: 'review',
          reasonCode: 'review.ambiguousMatch',
          candidates: [unlinked!.id],
        }),
      ];

      expect((await apply(plan)).rowsWritten).toMatchObject({
        agents: 2,
        agent_role_assignments: 1,
        sync_reviews: 1,
        inbound_log: 3,
      });
      expect((await agent(unlinked!.id)).row).toMatchObject({
        tenantId: run.tenantId,
        entraObjectId: adopted.entraId,
        displayName: 'Olivia Record',
        email: 'o@contoso.example',
        licenceType: 'named',
      });
      expect(await agent(leaver!.id)).toMatchObject({ row: { inactive: true }, roleIds: [suspended.id] });
    });

    it('refuses a plan that would leave no enabled administrator, and writes none of it', async () => {
      const { db, run, apply, agent } = await setup();
      const administrators = createAccountAdminRepository(db);
      const adminRole = await createRoleRepository(db).create({
        kind: 'agent',
        name: `Administrators ${randomUUID()}`,
        permissions: ['administrator'],
      });
      const alias = randomUUID().slice(0, 8);
      const account = await createAccountRepository(db).createAgentAccount({
        email: `ada-${alias}@msp.example`,
        displayName: 'Ada Admin',
        passwordHash: 'unused',
        roleNames: [],
        now: new Date(),
      });
      const entraId = randomUUID();
      await db
        .update(schema.agents)
        .set({ tenantId: run.tenantId, entraObjectId: entraId })
        .where(eq(schema.agents.id, account.agentId));
      // Administrator only through an Entra group mapping: the session counts it, so must the guard.
      await db.insert(schema.agentRoleAssignments).values({ agentId: account.agentId, roleId: adminRole.id });
      expect(await administrators.countAdministrators()).toBe(1);
      const other = planned(run.tenantId, { values: { displayName: 'Newcomer' }, agent: agentExtras() });
      const linked = { entraId, deskId: account.agentId, agent: agentExtras(), values: null };
      const strip = planned(run.tenantId, {
        ...linked,
        outcome: 'update',
        reasonCode: 'matched.linked',
        roleIds: [],
        changes: [change('roleIds', '', adminRole.id)],
      });
      const deactivate = planned(run.tenantId, {
        ...linked,
        outcome: 'deactivate',
        reasonCode: 'deactivated.notFound',
        roleIds: [adminRole.id],
        changes: [change('inactive', 'true', 'false')],
      });

      for (const plan of [[other, strip], [deactivate]]) {
        await expect(apply(plan)).rejects.toMatchObject({ code: 'last-administrator' });
        expect(await agent(account.agentId)).toMatchObject({
          row: { inactive: false },
          roleIds: [adminRole.id],
        });
        expect(await administrators.countAdministrators()).toBe(1);
      }
      const [newcomer] = await db
        .select()
        .from(schema.agents)
        .where(eq(schema.agents.entraObjectId, other.entraId));
      expect(newcomer).toBeUndefined();

      // With another administrator (by hand), the import may take the role away.
      await createAccountRepository(db).createAgentAccount({
        email: `bo-${alias}@msp.example`,
        displayName: 'Bo Admin',
        passwordHash: 'unused',
        roleNames: [adminRole.name],
        now: new Date(),
      });
      expect(await administrators.countAdministrators()).toBe(2);
      expect((await apply([strip])).rowsWritten.agent_role_assignments).toBe(1);
      expect((await agent(account.agentId)).roleIds).toEqual([]);
    });
  });
}
