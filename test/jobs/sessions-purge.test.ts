import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createLogger } from '../../src/api/observability/logger.js';
import { createMetrics } from '../../src/api/observability/metrics.js';
import { serverConfigSchema } from '../../src/contracts/config.js';
import { QUEUE_SCHEMA } from '../../src/jobs/index.js';
import { createAccountRepository, createSessionRepository } from '../../src/store/index.js';
import { testEngines } from '../store/engines.js';
import { useJobDatabase } from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const IDLE_MINUTES = 30;
const WAIT_LIMIT_MS = 20_000;

/** The job's final state, read until it has one. */
async function settled(read: () => Promise<{ state: string } | null>): Promise<string | undefined> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const state = (await read())?.state;
    if (state === 'completed' || state === 'failed' || Date.now() > deadline) return state;
    await sleep(50);
  }
}

describe.each(testEngines())('the sessions.purge job on $name', (engine) => {
  const db = useJobDatabase(engine);

  it('deletes expired and idle sessions, keeps valid ones, and is scheduled every hour', async () => {
    const handle = db.handle();
    const now = new Date('2026-03-02T10:00:00Z');
    const { accountId } = await createAccountRepository(handle.db).createAgentAccount({
      email: `purge-${randomUUID().slice(0, 8)}@example.com`,
      displayName: 'Purge',
      passwordHash: 'unused',
      roleNames: [],
      now,
    });
    const sessions = createSessionRepository(handle.db);
    const session = async (name: string, started: Date, lastSeen: Date, expiresAt: Date) => {
      const id = `${name}-${randomUUID()}`;
      await sessions.create({
        id,
        accountId,
        method: 'password',
        csrfToken: 'csrf',
        now: started,
        expiresAt,
        ipAddress: null,
        userAgent: null,
      });
      await sessions.touch(id, lastSeen);
      return id;
    };
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const valid = await session('valid', ago(HOUR), ago(MINUTE), new Date(now.getTime() + HOUR));
    await session('expired', ago(13 * HOUR), ago(MINUTE), ago(HOUR));
    await session('idle', ago(HOUR), ago((IDLE_MINUTES + 1) * MINUTE), new Date(now.getTime() + HOUR));

    const runtime = createAppJobRuntime({
      database: handle,
      config: serverConfigSchema.parse({ sessions: { idleMinutes: IDLE_MINUTES } }),
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics({ processMetrics: false }),
      workers: true,
      now: () => now,
    });
    try {
      await runtime.start();
      const id = await runtime.enqueue('sessions.purge', {});
      const state = await settled(() => runtime.job('sessions.purge', id));
      expect(state).toBe('completed');
      const left = await handle.db.query.sessions.findMany({
        where: (s, { eq }) => eq(s.accountId, accountId),
      });
      expect(left.map((s) => s.id)).toEqual([valid]);

      const text = `select cron from ${QUEUE_SCHEMA}.schedule where name = 'sessions.purge'`;
      const result =
        handle.kind === 'pglite' ? await handle.pglite.query(text) : await handle.pool.query(text);
      expect(result.rows).toEqual([{ cron: '17 * * * *' }]);
    } finally {
      await runtime.stop();
    }
  });
});
