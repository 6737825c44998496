import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDeltaScenario, runImport, startDeltaContext, type DeltaContext } from './delta-fixtures.js';

/**
 * Delta rounds and the licence options (issue 6): with "only fields Rollcall uses", a change of a
 * user's licences alone must bring the user, or the licence check and compliance would go stale.
 */

let ctx: DeltaContext;
const E3 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
const holding = (...skus: string[]) => ({
  assignedLicenses: skus.map((skuId) => ({ skuId, disabledPlans: [] })),
});

beforeAll(async () => {
  ctx = await startDeltaContext();
});
afterAll(async () => {
  await ctx?.close();
});

describe('a mappedFields delta round with the licence options on', () => {
  it('brings a user whose licences changed: the licence check imports them and compliance covers them', async () => {
    const { s } = await givenDeltaScenario(ctx, 'licencedelta', {
      delta: { enabled: true, method: 'mappedFields' },
      licenceCheck: { type: 'include', skuIds: [E3] },
      compliance: { mode: 'refuse', skuIds: [E3] },
    });
    s.person(1, holding(E3));
    s.person(2, holding());
    const first = await runImport(ctx, s);
    expect(first.result.status).toBe('succeeded');
    expect(await s.desk(1)).toMatchObject({ contractCoverage: 'covered' });
    expect(await s.desk(2)).toBeUndefined();

    s.updatePerson(2, holding(E3));
    const delta = await runImport(ctx, s);
    expect(delta.record).toMatchObject({ mode: 'delta', status: 'succeeded' });
    expect(delta.result.plan?.records.map((r) => [r.entraId, r.outcome])).toEqual([[s.id(2), 'create']]);
    expect(await s.desk(2)).toMatchObject({ inactive: false, contractCoverage: 'covered' });
  });
});
