import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUserRepository, schema, type DeskUser } from '../../../src/store/index.js';
import { UPSERT_CHUNK_ROWS } from '../../../src/store/repositories/user-upsert.js';
import { givenCustomer, userRow, type HandleSource } from './fixtures.js';
import { describeUserSearch } from './user-search.js';

export function describeUserRepository(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const { customer, defaultSite, otherSite } = await givenCustomer(db);
    const base = { tenantId: randomUUID(), customerId: customer.id, siteId: defaultSite.id };
    const usersInTenant = async () =>
      (
        await db
          .select({ n: count() })
          .from(schema.deskUsers)
          .where(eq(schema.deskUsers.tenantId, base.tenantId))
      )[0]?.n;
    return { db, users: createUserRepository(db), base, customer, otherSite, usersInTenant };
  }

  describe('desk users', () => {
    it('upserts by (tenant, Entra object id): a repeated run changes nothing and duplicates nothing', async () => {
      const { users, base, usersInTenant } = await setup();
      const rows = [userRow(base), userRow(base), userRow(base)];

      expect(await users.upsertMany(rows)).toEqual({ created: 3, updated: 0, unchanged: 0 });
      expect(await users.upsertMany(rows)).toEqual({ created: 0, updated: 0, unchanged: 3 });

      const renamed = rows.map((row, i) =>
        i === 1 ? { ...row, displayName: 'Renamed Person', inactive: true } : row,
      );
      expect(await users.upsertMany(renamed)).toEqual({ created: 0, updated: 1, unchanged: 2 });
      expect(await usersInTenant()).toBe(3);

      const stored = await users.findByEntraId(base.tenantId, rows[1]!.entraObjectId);
      expect(stored).toMatchObject({
        displayName: 'Renamed Person',
        inactive: true,
        customerId: base.customerId,
      });
    });

    it('treats a GUID in another letter case, or repeated within one batch, as the same user', async () => {
      const { users, base, usersInTenant } = await setup();
      const row = userRow(base);
      const again = { ...row, entraObjectId: row.entraObjectId.toUpperCase(), jobTitle: 'Engineer' };

      expect(await users.upsertMany([row, again])).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect((await users.findByEntraId(base.tenantId, row.entraObjectId))?.jobTitle).toBe('Engineer');
      expect(await users.upsertMany([{ ...row, tenantId: base.tenantId.toUpperCase() }])).toMatchObject({
        created: 0,
      });
      expect(await usersInTenant()).toBe(1);
    });

    it('merges custom fields and keeps sign-in times, service-account and site', async () => {
      const { users, base, otherSite } = await setup();
      const signIn = new Date('2025-03-04T05:06:07.000Z');
      const row = userRow(base, { customFields: { costCentre: 'CC-1', badge: 7 }, lastSignInAt: signIn });
      await users.upsertMany([row]);
      await users.upsertMany([
        { ...row, siteId: otherSite.id, isServiceAccount: true, customFields: { badge: 8 } },
      ]);

      const stored = (await users.findByEntraId(base.tenantId, row.entraObjectId)) as DeskUser;
      expect(stored.customFields).toEqual({ costCentre: 'CC-1', badge: 8 });
      expect(stored.lastSignInAt?.toISOString()).toBe(signIn.toISOString());
      expect(stored).toMatchObject({ isServiceAccount: true, siteId: otherSite.id });
    });

    it('refuses a site that belongs to another customer', async () => {
      const { db, users, base } = await setup();
      const stranger = await givenCustomer(db);

      await expect(
        users.upsertMany([userRow({ ...base, siteId: stranger.defaultSite.id })]),
      ).rejects.toThrow();
    });

    it('writes a batch larger than one statement completely', async () => {
      const { users, base, usersInTenant } = await setup();
      const rows = Array.from({ length: UPSERT_CHUNK_ROWS + 1 }, () => userRow(base));

      expect(await users.upsertMany(rows)).toEqual({ created: rows.length, updated: 0, unchanged: 0 });
      expect(await usersInTenant()).toBe(rows.length);
    });

    it('finds nobody for an unknown Entra object id', async () => {
      const { users, base } = await setup();
      expect(await users.findByEntraId(base.tenantId, randomUUID())).toBeUndefined();
    });

    it('links managers by Entra object id, only touching users whose manager changes', async () => {
      const { users, base } = await setup();
      const [boss, alice, bob] = [userRow(base), userRow(base), userRow(base)];
      await users.upsertMany([boss!, alice!, bob!]);
      const links = [
        { entraObjectId: alice!.entraObjectId, managerEntraObjectId: boss!.entraObjectId },
        { entraObjectId: bob!.entraObjectId, managerEntraObjectId: boss!.entraObjectId },
      ];

      expect(await users.setManagers(base.tenantId, links)).toBe(2);
      expect(await users.setManagers(base.tenantId, links)).toBe(0);
      const bossId = (await users.findByEntraId(base.tenantId, boss!.entraObjectId))?.id;
      expect((await users.findByEntraId(base.tenantId, alice!.entraObjectId))?.managerId).toBe(bossId);

      const cleared = [
        { entraObjectId: alice!.entraObjectId, managerEntraObjectId: null },
        { entraObjectId: bob!.entraObjectId, managerEntraObjectId: randomUUID() },
      ];
      expect(await users.setManagers(base.tenantId, cleared)).toBe(2);
      expect((await users.findByEntraId(base.tenantId, bob!.entraObjectId))?.managerId).toBeNull();
    });

    describeUserSearch(handle);
  });
}
