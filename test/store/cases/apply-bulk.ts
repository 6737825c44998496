import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applyUserPlan, loadUserPlanState, schema, type Database } from '../../../src/store/index.js';
import { PLAN_STATE_CHUNK_ROWS } from '../../../src/store/repositories/entra-import/user-plan-state.js';
import { UPSERT_CHUNK_ROWS } from '../../../src/store/repositories/user-upsert.js';
import { givenCustomer, type HandleSource } from './fixtures.js';
import { asUnchanged, givenRun, planned, total } from './plan-fixtures.js';

export function describeBulkApply(handle: HandleSource): void {
  describe('bulk apply', () => {
    it('creates more users than one statement holds, managers in one loop across chunks, then resyncs writing nothing', async () => {
      const db = handle().db;
      const run = await givenRun(db);
      const { defaultSite } = await givenCustomer(db);
      const size = UPSERT_CHUNK_ROWS + 1;
      const people = Array.from({ length: size }, (_, i) =>
        planned(run.tenantId, { displayName: `Bulk ${i}` }),
      );
      // Everyone manages the next person and the last manages the first: one loop through both chunks.
      const plan = people.map((p, i) => ({
        ...p,
        site: { siteId: defaultSite.id },
        values: { displayName: p.displayName, jobTitle: 'Bulk', manager: people[(i + 1) % size]!.entraId },
      }));
      const apply = (users: typeof plan) =>
        db.transaction((tx) => applyUserPlan(tx as unknown as Database, { ...run, users }));

      const result = await apply(plan);

      // One row per user, plus the one link the loop leaves for after both chunks are in.
      expect(result.rowsWritten).toMatchObject({ desk_users: size + 1, inbound_log: size });
      const stored = await db
        .select()
        .from(schema.deskUsers)
        .where(eq(schema.deskUsers.tenantId, run.tenantId));
      expect(stored).toHaveLength(size);
      const entraOf = new Map(stored.map((u) => [u.id, u.entraObjectId]));
      const managerOf = new Map(stored.map((u) => [u.entraObjectId, entraOf.get(u.managerId ?? '')]));
      expect(plan.every((p) => managerOf.get(p.entraId) === p.values.manager)).toBe(true);
      const [logged] = await db
        .select({ n: count() })
        .from(schema.inboundLog)
        .where(eq(schema.inboundLog.syncRunId, run.syncRunId));
      expect(logged?.n).toBe(size);

      const deskIds = new Map(stored.map((u) => [u.entraObjectId!, u.id]));
      expect(total((await apply(asUnchanged(plan, deskIds) as typeof plan)).rowsWritten)).toBe(0);

      // The planner's view of the desk comes in chunks: every user once, with its manager.
      const state = await loadUserPlanState(db, { tenantIds: [run.tenantId], customerIds: [] });
      expect(size).toBeGreaterThan(2 * PLAN_STATE_CHUNK_ROWS);
      expect(new Set(state.users.map((u) => u.id)).size).toBe(size);
      expect(state.users.every((u) => u.values.manager === managerOf.get(u.entraObjectId))).toBe(true);
      await db
        .update(schema.deskUsers)
        .set({ tenantId: null, entraObjectId: null })
        .where(eq(schema.deskUsers.tenantId, run.tenantId));
      const unlinked = await loadUserPlanState(db, {
        tenantIds: [run.tenantId],
        customerIds: [defaultSite.customerId],
      });
      expect(new Set(unlinked.users.map((u) => u.id))).toEqual(new Set(stored.map((u) => u.id)));
    });
  });
}
