import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../../src/emulator/index.js';
import { createDeltaFixture, startDeltaEmulator } from './fixtures.js';

const USER = '#microsoft.graph.user';
const QUERY = '/v1.0/users/delta?$select=displayName,manager';

describe('users delta: a manager in the recycle bin', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
  });
  afterAll(() => emu.close());

  it('agrees with reads: the reports lose the manager while it is deleted and get it back on restore', async () => {
    const fx = await createDeltaFixture(emu);
    const [boss, report, other] = ['Ana Boss', 'Bo Report', 'Cy Other'].map((n) => fx.addUser(n).props.id);
    emu.estate.setManager(fx.tenant, report!, boss!, { silent: true });
    const managerRead = async () => {
      const res = await fx.get(`/v1.0/users/${report}?$expand=manager`);
      return ((res.body as Record<string, unknown>).manager as { id: string } | undefined)?.id ?? null;
    };
    const first = await fx.round(QUERY);
    const entryOf = (values: Record<string, unknown>[], id: string) => values.filter((v) => v.id === id);
    expect(entryOf(first.values, report!)[0]!['manager@delta']).toEqual([{ '@odata.type': USER, id: boss }]);

    emu.estate.softDeleteUser(fx.tenant, boss!);
    expect(await managerRead()).toBeNull();
    const deleted = await fx.round(first.deltaLink);
    expect(entryOf(deleted.values, report!)).toEqual([
      {
        id: report,
        displayName: 'Bo Report',
        'manager@delta': [{ '@odata.type': USER, id: boss, '@removed': { reason: 'deleted' } }],
      },
    ]);
    expect(entryOf(deleted.values, other!)).toEqual([]);
    // An initial round does not name it either.
    expect(entryOf((await fx.round(QUERY)).values, report!)[0]).not.toHaveProperty('manager@delta');

    emu.estate.restoreUser(fx.tenant, boss!);
    expect(await managerRead()).toBe(boss);
    const restored = await fx.round(deleted.deltaLink);
    expect(entryOf(restored.values, report!)[0]!['manager@delta']).toEqual([
      { '@odata.type': USER, id: boss },
    ]);

    emu.estate.purgeUser(fx.tenant, boss!);
    const purged = await fx.round(restored.deltaLink);
    expect(entryOf(purged.values, report!)[0]!['manager@delta']).toEqual([
      { '@odata.type': USER, id: boss, '@removed': { reason: 'deleted' } },
    ]);
    expect(entryOf(purged.values, boss!)).toEqual([{ id: boss, '@removed': { reason: 'deleted' } }]);
  });
});
