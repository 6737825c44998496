import { describe, expect, it } from 'vitest';
import { debouncedDueInMs } from '../../src/jobs/create-job-runtime.js';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { eventLog, useJobDatabase } from './support.js';

const WINDOW_SECONDS = 2;

/** Waits until the start of a debounce window, so a burst falls into one window. */
async function atWindowStart(): Promise<void> {
  const windowMs = WINDOW_SECONDS * 1000;
  const intoWindow = Date.now() % windowMs;
  await new Promise((resolve) => setTimeout(resolve, windowMs - intoWindow + 20));
}

describe.each(testEngines())('debounced enqueue on $name', (engine) => {
  const db = useJobDatabase(engine);

  it('queues one job at once and folds the rest of a burst into one job of the next window', async () => {
    const log = eventLog();
    const runs: { tenantId: string; step: string; at: number }[] = [];
    const runtime = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    runtime.work('test.tenant', async (payload) => {
      runs.push({ ...payload, at: Date.now() });
    });
    await runtime.start();
    await atWindowStart();
    const started = Date.now();
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        runtime.enqueue('test.tenant', { tenantId: 'a', step: `a${n}` }, { debounceSeconds: WINDOW_SECONDS }),
      ),
    );
    const other = await runtime.enqueue(
      'test.tenant',
      { tenantId: 'b', step: 'b0' },
      { debounceSeconds: WINDOW_SECONDS },
    );

    const queued = burst.filter((id) => id !== null);
    expect(queued).toHaveLength(2);
    expect(other).not.toBeNull();
    await log.waitFor(
      'three jobs to complete',
      (events) => events.filter((e) => e.state === 'completed').length >= 3,
    );
    const tenantA = runs.filter((r) => r.tenantId === 'a');
    expect(tenantA).toHaveLength(2);
    // The first runs at once; the folded one not before the next window starts.
    expect(tenantA[0]!.at - started).toBeLessThan(1500);
    expect(tenantA[1]!.at - started).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 100);
  });

  it('plain enqueues of the same key are not debounced', async () => {
    const runtime = db.runtime({ catalogue: testCatalogue, workers: false, concurrency: 1 });
    await runtime.start();
    const ids = await Promise.all(
      [1, 2, 3].map((n) => runtime.enqueue('test.tenant', { tenantId: 'c', step: `c${n}` })),
    );
    expect(new Set(ids).size).toBe(3);
  });
});

describe('debouncedDueInMs', () => {
  it('matches when pg-boss makes a job of the next window due', () => {
    // One-second windows: a second from now. Longer ones: the rest of the window, plus a second.
    expect(debouncedDueInMs(1, 10_400)).toBe(1_000);
    expect(debouncedDueInMs(2, 10_400)).toBe(3_000);
    expect(debouncedDueInMs(2, 11_400)).toBe(2_000);
  });
});
