import { describe, expect, it } from 'vitest';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { gate, useJobDatabase } from './support.js';

/** Resolves when `check` holds (polling the queue), or fails naming what it waited for. */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

// `unfinished` is what the integrator's tick reads before queueing a key again.
describe.each(testEngines())('unfinished jobs on $name', (engine) => {
  const db = useJobDatabase(engine);

  it('lists waiting and running jobs by key prefix, oldest first, and forgets finished ones', async () => {
    const runtime = db.runtime({ catalogue: testCatalogue, workers: true, concurrency: 2 });
    const hold = gate();
    runtime.work('test.tenant', async ({ step }) => {
      if (step === 'hold') await hold.promise;
    });
    await runtime.start();

    const running = await runtime.enqueue('test.tenant', { tenantId: 'conn-a/t1', step: 'hold' });
    await waitFor(
      async () => (await runtime.job('test.tenant', running))?.state === 'active',
      'the job to start',
    );
    const waiting = await runtime.enqueue(
      'test.tenant',
      { tenantId: 'conn-a/t1', step: 'next' },
      { startAfterSeconds: 60 },
    );
    const other = await runtime.enqueue(
      'test.tenant',
      { tenantId: 'conn-b/t1', step: 'next' },
      { startAfterSeconds: 60 },
    );

    const mine = await runtime.unfinished('test.tenant', 'conn-a/');
    expect(mine.map((j) => [j.id, j.state, j.singletonKey])).toEqual([
      [running, 'active', 'conn-a/t1'],
      [waiting, 'created', 'conn-a/t1'],
    ]);
    expect(mine[1]?.data).toEqual({ tenantId: 'conn-a/t1', step: 'next' });
    expect((await runtime.unfinished('test.tenant')).map((j) => j.id).sort()).toEqual(
      [running, waiting, other].sort(),
    );
    // A prefix is not a pattern: % and _ match only themselves.
    expect(await runtime.unfinished('test.tenant', 'conn-%')).toEqual([]);

    hold.open();
    await waitFor(
      async () => (await runtime.job('test.tenant', running))?.state === 'completed',
      'the job to end',
    );
    expect((await runtime.unfinished('test.tenant', 'conn-a/')).map((j) => j.id)).toEqual([waiting]);
  });
});
