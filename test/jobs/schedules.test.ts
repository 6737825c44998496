import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCatalogue, defineJob, QUEUE_SCHEMA } from '../../src/jobs/index.js';
import { testEngines } from '../store/engines.js';
import { eventLog, useJobDatabase } from './support.js';

const policy = {
  summary: 'A scheduled job.',
  payload: z.object({ label: z.string() }),
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 30,
} as const;

/** A cron of every minute is always due: pg-boss's scheduler enqueues it at its next check. */
const scheduled = defineCatalogue([
  defineJob({
    ...policy,
    name: 'test.every-minute',
    schedule: { cron: '* * * * *', payload: { label: 'cron' } },
  }),
]);
const unscheduled = defineCatalogue([defineJob({ ...policy, name: 'test.every-minute' })]);

describe.each(testEngines())('scheduled jobs on $name', (engine) => {
  const db = useJobDatabase(engine);

  const schedules = async () => {
    const handle = db.handle();
    const text = `select name, cron, data from ${QUEUE_SCHEMA}.schedule order by name`;
    const result = handle.kind === 'pglite' ? await handle.pglite.query(text) : await handle.pool.query(text);
    return result.rows;
  };

  it('are enqueued by the scheduler of a runtime with workers, with their payload', async () => {
    const log = eventLog();
    const seen: unknown[] = [];
    const runtime = db.runtime({
      catalogue: scheduled,
      workers: true,
      concurrency: 1,
      scheduleCheckSeconds: 1,
      onEvent: log.onEvent,
    });
    runtime.work('test.every-minute', async (payload) => {
      seen.push(payload);
    });
    await runtime.start();
    expect(await schedules()).toEqual([
      { name: 'test.every-minute', cron: '* * * * *', data: { label: 'cron' } },
    ]);

    await log.waitFor('the scheduled job to run', (events) => events.length > 0);
    expect(log.events[0]).toMatchObject({ name: 'test.every-minute', state: 'completed' });
    expect(seen[0]).toEqual({ label: 'cron' });
  });

  it('lose their schedule when the catalogue no longer has one', async () => {
    const first = db.runtime({ catalogue: scheduled, workers: false, concurrency: 1 });
    await first.start();
    await first.stop();
    expect(await schedules()).toHaveLength(1);

    const next = db.runtime({ catalogue: unscheduled, workers: false, concurrency: 1 });
    await next.start();
    expect(await schedules()).toEqual([]);
  });
});
