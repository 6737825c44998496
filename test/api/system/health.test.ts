import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { JobRuntime } from '../../../src/jobs/runtime.js';
import { testEngines } from '../../store/engines.js';
import { startTestApp, type TestApp } from '../../support/app.js';

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
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', jobs: 'not running' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 naming the database when it fails', async () => {
    const broken = await startTestApp();
    try {
      await broken.database.close();
      const res = await broken.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'failing', checks: { database: 'failing', jobs: 'not running' } });
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
    expect(ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', jobs: 'ok' } });
    healthy = false;
    const failing = await app.app.inject({ method: 'GET', url: '/healthz' });
    expect(failing.statusCode).toBe(503);
    expect(failing.json()).toEqual({ status: 'failing', checks: { database: 'ok', jobs: 'failing' } });
  });
});

for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  describe('/healthz on PostgreSQL with the real job queue', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ engine: engine.name, jobs: createAppJobRuntime });
    });
    afterAll(() => app.close());

    it('answers 200 with the database and the queue ok', async () => {
      const res = await app.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', jobs: 'ok' } });
      expect(res.statusCode).toBe(200);
    });
  });
}
