/**
 * `npm run bench -- licence-insight [--engine postgres|pglite] [--customers 250] [--users 1000]`
 * (postgres needs DATABASE_URL)
 *
 * Licence insight at MSP scale: `--customers` customers of `--users` desk users each (250,000 by
 * default), three licences per customer tenant, every user holding the first, half the second,
 * a third the third (about 460k holdings); 1 in 37 users disabled, 1 in 11 never seen signing in,
 * the rest signed in 0–199 days ago. Seeded in SQL (`generate_series`), then each query is timed
 * (median of 3) next to two baselines measured in the same run: `count(*)` of the users and
 * `count(*)` of the holdings ⋈ users join the summary aggregates.
 *
 * Prints the sizes, `medianMs` per query, and `summaryVsJoinCount` = summary across all ÷ the
 * join count (how much more than reading the join the summary costs).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildInsightSummary } from '../src/api/routes/licence-insight-views.js';
import { inactiveBefore } from '../src/domain/licences/insight.js';
import type { Database } from '../src/store/index.js';
import { createLicenceInsightRepository } from '../src/store/repositories/licence-insight-repository.js';
import { queryRows } from '../src/store/sql-rows.js';
import { openMigrated, testEngines } from '../test/store/engines.js';

const log = (message: string) => process.stderr.write(`[bench licence-insight] ${message}\n`);

const SKUS = [
  'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  '4b9405b0-7788-4568-add1-99614e613b69',
  '05e9a617-0261-4cee-bb44-138d3ef5d965',
];
const CONNECTION = '00000000-0000-4000-8000-000000000001';
const customerId = (i: number) => `00000000-0000-4000-8001-${String(i).padStart(12, '0')}`;

async function seed(db: Database, customers: number, users: number): Promise<void> {
  await db.execute(
    sql`insert into connections (id, kind, name, tenant_id) values (${CONNECTION}, 'entra', 'bench', gen_random_uuid())`,
  );
  await db.execute(sql`insert into customers (id, name)
    select ('00000000-0000-4000-8001-' || lpad(i::text, 12, '0'))::uuid, 'Customer ' || i
      from generate_series(1, ${customers}) i`);
  await db.execute(
    sql`insert into sites (id, customer_id, name, is_default) select gen_random_uuid(), id, 'Main', true from customers`,
  );
  await db.execute(sql`insert into desk_users (id, customer_id, site_id, tenant_id, entra_object_id, display_name,
                                               email, inactive, last_sign_in_at)
    select gen_random_uuid(), c.id, s.id, c.id, gen_random_uuid(), 'User ' || c.name || ' ' || g, 'u' || g || '@x.example',
           (g % 37 = 0), case when g % 11 = 0 then null else now() - ((g % 200) || ' days')::interval end
      from customers c join sites s on s.customer_id = c.id, generate_series(1, ${users}) g`);
  for (const [i, sku] of SKUS.entries()) {
    await db.execute(sql`insert into customer_licences (connection_id, tenant_id, customer_id, sku_id, sku_part_number,
                                                        friendly_name, capability_status, total_units, consumed_units, source)
      select ${CONNECTION}, c.id, c.id, ${sku}::uuid, ${`SKU${i}`}, ${`Product ${i}`}, 'Enabled', ${users},
             ${Math.floor(users / (i + 1))}, 'graph' from customers c`);
    await db.execute(sql`insert into desk_user_licences (desk_user_id, tenant_id, sku_id)
      select u.id, u.tenant_id, ${sku}::uuid from desk_users u where abs(hashtext(u.id::text)) % ${i + 1} = 0`);
  }
  await db.execute(sql`analyze`);
}

async function median(run: () => Promise<unknown>, times = 3): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    took.push(performance.now() - start);
  }
  took.sort((a, b) => a - b);
  return Math.round(took[Math.floor(times / 2)]!);
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      engine: { type: 'string', default: 'postgres' },
      customers: { type: 'string', default: '250' },
      users: { type: 'string', default: '1000' },
    },
  });
  const engine = testEngines().find((e) => e.name === values.engine);
  if (!engine) throw new Error(`--engine ${values.engine} is not available (postgres needs DATABASE_URL)`);
  const customers = Number(values.customers);
  const users = Number(values.users);
  const { handle, dispose } = await openMigrated(engine);
  try {
    const db = handle.db;
    const seedStart = performance.now();
    log(`seeding ${customers} × ${users} users on ${engine.name}`);
    await seed(db, customers, users);
    const [sizes] = await queryRows<{ users: number; holdings: number; licences: number }>(
      db,
      sql`select (select count(*)::int from desk_users) as users, (select count(*)::int from desk_user_licences) as holdings,
                 (select count(*)::int from customer_licences) as licences`,
    );
    const now = new Date();
    const cut = inactiveBefore(now, 90);
    const repo = createLicenceInsightRepository(db);
    const one = customerId(Math.min(7, customers));
    const inactive = { inactiveBefore: cut, kind: 'inactive' as const };
    log('timing');
    const medianMs = {
      countUsers: await median(() => db.execute(sql`select count(*) from desk_users`)),
      countHoldingsJoin: await median(() =>
        db.execute(sql`select count(*) from desk_user_licences d join desk_users u on u.id = d.desk_user_id`),
      ),
      summaryAll: await median(() =>
        buildInsightSummary(db, { inactiveDays: 90, renewingWithinDays: 30, now }),
      ),
      summaryOneCustomer: await median(() =>
        buildInsightSummary(db, { customerId: one, inactiveDays: 90, renewingWithinDays: 30, now }),
      ),
      licencesFirstPage: await median(() => repo.listLicences({ inactiveBefore: cut }, {})),
      licencesSearched: await median(() =>
        repo.listLicences({ inactiveBefore: cut }, { search: 'customer 12' }),
      ),
      holdersInactiveFirstPage: await median(() => repo.listHolders(inactive, {})),
      holdersInactiveThreePagesOf500: await median(async () => {
        let cursor: string | undefined;
        for (let i = 0; i < 3; i++)
          cursor = (await repo.listHolders(inactive, { limit: 500, cursor })).nextCursor;
      }),
      holdersInactiveCount: await median(() => repo.countHolders(inactive, {})),
      holdersOneCustomerSku: await median(() =>
        repo.listHolders({ ...inactive, customerId: one, skuId: SKUS[0] }, {}),
      ),
    };
    return {
      bench: 'licence-insight',
      engine: engine.name,
      ...sizes,
      seedSeconds: Math.round((performance.now() - seedStart) / 100) / 10,
      medianMs,
      summaryVsJoinCount:
        Math.round((medianMs.summaryAll / Math.max(1, medianMs.countHoldingsJoin)) * 100) / 100,
    };
  } finally {
    await dispose();
  }
}
