import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createLogger } from '../../src/api/observability/logger.js';
import { createMetrics } from '../../src/api/observability/metrics.js';
import { serverConfigSchema } from '../../src/contracts/config.js';
import { createHeartbeatMonitor } from '../../src/jobs/index.js';
import { testEngines } from '../store/engines.js';
import { until, useJobDatabase } from './support.js';

describe.each(testEngines())("the app job runtime's heartbeat on $name", (engine) => {
  const db = useJobDatabase(engine);

  const appRuntime = (workers: boolean) => {
    const heartbeat = createHeartbeatMonitor();
    const runtime = createAppJobRuntime({
      database: db.handle(),
      config: serverConfigSchema.parse({}),
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics({ processMetrics: false }),
      workers,
      heartbeat,
    });
    return { runtime, heartbeat };
  };

  it('pings itself as soon as it starts with workers, and the ping is recorded', async () => {
    const { runtime, heartbeat } = appRuntime(true);
    try {
      expect(heartbeat.status().state).toBe('waiting');
      await runtime.start();
      await until('the first ping to run', () => heartbeat.lastHeartbeat() !== undefined);
      expect(heartbeat.status()).toMatchObject({ state: 'ok', staleAfterSeconds: 90 });
      expect(heartbeat.status().ageSeconds).toBeLessThan(5);
    } finally {
      await runtime.stop();
    }
  });

  it('does not ping without workers (another process works the queue)', async () => {
    const { runtime, heartbeat } = appRuntime(false);
    try {
      await runtime.start();
      await sleep(500);
      expect(await runtime.queueSize('system.ping')).toBe(0);
      expect(heartbeat.lastHeartbeat()).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });
});
