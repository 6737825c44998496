import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { QUEUE_SCHEMA } from '../../../src/jobs/index.js';
import { generateSecretKey, redactUrl } from '../../../src/store/index.js';
import { migratedDataDir, testEngines, type TestDatabase } from '../../store/engines.js';

const MAIN = join(import.meta.dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

/** Embedded mode whatever the surrounding environment (CI sets DATABASE_URL). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.ROLLCALL_CONFIG;
  return env;
}

/** One process (no npx/tsx wrapper), so signals reach Rollcall itself. */
function rollcall(args: string[], env = childEnv()): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: 'pipe', env });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

/** The first log entry (logs are JSON lines on stdout) that `matches`. */
function logEntry(
  child: ChildProcessWithoutNullStreams,
  matches: (entry: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (matches(entry)) resolve(entry);
    });
    child.once('exit', (code) =>
      reject(new Error(`rollcall exited (${code}) before logging what was awaited`)),
    );
  });
}

describe('rollcall serve (embedded)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let child: ChildProcessWithoutNullStreams;
  let exit: ReturnType<typeof exited>;
  let url: string;

  beforeAll(async () => {
    database = await migratedDataDir();
    dataDir = (database.target as { dataDir: string }).dataDir;
    child = rollcall(['serve', '--port', '0', '--data-dir', dataDir]);
    exit = exited(child);
    url = String((await logEntry(child, (entry) => typeof entry.url === 'string')).url);
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exit;
    await database.dispose();
  });

  it('logs its URL and answers /healthz with the database, the job queue and its heartbeat ok', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = async () => {
      const res = await fetch(`${url}/healthz`);
      return { status: res.status, body: (await res.json()) as { checks: { heartbeat: string } } };
    };
    let res = await health();
    // The first ping is enqueued as the workers start; it runs within moments.
    for (let tries = 0; res.body.checks.heartbeat === 'waiting' && tries < 100; tries++) {
      await sleep(100);
      res = await health();
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: 'ok', jobs: 'ok', heartbeat: 'ok' } });
  });

  it('refuses a second process on the same data folder, saying who holds it', async () => {
    const { code, stderr } = await exited(rollcall(['serve', '--port', '0', '--data-dir', dataDir]));
    expect(code).toBe(1);
    expect(stderr).toContain(
      `rollcall serve: cannot start: data folder ${dataDir} is in use by another Rollcall process (pid ${child.pid}`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});

describe.concurrent('rollcall serve and worker refusing to start', () => {
  it('names a wrong setting and its fix', async () => {
    const { code, stderr } = await exited(rollcall(['serve'], childEnv({ ROLLCALL_PORT: 'abc' })));
    expect(code).toBe(1);
    expect(stderr).toContain(
      'ROLLCALL_PORT=abc: expected a port number 0–65535 (0 picks a free port), e.g. ROLLCALL_PORT=3000',
    );
  });

  it('worker explains that it needs PostgreSQL', async () => {
    const { code, stderr } = await exited(rollcall(['worker']));
    expect(code).toBe(1);
    expect(stderr).toContain('rollcall worker: needs PostgreSQL');
    expect(stderr).toContain('DATABASE_URL');
  });
});

for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  describe('rollcall worker (PostgreSQL)', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await engine.create();
    });
    afterAll(() => database.dispose());

    it('migrates, runs the job queue and its heartbeat until SIGTERM, then stops cleanly', async () => {
      const url = (database.target as { url: string }).url;
      const child = rollcall(['worker'], {
        ...childEnv(),
        DATABASE_URL: url,
        ROLLCALL_SECRET_KEY: generateSecretKey(),
      });
      const exit = exited(child);
      const running = await logEntry(child, (entry) => entry.msg === 'Rollcall worker is running');
      expect(running.database).toBe(redactUrl(url));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // The worker's heartbeat: a ping it enqueued and ran itself.
        const pings = async () =>
          (
            await client.query<{ n: number }>(
              `select count(*)::int as n from ${QUEUE_SCHEMA}.job where name = 'system.ping' and state = 'completed'`,
            )
          ).rows[0]?.n ?? 0;
        for (let tries = 0; (await pings()) === 0 && tries < 100; tries++) await sleep(100);
        expect(await pings()).toBeGreaterThan(0);
        child.kill('SIGTERM');
        expect((await exit).code).toBe(0);

        const { rows } = await client.query<{ migrated: string | null; queue: string | null }>(
          `select to_regclass('public.accounts')::text as migrated, to_regnamespace($1)::text as queue`,
          [QUEUE_SCHEMA],
        );
        expect(rows[0]).toEqual({ migrated: 'accounts', queue: QUEUE_SCHEMA });
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await client.end();
      }
    });
  });
}
