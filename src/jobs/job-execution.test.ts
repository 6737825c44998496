import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from './catalogue.js';
import type { ClaimedJob } from './job-claims.js';
import { createBatchHandler, type BatchContext, type JobSettler } from './job-execution.js';
import type { JobEvent, JobHandler } from './runtime.js';

const echo = defineJob({
  name: 'test.echo',
  summary: 'Echo.',
  payload: z.object({ word: z.string().min(1) }),
  retryLimit: 1,
  retryDelaySeconds: 0,
  retryBackoff: false,
  expireInSeconds: 5,
});

function job(id: string, data: unknown, retryCount = 0): ClaimedJob {
  return { id, name: echo.name, data, retryCount, retryLimit: echo.retryLimit };
}

function harness(handler: JobHandler<{ word: string }>, options: { leaseHeld?: boolean } = {}) {
  const calls: string[] = [];
  const events: JobEvent[] = [];
  const settler: JobSettler = {
    complete: async (_name, id) => void calls.push(`complete ${id}`),
    fail: async (_name, id, message) => void calls.push(`fail ${id}: ${message}`),
  };
  const context: BatchContext = {
    definition: echo,
    handler: handler as JobHandler<unknown>,
    settler,
    running: new Set(),
    confirmLease: async ({ id }) => {
      calls.push(`confirm ${id}`);
      return options.leaseHeld ?? true;
    },
    emit: (event) => events.push(event),
  };
  return { run: createBatchHandler(context), calls, events };
}

describe('a batch of jobs', () => {
  it('settles each job on its own: one failure does not fail its neighbours', async () => {
    const { run, calls, events } = harness(async ({ word }) => {
      if (word === 'bad') throw new Error('no thanks');
    });
    await run([job('a', { word: 'good' }), job('b', { word: 'bad' }, 1)]);

    expect(calls.sort()).toEqual(['complete a', 'confirm a', 'confirm b', 'fail b: no thanks']);
    expect(events.map((e) => [e.id, e.state, e.attempt])).toEqual(
      expect.arrayContaining([
        ['a', 'completed', 1],
        ['b', 'failed', 2],
      ]),
    );
  });

  it('fails a job whose stored payload no longer matches its schema, without running it', async () => {
    let ran = false;
    const { run, calls, events } = harness(async () => {
      ran = true;
    });
    await run([job('a', { word: '' })]);

    expect(ran).toBe(false);
    expect(calls).toEqual([
      'confirm a',
      expect.stringMatching(/^fail a: invalid payload for job "test.echo" \(found in the queue\): word: /),
    ]);
    expect(events[0]).toMatchObject({ state: 'retry' });
  });

  it('records no outcome when the lease was lost while the handler ran (the queue took the job back)', async () => {
    const { run, calls, events } = harness(async () => undefined, { leaseHeld: false });
    await run([job('a', { word: 'good' })]);

    expect(calls).toEqual(['confirm a']);
    expect(events).toEqual([]);
  });
});
