import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PlannedUser } from '../../../src/contracts/entra/import-plan.js';
import {
  applyUserPlan,
  createInboundLogRepository,
  createReviewRepository,
  createUserRepository,
  InvalidPlanError,
  schema,
  StalePlanError,
  type Database,
} from '../../../src/store/index.js';
import { givenCustomer, userRow, type HandleSource } from './fixtures.js';
import { asUnchanged, change, givenRole, givenRun, planned, tableSnapshot, total } from './plan-fixtures.js';

export function describeApplyUserPlan(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const run = await givenRun(db);
    const { customer, defaultSite, otherSite } = await givenCustomer(db);
    const users = createUserRepository(db);
    const base = { tenantId: run.tenantId, customerId: customer.id, siteId: defaultSite.id };
    const linked = async (jobTitle: string) => {
      const row = userRow(base, { jobTitle });
      await users.upsertMany([row]);
      return (await users.findByEntraId(run.tenantId, row.entraObjectId))!;
    };
    const user = async (id: string) =>
      (await db.select().from(schema.deskUsers).where(eq(schema.deskUsers.id, id)))[0]!;
    const apply = (plan: PlannedUser[], newSites?: { customerId: string; name: string }[]) =>
      db.transaction((tx) => applyUserPlan(tx as unknown as Database, { ...run, users: plan, newSites }));
    return { db, run, customer, defaultSite, otherSite, linked, user, apply };
  }

  describe('applying a user plan', () => {
    it('creates, updates, adopts, deactivates and sends to review, logging each', async () => {
      const { db, run, customer, defaultSite, linked, user, apply } = await setup();
      const role = await givenRole(db, 'portal');
      const bob = await linked('Engineer');
      const dan = await linked('Leaver');
      const [carol] = await db
        .insert(schema.deskUsers)
        .values({
          customerId: customer.id,
          siteId: defaultSite.id,
          displayName: 'Carol',
          email: 'carol@contoso.example',
        })
        .returning();
      const t = run.tenantId;
      const carolEntraId = randomUUID();
      const alice = planned(t, {
        displayName: 'Alice Émile',
        site: { newSite: { customerId: customer.id, name: 'Leeds' } },
        values: {
          displayName: 'Alice Émile',
          email: 'alice@contoso.example',
          department: 'Sales',
          isServiceAccount: 'true',
          'custom.CostCentre': 'CC-9',
        },
        roleIds: [role.id],
      });
      const plan = [
        alice,
        planned(t, {
          entraId: bob.entraObjectId!,
          outcome: 'update',
          reasonCode: 'matched.linked',
          deskId: bob.id,
          // Roles ride along but are not written: the changes do not list them.
          roleIds: [role.id],
          changes: [change('jobTitle', 'Lead Engineer', 'Engineer')],
        }),
        planned(t, {
          entraId: carolEntraId,
          outcome: 'update',
          reasonCode: 'matched.adopted',
          deskId: carol!.id,
          roleIds: [role.id],
          changes: [
            change('tenantId', t),
            change('entraObjectId', carolEntraId),
            change('department', 'Ops'),
            change('mobileNumber', '+44 7700 900123'),
            change('roleIds', role.id, ''),
          ],
        }),
        planned(t, {
          entraId: dan.entraObjectId!,
          outcome: 'deactivate',
          reasonCode: 'deactivated.notFound',
          deskId: dan.id,
          changes: [change('inactive', 'true', 'false')],
        }),
        planned(t, {
          displayName: 'Eve Twin',
          outcome: 'review',
          reasonCode: 'review.ambiguousMatch',
          reason: 'two desk users have the email eve@contoso.example',
          candidates: [carol!.id, bob.id],
        }),
        planned(t, {
          outcome: 'excluded',
          reasonCode: 'excluded.guest',
          reason: 'guest user, external users not included',
        }),
      ];

      const result = await apply(plan);

      expect(result.rowsWritten).toEqual({
        sites: 1,
        desk_users: 4,
        desk_user_role_assignments: 2,
        sync_reviews: 1,
        inbound_log: 5,
      });
      const [created] = await db
        .select()
        .from(schema.deskUsers)
        .where(eq(schema.deskUsers.entraObjectId, alice.entraId));
      const [leeds] = await db
        .select()
        .from(schema.sites)
        .where(and(eq(schema.sites.customerId, customer.id), eq(schema.sites.name, 'Leeds')));
      expect(created).toMatchObject({
        tenantId: t,
        customerId: customer.id,
        siteId: leeds?.id,
        displayName: 'Alice Émile',
        department: 'Sales',
        isServiceAccount: true,
        customFields: { CostCentre: 'CC-9' },
        inactive: false,
      });
      expect(
        await db
          .select()
          .from(schema.deskUserRoleAssignments)
          .where(eq(schema.deskUserRoleAssignments.deskUserId, created!.id)),
      ).toEqual([{ deskUserId: created!.id, roleId: role.id }]);
      expect(await user(bob.id)).toMatchObject({ jobTitle: 'Lead Engineer', email: bob.email });
      const roleHolders = await db
        .select()
        .from(schema.deskUserRoleAssignments)
        .where(eq(schema.deskUserRoleAssignments.roleId, role.id));
      expect(roleHolders.map((r) => r.deskUserId).sort()).toEqual([created!.id, carol!.id].sort());
      expect(await user(carol!.id)).toMatchObject({
        tenantId: t,
        entraObjectId: carolEntraId,
        department: 'Ops',
        mobileNumber: '+44 7700 900123',
        email: 'carol@contoso.example',
      });
      expect(await user(dan.id)).toMatchObject({ inactive: true, jobTitle: 'Leaver' });

      const reviews = await createReviewRepository(db).listOpen({ connectionId: run.connectionId });
      expect(reviews.items).toMatchObject([
        {
          module: 'users',
          displayName: 'Eve Twin',
          candidates: [bob.id, carol!.id].sort(),
          resolvedAt: null,
        },
      ]);

      const log = await createInboundLogRepository(db).list({ connectionId: run.connectionId });
      expect(log.items.map((e) => e.action).sort()).toEqual([
        'create',
        'deactivate',
        'review',
        'update',
        'update',
      ]);
      const createdEntry = log.items.find((e) => e.action === 'create');
      expect(createdEntry).toMatchObject({
        syncRunId: run.syncRunId,
        tenantId: t,
        entityType: 'user',
        externalId: alice.entraId,
        reasonCode: 'created',
        reason: alice.reason,
        details: { displayName: 'Alice Émile', mappingId: 'mapping-main', deskId: created!.id },
      });
      expect(createdEntry?.details.changes).toContainEqual({
        field: 'department',
        before: null,
        after: 'Sales',
      });
      expect(log.items.find((e) => e.externalId === bob.entraObjectId)?.details).toMatchObject({
        deskId: bob.id,
        changes: [{ field: 'jobTitle', before: 'Engineer', after: 'Lead Engineer' }],
      });
    });

    it('writes no row at all when the plan changes nothing', async () => {
      const { db, run, customer, defaultSite, apply } = await setup();
      const role = await givenRole(db, 'portal');
      const t = run.tenantId;
      const first = [
        ...Array.from({ length: 3 }, (_, i) =>
          planned(t, {
            site: { newSite: { customerId: customer.id, name: 'Manchester' } },
            values: { displayName: `Person ${i}`, jobTitle: 'Analyst', 'custom.Level': String(i) },
            roleIds: [role.id],
          }),
        ),
        planned(t, { site: { siteId: defaultSite.id }, values: { displayName: 'Solo' } }),
        planned(t, {
          outcome: 'review',
          reasonCode: 'review.ambiguousMatch',
          candidates: [randomUUID(), randomUUID()],
        }),
        planned(t, { outcome: 'excluded', reasonCode: 'excluded.disabled' }),
      ];
      expect(total((await apply(first)).rowsWritten)).toBeGreaterThan(0);
      const stored = await db.select().from(schema.deskUsers).where(eq(schema.deskUsers.tenantId, t));
      const deskIds = new Map(stored.map((u) => [u.entraObjectId!, u.id]));

      const before = await tableSnapshot(db);
      const again = await apply(asUnchanged(first, deskIds), [
        { customerId: customer.id, name: 'manchester' },
      ]);

      expect(Object.values(again.rowsWritten)).toEqual([0, 0, 0, 0, 0]);
      expect(await tableSnapshot(db)).toEqual(before);
    });

    it('writes nothing, and logs nothing, for a planned update the desk already has', async () => {
      const { db, run, linked, apply } = await setup();
      const bob = await linked('Engineer');
      const update = planned(run.tenantId, {
        entraId: bob.entraObjectId!,
        outcome: 'update',
        deskId: bob.id,
        changes: [change('jobTitle', 'Engineer', 'Engineering'), change('email', bob.email)],
      });
      const before = await tableSnapshot(db);

      expect(total((await apply([update])).rowsWritten)).toBe(0);
      expect(await tableSnapshot(db)).toEqual(before);
    });

    it('reactivates a user whose changes say so', async () => {
      const { db, run, linked, user, apply } = await setup();
      const bob = await linked('Engineer');
      await db.update(schema.deskUsers).set({ inactive: true }).where(eq(schema.deskUsers.id, bob.id));
      const back = planned(run.tenantId, {
        entraId: bob.entraObjectId!,
        outcome: 'update',
        deskId: bob.id,
        changes: [change('inactive', 'false', 'true')],
      });

      expect((await apply([back])).rowsWritten).toMatchObject({ desk_users: 1, inbound_log: 1 });
      expect(await user(bob.id)).toMatchObject({ inactive: false });
    });

    it('reopens a resolved review when the ambiguity is back, and closes it once the user is decided', async () => {
      const { db, run, defaultSite, apply } = await setup();
      const reviews = createReviewRepository(db);
      const review = planned(run.tenantId, {
        outcome: 'review',
        reasonCode: 'review.ambiguousMatch',
        candidates: [],
      });
      await apply([review]);
      const [open] = (await reviews.listOpen({ connectionId: run.connectionId, module: 'users' })).items;
      expect(await reviews.resolve(open!.id)).toBe(true);
      expect(await reviews.resolve(open!.id)).toBe(false);

      expect((await apply([review])).rowsWritten).toMatchObject({ sync_reviews: 1, inbound_log: 1 });
      expect((await reviews.listOpen({ connectionId: run.connectionId })).items).toHaveLength(1);

      const decided = { ...review, outcome: 'create' as const, site: { siteId: defaultSite.id } };
      expect((await apply([decided])).rowsWritten).toMatchObject({ desk_users: 1, sync_reviews: 1 });
      expect((await reviews.listOpen({ connectionId: run.connectionId })).items).toEqual([]);
    });

    it('moves an updated user only when its changes list the site, reusing a site named the same but for case', async () => {
      const { db, run, customer, defaultSite, otherSite, linked, user, apply } = await setup();
      const bob = await linked('Engineer');
      const stays = planned(run.tenantId, {
        entraId: bob.entraObjectId!,
        outcome: 'update',
        deskId: bob.id,
        site: { newSite: { customerId: customer.id, name: 'LONDON' } },
        changes: [change('jobTitle', 'Engineer')],
      });
      expect((await apply([stays])).rowsWritten).toMatchObject({ sites: 0, desk_users: 0 });
      expect(await user(bob.id)).toMatchObject({ siteId: defaultSite.id });

      const moved = { ...stays, changes: [change('site', 'LONDON', defaultSite.id)] };
      expect((await apply([moved])).rowsWritten).toMatchObject({ sites: 0, desk_users: 1 });
      expect(await user(bob.id)).toMatchObject({ siteId: otherSite.id, customerId: customer.id });
      expect(
        await db.select().from(schema.sites).where(eq(schema.sites.customerId, customer.id)),
      ).toHaveLength(2);
    });

    it('refuses a stale plan (the Entra user is already linked) and a malformed one, writing nothing', async () => {
      const { db, run, defaultSite, linked, apply } = await setup();
      const bob = await linked('Engineer');
      const duplicate = planned(run.tenantId, {
        entraId: bob.entraObjectId!,
        site: { siteId: defaultSite.id },
      });
      const before = await tableSnapshot(db);

      await expect(apply([duplicate])).rejects.toBeInstanceOf(StalePlanError);
      await expect(apply([planned(run.tenantId, { site: { siteId: randomUUID() } })])).rejects.toBeInstanceOf(
        StalePlanError,
      );
      await expect(apply([planned(run.tenantId)])).rejects.toBeInstanceOf(InvalidPlanError);
      await expect(
        apply([
          planned(run.tenantId, { site: { siteId: defaultSite.id }, values: { favouriteColour: 'red' } }),
        ]),
      ).rejects.toThrow(/unknown desk field "favouriteColour"/);
      expect(await tableSnapshot(db)).toEqual(before);
    });
  });
}
