import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createCustomFieldRepository,
  createImportLookupRepository,
  loadAgentPlanState,
  loadUserPlanState,
  schema,
  type Database,
} from '../../../src/store/index.js';
import { givenCustomer, type HandleSource } from './fixtures.js';
import { givenCab, givenRole, givenTeam } from './plan-fixtures.js';

async function insertUser(db: Database, values: typeof schema.deskUsers.$inferInsert) {
  const [row] = await db.insert(schema.deskUsers).values(values).returning();
  if (!row) throw new Error('no user');
  return row;
}

async function insertAgent(db: Database, values: typeof schema.agents.$inferInsert) {
  const [row] = await db.insert(schema.agents).values(values).returning();
  if (!row) throw new Error('no agent');
  return row;
}

export function describePlanState(handle: HandleSource): void {
  describe('plan state loaders', () => {
    it('loads linked users of the tenants and unlinked users and active sites of the customers', async () => {
      const db = handle().db;
      const tenantId = randomUUID();
      const { customer, defaultSite, otherSite } = await givenCustomer(db);
      const stranger = await givenCustomer(db);
      await db.update(schema.sites).set({ reference: 'LDN-01' }).where(eq(schema.sites.id, otherSite.id));
      const [closed] = await db
        .insert(schema.sites)
        .values({ customerId: customer.id, name: 'Closed', inactive: true })
        .returning();
      const at = { customerId: customer.id, siteId: defaultSite.id };
      const boss = await insertUser(db, {
        ...at,
        tenantId,
        entraObjectId: randomUUID(),
        displayName: 'Boss',
      });
      const alice = await insertUser(db, {
        ...at,
        siteId: otherSite.id,
        tenantId,
        entraObjectId: randomUUID(),
        displayName: 'Alice',
        email: 'alice@contoso.example',
        department: 'Sales',
        phoneNumber: '+44 20 1234',
        employeeId: 'E-17',
        creationType: 'Member',
        isServiceAccount: true,
        customFields: { CostCentre: 'CC-1', badge: 7 },
        managerId: boss.id,
        lastSignInAt: new Date('2026-11-30T09:15:00Z'),
      });
      const carol = await insertUser(db, { ...at, displayName: 'Carol (not linked yet)' });
      const strangerUnlinked = await insertUser(db, {
        customerId: stranger.customer.id,
        siteId: stranger.defaultSite.id,
        displayName: 'Dave',
      });
      const otherTenant = await insertUser(db, {
        ...at,
        tenantId: randomUUID(),
        entraObjectId: randomUUID(),
        displayName: 'Erin',
      });
      const role = await givenRole(db, 'portal');
      await db.insert(schema.deskUserRoleAssignments).values({ deskUserId: alice.id, roleId: role.id });
      await createCustomFieldRepository(db).create({ name: `Field ${randomUUID()}`, label: 'Cost centre' });

      const state = await loadUserPlanState(db, { tenantIds: [tenantId], customerIds: [customer.id] });

      expect(state.users.map((u) => u.values.displayName).sort()).toEqual(
        ['Alice', 'Boss', 'Carol (not linked yet)'].sort(),
      );
      const loadedAlice = state.users.find((u) => u.id === alice.id);
      expect(loadedAlice).toMatchObject({
        customerId: customer.id,
        siteId: otherSite.id,
        tenantId,
        entraObjectId: alice.entraObjectId,
        inactive: false,
        roleIds: [role.id],
      });
      expect(loadedAlice?.values).toEqual({
        displayName: 'Alice',
        givenName: null,
        surname: null,
        email: 'alice@contoso.example',
        userPrincipalName: null,
        networkLogin: null,
        jobTitle: null,
        department: 'Sales',
        phoneNumber: '+44 20 1234',
        mobileNumber: null,
        employeeId: 'E-17',
        officeLocation: null,
        creationType: 'Member',
        contractCoverage: null,
        isServiceAccount: 'true',
        manager: boss.entraObjectId,
        lastSignInAt: '2026-11-30T09:15:00.000Z',
        'custom.CostCentre': 'CC-1',
        'custom.badge': '7',
      });
      expect(state.users.find((u) => u.id === carol.id)).toMatchObject({ tenantId: null, roleIds: [] });
      expect(state.sites).toEqual(
        expect.arrayContaining([
          { id: defaultSite.id, customerId: customer.id, name: 'Main', reference: null, isDefault: true },
          {
            id: otherSite.id,
            customerId: customer.id,
            name: 'London',
            reference: 'LDN-01',
            isDefault: false,
          },
        ]),
      );
      expect(state.sites.map((s) => s.id)).not.toContain(closed?.id);
      expect(state.sites.every((s) => s.customerId === customer.id)).toBe(true);

      // Only the fields a plan reads: the others are absent (never a false null), roles always come.
      const narrow = await loadUserPlanState(db, {
        tenantIds: [tenantId],
        customerIds: [customer.id],
        fields: ['displayName', 'email', 'custom.CostCentre'],
      });
      expect(narrow.users.find((u) => u.id === alice.id)).toMatchObject({
        values: { displayName: 'Alice', email: 'alice@contoso.example', 'custom.CostCentre': 'CC-1' },
        roleIds: [role.id],
        siteId: otherSite.id,
      });
      expect(Object.keys(narrow.users.find((u) => u.id === alice.id)!.values).sort()).toEqual(
        ['custom.CostCentre', 'custom.badge', 'displayName', 'email'].sort(),
      );
      expect(narrow.users.map((u) => u.id).sort()).toEqual(state.users.map((u) => u.id).sort());

      const everyCustomer = await loadUserPlanState(db, { tenantIds: [tenantId], customerIds: 'all' });
      const ids = everyCustomer.users.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([alice.id, carol.id, strangerUnlinked.id]));
      expect(ids).not.toContain(otherTenant.id);
      expect(everyCustomer.sites.map((s) => s.id)).toContain(stranger.defaultSite.id);
    });

    it('loads agents with line manager, default team, roles, teams and CABs', async () => {
      const db = handle().db;
      const tenantId = randomUUID();
      const [team, other] = [await givenTeam(db), await givenTeam(db)];
      const retired = await givenTeam(db, { inactive: true });
      const { cab, role: cabRole } = await givenCab(db);
      const role = await givenRole(db, 'agent');
      const lead = await insertAgent(db, { tenantId, entraObjectId: randomUUID(), displayName: 'Lead' });
      const ann = await insertAgent(db, {
        tenantId,
        entraObjectId: randomUUID(),
        displayName: 'Ann',
        jobTitle: 'Engineer',
        networkLogin: 'CONTOSO\\ann',
        licenceType: 'concurrent',
        lineManagerId: lead.id,
        defaultTeamId: team.id,
        lastSignInAt: new Date('2026-11-30T09:15:00Z'),
      });
      const unlinked = await insertAgent(db, { displayName: 'Ursula' });
      const elsewhere = await insertAgent(db, {
        tenantId: randomUUID(),
        entraObjectId: randomUUID(),
        displayName: 'Zed',
      });
      await db.insert(schema.agentRoleAssignments).values({ agentId: ann.id, roleId: role.id });
      await db.insert(schema.agentTeams).values([
        { agentId: ann.id, teamId: team.id },
        { agentId: ann.id, teamId: other.id, fromMapping: true },
      ]);
      await db.insert(schema.cabMembers).values({ agentId: ann.id, cabId: cab.id, cabRoleId: cabRole.id });

      const state = await loadAgentPlanState(db, { tenantIds: [tenantId] });

      const ids = state.agents.map((a) => a.id);
      expect(ids).toEqual(expect.arrayContaining([lead.id, ann.id, unlinked.id]));
      expect(ids).not.toContain(elsewhere.id);
      const loaded = state.agents.find((a) => a.id === ann.id);
      expect(loaded).toMatchObject({
        tenantId,
        entraObjectId: ann.entraObjectId,
        inactive: false,
        licenceType: 'concurrent',
        roleIds: [role.id],
        cabs: [{ cabId: cab.id, cabRoleId: cabRole.id }],
      });
      expect(loaded?.teams).toEqual(
        expect.arrayContaining([
          { teamId: team.id, fromMapping: false },
          { teamId: other.id, fromMapping: true },
        ]),
      );
      expect(loaded?.values).toEqual({
        displayName: 'Ann',
        email: null,
        userPrincipalName: null,
        networkLogin: 'CONTOSO\\ann',
        jobTitle: 'Engineer',
        department: null,
        phoneNumber: null,
        mobileNumber: null,
        creationType: null,
        linemanager: lead.entraObjectId,
        team: team.name,
        lastSignInAt: '2026-11-30T09:15:00.000Z',
      });
      expect(state.teams).toEqual(expect.arrayContaining([{ id: team.id, name: team.name }]));
      expect(state.teams.map((t) => t.id)).not.toContain(retired.id);

      const lookups = createImportLookupRepository(db);
      expect((await lookups.teams()).find((t) => t.id === retired.id)).toMatchObject({ inactive: true });
      expect((await lookups.roles('agent')).map((r) => r.id)).toContain(role.id);
      expect((await lookups.roles('portal')).map((r) => r.id)).not.toContain(role.id);
      expect((await lookups.cabs()).map((c) => c.id)).toContain(cab.id);
      expect((await lookups.cabRoles()).map((c) => c.id)).toContain(cabRole.id);
    });

    it('looks up sites and customers by id, and keeps custom field names unique ignoring case', async () => {
      const db = handle().db;
      const { customer, otherSite } = await givenCustomer(db);
      const lookups = createImportLookupRepository(db);
      expect((await lookups.sitesByIds([otherSite.id, randomUUID()])).map((s) => s.id)).toEqual([
        otherSite.id,
      ]);
      expect((await lookups.customersByIds([customer.id])).map((c) => c.name)).toEqual([customer.name]);
      expect(await lookups.sitesByIds([])).toEqual([]);

      const fields = createCustomFieldRepository(db);
      const name = `Badge ${randomUUID()}`;
      const created = await fields.create({ name, label: 'Badge number' });
      expect((await fields.list()).map((f) => f.id)).toContain(created.id);
      await expect(fields.create({ name: name.toUpperCase(), label: 'Again' })).rejects.toMatchObject({
        code: 'already-exists',
        field: 'name',
      });
    });
  });
}
