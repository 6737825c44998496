import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, refreshPlannerStatistics } from '../../src/store/index.js';
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
});
