import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { Health } from '../../../src/contracts/api/system.js';
import type { JobRuntime } from '../../../src/jobs/runtime.js';
import { testEngines } from '../../store/engines.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestClock } from '../auth/auth-fixtures.js';

/** A queue whose health the test decides; everything else is unused by /healthz. */
function fakeJobs(healthy: () => Promise<boolean>): JobRuntime {
  const unused = () => {
    throw new Error('not used by /healthz');
  };
  return {
    start: async () => undefined,
    stop: async () => undefined,
    healthy,
    enqueue: unused,
    work: unused,
    job: unused,
    queueSize: unused,
    unfinished: unused,
  };
}

describe('/healthz', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers 200 with the database ok and no job queue in this process', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', jobs: 'not running', heartbeat: 'not running' },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 naming the database when it fails', async () => {
    const broken = await startTestApp();
    try {
      await broken.database.close();
      const res = await broken.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'failing',
        checks: { database: 'failing', jobs: 'not running', heartbeat: 'not running' },
      });
    } finally {
      await broken.close();
    }
  });
});

describe('/healthz with a job queue', () => {
  let healthy = true;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ jobs: () => fakeJobs(async () => healthy) });
  });
  afterAll(() => app.close());

  it('reports the queue ok while it answers, and 503 naming it when it does not', async () => {
    healthy = true;
    const ok = await app.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', jobs: 'ok' } });
    healthy = false;
    const failing = await app.app.inject({ method: 'GET', url: '/healthz' });
    expect(failing.statusCode).toBe(503);
    expect(failing.json()).toMatchObject({ status: 'failing', checks: { database: 'ok', jobs: 'failing' } });
  });
});

describe.each(testEngines().map((e) => e.name))('/healthz with the real job queue on %s', (engine) => {
  let app: TestApp;
  const clock = createTestClock();
  beforeAll(async () => {
    app = await startTestApp({ engine, jobs: createAppJobRuntime, now: clock.now });
  });
  afterAll(() => app.close());

  const health = async () => {
    const res = await app.app.inject({ method: 'GET', url: '/healthz' });
    return { statusCode: res.statusCode, body: res.json<Health>() };
  };

  it("reports the workers' heartbeat with its age, and 503 once it is stale", async () => {
    await until('the first ping to run', async () => (await health()).body.checks.heartbeat === 'ok');
    const ok = await health();
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'ok',
      checks: { database: 'ok', jobs: 'ok', heartbeat: 'ok' },
      heartbeat: { lastRunAt: clock.now().toISOString(), ageSeconds: 0, staleAfterSeconds: 90 },
    });

    clock.advance(90_000);
    expect((await health()).body.checks.heartbeat).toBe('ok');
    clock.advance(1000);
    const stale = await health();
    expect(stale.statusCode).toBe(503);
    expect(stale.body).toMatchObject({
      status: 'failing',
      checks: { database: 'ok', jobs: 'ok', heartbeat: 'stale' },
      heartbeat: { ageSeconds: 91 },
    });
  });
});

for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  describe('/healthz on PostgreSQL in a process without workers', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        engine: engine.name,
        config: { workers: { inProcess: false } },
        jobs: createAppJobRuntime,
      });
    });
    afterAll(() => app.close());

    it('answers 200 with the queue ok and no heartbeat of its own, however idle the queue', async () => {
      const res = await app.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', jobs: 'ok', heartbeat: 'not running' },
      });
      expect(res.statusCode).toBe(200);
    });
  });
}

/** Resolves once `check()` holds; fails after 20 s. */
async function until(description: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${description}`);
    await sleep(50);
  }
}
