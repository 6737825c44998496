import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PlannedUser } from '../../../src/contracts/entra/import-plan.js';
import { applyUserPlan, schema, type Database } from '../../../src/store/index.js';
import { givenCustomer, type HandleSource } from './fixtures.js';
import { change, givenRun, planned } from './plan-fixtures.js';

export function describeUserManagers(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const run = await givenRun(db);
    const { defaultSite } = await givenCustomer(db);
    const apply = (plan: PlannedUser[]) =>
      db.transaction((tx) => applyUserPlan(tx as unknown as Database, { ...run, users: plan }));
    const create = (managerEntraId: string | null, entraId: string = randomUUID()) =>
      planned(run.tenantId, {
        entraId,
        site: { siteId: defaultSite.id },
        values: { displayName: `Person ${entraId.slice(0, 8)}`, manager: managerEntraId },
      });
    /** Entra id → the Entra id of the desk manager, for the tenant's users. */
    const managers = async () => {
      const users = await db
        .select()
        .from(schema.deskUsers)
        .where(eq(schema.deskUsers.tenantId, run.tenantId));
      const entraOf = new Map(users.map((u) => [u.id, u.entraObjectId]));
      return new Map(users.map((u) => [u.entraObjectId, u.managerId ? entraOf.get(u.managerId) : null]));
    };
    return { run, apply, create, managers };
  }

  describe('managers of desk users', () => {
    it('links a manager created in the same apply, whatever the order, writing each user once', async () => {
      const { apply, create, managers } = await setup();
      const bossId = randomUUID();
      const report = create(bossId);
      const boss = create(null, bossId);

      expect((await apply([report, boss])).rowsWritten.desk_users).toBe(2);
      expect((await managers()).get(report.entraId)).toBe(bossId);
    });

    it('links chains and loops of managers', async () => {
      const { apply, create, managers } = await setup();
      const [a, b, c, x, y] = Array.from({ length: 5 }, () => randomUUID()) as [
        string,
        string,
        string,
        string,
        string,
      ];
      const plan = [create(b, a), create(c, b), create(null, c), create(y, x), create(x, y), create(x)];

      expect((await apply(plan)).rowsWritten.desk_users).toBe(plan.length);
      const linked = await managers();
      expect([linked.get(a), linked.get(b), linked.get(c)]).toEqual([b, c, null]);
      expect([linked.get(x), linked.get(y), linked.get(plan[5]!.entraId)]).toEqual([y, x, x]);
    });

    it('sets, changes and clears managers on update; an unknown manager links nobody', async () => {
      const { apply, create, managers } = await setup();
      const [boss, deputy, alice, bob] = [create(null), create(null), create(null), create(null)];
      await apply([boss, deputy, alice, bob]);
      const deskIds = await deskIdsOf(handle().db, [alice, bob]);
      const update = (p: PlannedUser, manager: string | null): PlannedUser => ({
        ...p,
        outcome: 'update',
        deskId: deskIds.get(p.entraId)!,
        site: null,
        changes: [change('manager', manager)],
      });

      // Bob's manager is linked in the desk but not part of this (delta) plan.
      expect(
        (await apply([update(alice, boss.entraId), update(bob, deputy.entraId)])).rowsWritten.desk_users,
      ).toBe(2);
      expect([(await managers()).get(alice.entraId), (await managers()).get(bob.entraId)]).toEqual([
        boss.entraId,
        deputy.entraId,
      ]);

      await apply([update(alice, null), update(bob, randomUUID())]);
      expect([(await managers()).get(alice.entraId), (await managers()).get(bob.entraId)]).toEqual([
        null,
        null,
      ]);
    });
  });
}

async function deskIdsOf(db: Database, plan: PlannedUser[]): Promise<Map<string, string>> {
  const users = await db
    .select()
    .from(schema.deskUsers)
    .where(
      inArray(
        schema.deskUsers.entraObjectId,
        plan.map((p) => p.entraId),
      ),
    );
  return new Map(users.map((u) => [u.entraObjectId!, u.id]));
}
