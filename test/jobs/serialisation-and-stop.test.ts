import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { TEST_POLLING_SECONDS, eventLog, gate, until, useJobDatabase } from './support.js';

/**
 * Long enough for idle pollers to look for work twice: what a broken implementation would do
 * (start a job it should hold back, return from stop() early) has happened by then.
 */
const GRACE_MS = 2 * TEST_POLLING_SECONDS * 1000 + 200;

describe.each(testEngines())('job serialisation and shutdown on $name', (engine) => {
  const db = useJobDatabase(engine);

  it("never overlaps one tenant's jobs, and a busy tenant does not hold up the others", async () => {
    const log = eventLog();
    const holdFirst = gate();
    const started: string[] = [];
    const running = new Map<string, number>();
    let overlap = false;
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 3,
      batchSize: 3,
      // Should the test fail while a1 is held, the clean-up does not wait long for it.
      stopTimeoutSeconds: 1,
      onEvent: log.onEvent,
    });
    runtime.work('test.tenant', async ({ tenantId, step }) => {
      started.push(step);
      running.set(tenantId, (running.get(tenantId) ?? 0) + 1);
      if ((running.get(tenantId) ?? 0) > 1) overlap = true;
      if (step === 'a1') await holdFirst.promise;
      running.set(tenantId, (running.get(tenantId) ?? 1) - 1);
    });
    await runtime.start();

    await runtime.enqueue('test.tenant', { tenantId: 'tenant-a', step: 'a1' });
    await until('a1 to start', () => started.includes('a1'));
    // a2 waits ahead of b1 in the queue; it must not stall b1 while its tenant is busy.
    await runtime.enqueue('test.tenant', { tenantId: 'tenant-a', step: 'a2' });
    await runtime.enqueue('test.tenant', { tenantId: 'tenant-b', step: 'b1' });
    await log.waitFor("tenant b's job to finish while a1 runs", (events) => events.length === 1);
    await sleep(GRACE_MS);

    expect(started).toEqual(['a1', 'b1']);
    holdFirst.open();
    await log.waitFor('every job to finish', (events) => events.length === 3);
    expect(started.indexOf('a2')).toBeGreaterThan(started.indexOf('a1'));
    expect(overlap).toBe(false);
    expect(log.events.every((e) => e.state === 'completed')).toBe(true);
  });

  it('stop() waits for a running job to finish', async () => {
    const log = eventLog();
    const release = gate();
    const order: string[] = [];
    let began = false;
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 2,
      stopTimeoutSeconds: 10,
      onEvent: log.onEvent,
    });
    runtime.work('test.slow', async () => {
      began = true;
      await release.promise;
      order.push('job finished');
    });
    await runtime.start();
    const id = await runtime.enqueue('test.slow', { key: 'waited-for' });
    await until('the job to start', () => began);

    const stopped = runtime.stop().then(() => order.push('stop() resolved'));
    await sleep(GRACE_MS);
    order.push('job released');
    release.open();
    await stopped;

    expect(order).toEqual(['job released', 'job finished', 'stop() resolved']);
    expect(log.events).toMatchObject([{ id, state: 'completed' }]);
    const reader = db.runtime({ catalogue: testCatalogue, workers: false, concurrency: 1 });
    await reader.start();
    expect(await reader.job('test.slow', id)).toMatchObject({ state: 'completed' });
  });

  it('stop() gives up after its timeout: the job is aborted and retried by another worker', async () => {
    const log = eventLog();
    let abortedBy: unknown;
    let began = false;
    const first = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      stopTimeoutSeconds: 1,
      onEvent: log.onEvent,
    });
    first.work('test.slow', (_payload, { signal }) => {
      began = true;
      return new Promise((resolve) =>
        signal.addEventListener('abort', () => resolve((abortedBy = signal.reason))),
      );
    });
    await first.start();
    const id = await first.enqueue('test.slow', { key: 'abandoned' });
    await until('the job to start', () => began);
    await first.stop();

    expect(abortedBy).toMatchObject({ code: 'job-runtime-stopped' });
    expect(log.events).toMatchObject([{ id, state: 'retry', attempt: 1 }]);

    const attempts: number[] = [];
    const second = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    second.work('test.slow', async (_payload, { attempt }) => {
      attempts.push(attempt);
    });
    await second.start();
    await log.waitFor('the retry to complete', (events) => events.some((e) => e.state === 'completed'));
    expect(attempts).toEqual([2]);
    expect(await second.job('test.slow', id)).toMatchObject({ state: 'completed', retryCount: 1 });
  });
});
