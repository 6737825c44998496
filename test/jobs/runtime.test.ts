import { describe, expect, it } from 'vitest';
import {
  JobPayloadError,
  JobRuntimeStateError,
  JobTimeoutError,
  QUEUE_SCHEMA,
  UnknownJobError,
} from '../../src/jobs/index.js';
import { createSqlAdapter } from '../../src/jobs/sql-adapter.js';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { eventLog, useJobDatabase } from './support.js';

async function rows<T>(
  run: { query(text: string): Promise<{ rows: unknown[] }> },
  text: string,
): Promise<T[]> {
  return (await run.query(text)).rows as T[];
}

describe.each(testEngines())('job runtime on $name', (engine) => {
  const db = useJobDatabase(engine);

  it('works every queued job exactly once', async () => {
    const log = eventLog();
    const seen: number[] = [];
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 2,
      batchSize: 3,
      onEvent: log.onEvent,
    });
    runtime.work('test.echo', async ({ n }) => {
      seen.push(n);
    });
    await runtime.start();

    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, n) => runtime.enqueue('test.echo', { n, label: `job ${n}` })),
    );
    await log.waitFor(
      '12 completed echo jobs',
      (events) => events.filter((e) => e.state === 'completed').length >= 12,
    );
    const states = await Promise.all(ids.map(async (id) => (await runtime.job('test.echo', id))?.state));
    await runtime.stop();

    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    expect(states).toEqual(ids.map(() => 'completed'));
    expect(new Set(log.events.map((e) => e.id))).toEqual(new Set(ids));
  });

  it('refuses an invalid payload before anything is queued, naming the fields', async () => {
    const runtime = db.runtime({ catalogue: testCatalogue, workers: false, concurrency: 1 });
    await expect(runtime.enqueue('test.echo', { n: 1, label: 'early' })).rejects.toBeInstanceOf(
      JobRuntimeStateError,
    );
    await runtime.start();

    const refused = runtime.enqueue('test.echo', { n: 1.5, label: '' });
    await expect(refused).rejects.toBeInstanceOf(JobPayloadError);
    await expect(refused).rejects.toThrow(
      /invalid payload for job "test.echo" \(refused, nothing was queued\): n: .*; label: /,
    );
    // @ts-expect-error -- a name outside the catalogue does not type-check either
    await expect(runtime.enqueue('test.nope', {})).rejects.toBeInstanceOf(UnknownJobError);
    expect(await runtime.queueSize('test.echo')).toBe(0);
  });

  it('retries a failing job per its policy, then marks it failed', async () => {
    const log = eventLog();
    const attempts: number[] = [];
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    runtime.work('test.flaky', async (_payload, { attempt }) => {
      attempts.push(attempt);
      throw new Error(`boom on attempt ${attempt}`);
    });
    await runtime.start();

    const id = await runtime.enqueue('test.flaky', { key: 'k' });
    await log.waitFor('the flaky job to fail for good', (events) => events.some((e) => e.state === 'failed'));

    expect(attempts).toEqual([1, 2, 3]);
    expect(log.events.map((e) => [e.state, e.attempt, e.error])).toEqual([
      ['retry', 1, 'boom on attempt 1'],
      ['retry', 2, 'boom on attempt 2'],
      ['failed', 3, 'boom on attempt 3'],
    ]);
    expect(await runtime.job('test.flaky', id)).toMatchObject({
      state: 'failed',
      retryCount: 2,
      error: 'boom on attempt 3',
    });
  });

  it('abandons an attempt that outlives its timeout: its signal fires and the job fails', async () => {
    const log = eventLog();
    const reasons: unknown[] = [];
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    runtime.work('test.timeout', ({ key }, { signal }) => {
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          reasons.push(signal.reason);
          reject(new Error(`${key} stopped`));
        });
      });
    });
    await runtime.start();

    const id = await runtime.enqueue('test.timeout', { key: 'k' });
    await log.waitFor('the attempt to time out', (events) => events.length > 0);

    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(JobTimeoutError);
    expect(log.events[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/1s timeout/) });
    expect(await runtime.job('test.timeout', id)).toMatchObject({ state: 'failed' });
  });

  it("keeps pg-boss's tables in their own schema, beside the desk's migrations", async () => {
    const runtime = db.runtime({ catalogue: testCatalogue, workers: false, concurrency: 1 });
    expect(await runtime.healthy()).toBe(false);
    await runtime.start();
    expect(await runtime.healthy()).toBe(true);

    const report = await db.handle().migrate();
    expect(report.applied).toEqual([]);
    const handle = db.handle();
    const raw = handle.kind === 'pglite' ? handle.pglite : handle.pool;
    const schemas = await rows<{ table_schema: string }>(
      raw,
      "select distinct table_schema from information_schema.tables where table_name in ('job', 'queue', 'version')",
    );
    expect(schemas.map((s) => s.table_schema)).toEqual([QUEUE_SCHEMA]);
    const queues = await rows<{ name: string }>(raw, `select name from ${QUEUE_SCHEMA}.queue order by name`);
    expect(queues.map((q) => q.name)).toEqual(Object.keys(testCatalogue).sort());

    await runtime.stop();
    expect(await runtime.healthy()).toBe(false);
  });

  it('leaves the shared connection usable after a failed multi-statement command', async () => {
    const adapter = createSqlAdapter(db.connection());
    const failing = 'BEGIN; create table jobs_probe (x int); select 1 / 0; COMMIT;';
    await expect(adapter.executeSql(failing)).rejects.toThrow(/division by zero/);

    expect((await adapter.executeSql('select $1::int as answer', [42])).rows).toEqual([{ answer: 42 }]);
    expect((await adapter.executeSql("select to_regclass('jobs_probe') as probe")).rows).toEqual([
      { probe: null },
    ]);
    await adapter.close();
  });
});
