import { describe, expect, it } from 'vitest';
import { createHeartbeatMonitor, scheduleHeartbeat } from './heartbeat.js';

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
