import { describe, expect, it } from 'vitest';
import {
  createHeartbeatMonitor,
  jobCatalogue,
  registerJobHandlers,
  scheduleHeartbeat,
  type JobRuntime,
} from '../../src/jobs/index.js';
import { testEngines } from '../store/engines.js';
import { testCatalogue, type TestCatalogue } from './test-catalogue.js';
import { eventLog, gate, until, useJobDatabase } from './support.js';

// On PostgreSQL the two runtimes have separate pools, as two processes would; on PGlite they share
// the one embedded instance, as two runtimes in one process would.
describe.each(testEngines())('job runtimes sharing one queue on $name', (engine) => {
  const db = useJobDatabase(engine);

  it('share the work between runtimes without running any job twice', async () => {
    const log = eventLog();
    const bothBusy = gate();
    const ranBy = new Map<number, string[]>();
    const busy = new Set<string>();
    const runtimes: JobRuntime<TestCatalogue>[] = [];
    for (const [label, connection] of [
      ['first', db.connection()],
      ['second', db.otherConnection()],
    ] as const) {
      const runtime = db.runtime({
        catalogue: testCatalogue,
        workers: true,
        concurrency: 1,
        batchSize: 4,
        connection,
        onEvent: log.onEvent,
      });
      runtime.work('test.shared', async ({ n, hold }) => {
        ranBy.set(n, [...(ranBy.get(n) ?? []), label]);
        if (!hold) return;
        busy.add(label);
        if (busy.size === 2) bothBusy.open();
        await bothBusy.promise;
      });
      await runtime.start();
      runtimes.push(runtime);
    }
    const [first, second] = runtimes as [JobRuntime<TestCatalogue>, JobRuntime<TestCatalogue>];

    // Two held jobs: each runtime's one poller can hold only one, so the other must take the second.
    await first.enqueue('test.shared', { n: -1, hold: true });
    await until('the first held job to start', () => busy.size === 1);
    await first.enqueue('test.shared', { n: -2, hold: true });
    await log.waitFor('both held jobs to finish', (events) => events.length === 2);
    expect([...busy].sort()).toEqual(['first', 'second']);

    const count = 40;
    await Promise.all(
      Array.from({ length: count }, (_, n) =>
        (n % 2 ? first : second).enqueue('test.shared', { n, hold: false }),
      ),
    );
    await log.waitFor(`${count} more jobs to finish`, (events) => events.length === count + 2);
    await Promise.all(runtimes.map((runtime) => runtime.stop()));

    expect(log.events.every((e) => e.state === 'completed')).toBe(true);
    expect(ranBy.size).toBe(count + 2);
    expect([...ranBy.values()].filter((labels) => labels.length !== 1)).toEqual([]);
  });

  it('runs handlers only where workers are enabled: an API-only runtime just enqueues', async () => {
    const log = eventLog();
    const ranIn: string[] = [];
    const api = db.runtime({
      catalogue: testCatalogue,
      workers: false,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    const worker = db.runtime({
      catalogue: testCatalogue,
      workers: true,
      concurrency: 1,
      connection: db.otherConnection(),
      onEvent: log.onEvent,
    });
    api.work('test.echo', async () => void ranIn.push('api'));
    worker.work('test.echo', async () => void ranIn.push('worker'));
    await api.start();
    await worker.start();

    const id = await api.enqueue('test.echo', { n: 1, label: 'from the API' });
    await log.waitFor('the job to run', (events) => events.length === 1);

    expect(ranIn).toEqual(['worker']);
    expect(await api.job('test.echo', id)).toMatchObject({ state: 'completed' });
  });

  it('proves workers run with a heartbeat recorded by the system.ping job', async () => {
    const monitor = createHeartbeatMonitor();
    const log = eventLog();
    const runtime = db.runtime({
      catalogue: jobCatalogue,
      workers: true,
      concurrency: 1,
      onEvent: log.onEvent,
    });
    registerJobHandlers(runtime, {
      recordHeartbeat: (beat) => monitor.record(beat),
      purgeExpiredSessions: async () => 0,
      sessionIdleMinutes: 60,
    });
    await runtime.start();
    expect(monitor.lastHeartbeat()).toBeUndefined();

    const at = new Date('2026-01-02T03:04:05.000Z');
    const heartbeat = scheduleHeartbeat({
      enqueuePing: (payload) => runtime.enqueue('system.ping', payload),
      intervalSeconds: 3600,
      now: () => at,
    });
    try {
      await log.waitFor('the ping to run', (events) => events.length === 1);
    } finally {
      heartbeat.stop();
    }

    expect(log.events[0]).toMatchObject({ name: 'system.ping', state: 'completed' });
    expect(monitor.lastHeartbeat()).toMatchObject({ jobId: log.events[0]?.id, enqueuedAt: at });
    expect(monitor.lastHeartbeat()?.ranAt).toBeInstanceOf(Date);
  });
});
