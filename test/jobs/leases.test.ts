import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { JobLeaseLostError, QUEUE_SCHEMA } from '../../src/jobs/index.js';
import { createJobClaims } from '../../src/jobs/job-claims.js';
import { createSqlAdapter } from '../../src/jobs/sql-adapter.js';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { eventLog, until, useJobDatabase } from './support.js';

/** Leases of a second: renewed every third of a second, lapsed ones looked for every half second. */
const LEASE_SECONDS = 1;

describe.each(testEngines())('job leases on $name', (engine) => {
  const db = useJobDatabase(engine);
  const sql = () => createSqlAdapter(db.connection());

  /** Claims one job as a worker would, then never renews its lease: a worker killed mid-run. */
  const claimAsDeadWorker = async (name: string) => {
    const [claimed] = await createJobClaims(sql()).claim(name, 1, LEASE_SECONDS);
    if (!claimed) throw new Error(`no ${name} job to claim`);
    return claimed;
  };

  it("retries a dead worker's job on a live one once its lease lapses, per the job's retry policy", async () => {
    const log = eventLog();
    const attempts: number[] = [];
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      leaseSeconds: LEASE_SECONDS,
      onEvent: log.onEvent,
    });
    await runtime.start();
    const id = await runtime.enqueue('test.slow', { key: 'orphaned' });
    await claimAsDeadWorker('test.slow');
    const claimedAt = Date.now();
    runtime.work('test.slow', async (_payload, { attempt }) => void attempts.push(attempt));

    await log.waitFor('the retry to finish', (events) => events.length === 1);
    // A lease, a look for lapsed ones, a poll, and slack for a loaded machine.
    expect(Date.now() - claimedAt).toBeLessThan(10_000);
    expect(attempts).toEqual([2]);
    expect(log.events[0]).toMatchObject({ id, state: 'completed', attempt: 2 });
    expect(await runtime.job('test.slow', id)).toMatchObject({ state: 'completed', retryCount: 1 });
  });

  it('fails the job when the lapsed attempt was its last', async () => {
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      leaseSeconds: LEASE_SECONDS,
    });
    await runtime.start();
    const id = await runtime.enqueue('test.echo', { n: 1, label: 'no retries' });
    await claimAsDeadWorker('test.echo');

    let state: string | undefined;
    await until('the job to fail', () => {
      void runtime.job('test.echo', id).then((job) => (state = job?.state));
      return state === 'failed';
    });
    expect(await runtime.job('test.echo', id)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/timeout/),
    });
  });

  it('never takes a job from a live worker, however slow its handler', async () => {
    const log = eventLog();
    const runs: string[] = [];
    const runtimes = [db.connection(), db.otherConnection()].map((connection, i) => {
      const runtime = db.runtime({
        catalogue: testCatalogue,
        workers: true,
        concurrency: 2,
        leaseSeconds: LEASE_SECONDS,
        connection,
        onEvent: log.onEvent,
      });
      runtime.work('test.slow', async () => {
        runs.push(`runtime ${i}`);
        await sleep(LEASE_SECONDS * 1000 * 4);
      });
      return runtime;
    });
    for (const runtime of runtimes) await runtime.start();
    const id = await runtimes[0]!.enqueue('test.slow', { key: 'slow' });

    await log.waitFor('the slow job to finish', (events) => events.length === 1);
    expect(runs).toHaveLength(1);
    expect(log.events[0]).toMatchObject({ id, state: 'completed', attempt: 1 });
  });

  it('stops the handler and records nothing when the queue took the job back', async () => {
    const log = eventLog();
    let stoppedWith: unknown;
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      leaseSeconds: LEASE_SECONDS,
      onEvent: log.onEvent,
    });
    let started = false;
    runtime.work('test.slow', async (_payload, { signal }) => {
      started = true;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      stoppedWith = signal.reason;
    });
    await runtime.start();
    const id = await runtime.enqueue('test.slow', { key: 'taken back' });
    await until('the job to start', () => started);
    // What another process's expiry does after a lapse (the retry is not due for an hour here).
    await sql().executeSql(
      `UPDATE ${QUEUE_SCHEMA}.job SET state = 'retry', start_after = now() + interval '1 hour'
        WHERE name = 'test.slow' AND id = $1`,
      [id],
    );

    await until('the handler to be stopped', () => stoppedWith !== undefined);
    expect(stoppedWith).toBeInstanceOf(JobLeaseLostError);
    await sleep(LEASE_SECONDS * 1000);
    expect(log.events).toEqual([]);
    expect(await runtime.job('test.slow', id)).toMatchObject({ state: 'retry' });
  });
});
