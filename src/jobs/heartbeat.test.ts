import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RollcallJobCatalogue } from './catalogue/index.js';
import { createHeartbeatMonitor, scheduleHeartbeat, withHeartbeat } from './heartbeat.js';
import type { JobRuntime } from './runtime.js';

describe('the heartbeat', () => {
  it('keeps the most recent run, whatever order runs are recorded in', () => {
    const monitor = createHeartbeatMonitor();
    const beat = (jobId: string, ranAt: string) => ({
      jobId,
      enqueuedAt: new Date(0),
      ranAt: new Date(ranAt),
    });
    monitor.record(beat('later', '2026-01-01T00:01:00Z'));
    monitor.record(beat('earlier', '2026-01-01T00:00:00Z'));
    expect(monitor.lastHeartbeat()?.jobId).toBe('later');
  });

  it('enqueues a ping at once, and logs a ping that could not be enqueued', async () => {
    const pings: string[] = [];
    const warnings: string[] = [];
    const noop = () => undefined;
    const logger = {
      debug: noop,
      info: noop,
      error: noop,
      warn: (_fields: object, message: string) => warnings.push(message),
    };
    const heartbeat = scheduleHeartbeat({
      enqueuePing: async ({ at }) => {
        pings.push(at);
        throw new Error('queue down');
      },
      intervalSeconds: 3600,
      now: () => new Date('2026-01-02T03:04:05Z'),
      logger,
    });
    heartbeat.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pings).toEqual(['2026-01-02T03:04:05.000Z']);
    expect(warnings).toEqual(['heartbeat not enqueued']);
  });
});

describe('the heartbeat status', () => {
  const start = new Date('2026-01-01T00:00:00Z').getTime();
  const clock = () => {
    let current = start;
    return { now: () => new Date(current), at: (seconds: number) => void (current = start + seconds * 1000) };
  };
  const beat = (seconds: number) => ({
    jobId: `ping-${seconds}`,
    enqueuedAt: new Date(start + seconds * 1000),
    ranAt: new Date(start + seconds * 1000),
  });

  it('is waiting until the first ping, then ok, then stale after three missed intervals', () => {
    const time = clock();
    const monitor = createHeartbeatMonitor({ intervalSeconds: 30, now: time.now });
    expect(monitor.status()).toEqual({
      state: 'waiting',
      lastRunAt: null,
      ageSeconds: null,
      staleAfterSeconds: 90,
    });
    time.at(1);
    monitor.record(beat(1));
    time.at(91);
    expect(monitor.status()).toEqual({
      state: 'ok',
      lastRunAt: new Date(start + 1000),
      ageSeconds: 90,
      staleAfterSeconds: 90,
    });
    time.at(91.5);
    expect(monitor.status()).toMatchObject({ state: 'stale', ageSeconds: 90.5 });
  });

  it('is stale when no ping has run within three intervals of watching', () => {
    const time = clock();
    const monitor = createHeartbeatMonitor({ intervalSeconds: 30, now: time.now });
    time.at(90);
    expect(monitor.status().state).toBe('waiting');
    time.at(91);
    expect(monitor.status()).toMatchObject({ state: 'stale', lastRunAt: null, ageSeconds: null });
  });
});

describe('a runtime with a heartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings once started and every interval after, and no more once stopped', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const unused = () => {
      throw new Error('not used');
    };
    const runtime: JobRuntime<RollcallJobCatalogue> = {
      start: async () => void calls.push('start'),
      stop: async () => void calls.push('stop'),
      healthy: async () => true,
      enqueue: async (name) => {
        calls.push(name);
        return 'id';
      },
      work: unused,
      job: unused,
      queueSize: unused,
      unfinished: unused,
    };
    const withBeat = withHeartbeat(runtime, { intervalSeconds: 30 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);

    await withBeat.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['start', 'system.ping']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['start', 'system.ping', 'system.ping', 'system.ping']);

    await withBeat.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['start', 'system.ping', 'system.ping', 'system.ping', 'stop']);
  });
});
