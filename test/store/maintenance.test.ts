import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { flushDeferredStatistics, queryRows, refreshPlannerStatistics } from '../../src/store/index.js';
import { openMigrated, testEngines } from './engines.js';

describe.each(testEngines())('planner statistics after bulk writes ($name)', (engine) => {
  let database: Awaited<ReturnType<typeof openMigrated>>;
  beforeAll(async () => {
    database = await openMigrated(engine);
  });
  afterAll(() => database?.dispose());

  it('analyses tables a write changed a lot, and leaves small writes to autovacuum', async () => {
    const { db } = database.handle;
    const analysed = await refreshPlannerStatistics(db, {
      desk_users: 5000,
      sites: 3,
      'x; drop table y': 9999,
    });
    expect(analysed).toEqual(['desk_users']);
    const [row] = await queryRows<{ analysed: boolean }>(
      db,
      sql`select last_analyze is not null as analysed from pg_stat_user_tables where relname = 'desk_users'`,
    );
    expect(row?.analysed).toBe(true);
  });

  it('re-analyses a table only when a write reaches a tenth of the rows it last counted', async () => {
    const { db } = database.handle;
    const unpaced = { minIntervalMs: 0 };
    await db.execute(sql`create table stats_probe (id integer primary key)`);
    await db.execute(sql`insert into stats_probe select g from generate_series(1, 20000) g`);
    expect(await refreshPlannerStatistics(db, { stats_probe: 20000 }, unpaced)).toEqual(['stats_probe']);
    const counted = async () =>
      (
        await queryRows<{ tuples: number }>(
          db,
          sql`select reltuples::float8 as tuples from pg_class where relname = 'stats_probe'`,
        )
      )[0]?.tuples;
    expect(await counted()).toBe(20000);

    await db.execute(sql`insert into stats_probe select g from generate_series(20001, 21500) g`);
    expect(await refreshPlannerStatistics(db, { stats_probe: 1500 }, unpaced)).toEqual([]);
    expect(await counted()).toBe(20000);

    await db.execute(sql`insert into stats_probe select g from generate_series(21501, 24000) g`);
    expect(await refreshPlannerStatistics(db, { stats_probe: 2500 }, unpaced)).toEqual(['stats_probe']);
    expect(await counted()).toBe(24000);
  });

  it('analyses a table at most once a minute: writes that qualify sooner are analysed when it ends', async () => {
    const { db } = database.handle;
    let clock = 1_000_000;
    const at = { now: () => clock };
    await db.execute(sql`create table paced_probe (id integer primary key)`);
    const grow = async (from: number, to: number) =>
      db.execute(sql`insert into paced_probe select g from generate_series(${from}::int, ${to}::int) g`);
    const counted = async () =>
      (
        await queryRows<{ tuples: number }>(
          db,
          sql`select reltuples::float8 as tuples from pg_class where relname = 'paced_probe'`,
        )
      )[0]?.tuples;
    await grow(1, 10000);
    expect(await refreshPlannerStatistics(db, { paced_probe: 10000 }, at)).toEqual(['paced_probe']);

    // Two more large writes within the minute: neither analyses now.
    clock += 20_000;
    await grow(10001, 15000);
    expect(await refreshPlannerStatistics(db, { paced_probe: 5000 }, at)).toEqual([]);
    clock += 20_000;
    await grow(15001, 22000);
    expect(await refreshPlannerStatistics(db, { paced_probe: 7000 }, at)).toEqual([]);
    expect(await counted()).toBe(10000);

    // When the minute ends (the timer's call), once, counting everything written meanwhile.
    expect(await flushDeferredStatistics(db)).toEqual(['paced_probe']);
    expect(await counted()).toBe(22000);
    expect(await flushDeferredStatistics(db)).toEqual([]);

    // A minute after that analysis, a qualifying write is analysed at once again.
    clock = Date.now() + 61_000;
    await grow(22001, 26000);
    expect(await refreshPlannerStatistics(db, { paced_probe: 4000 }, at)).toEqual(['paced_probe']);
  });
});
