import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  createJobRuntime,
  type JobCatalogue,
  type JobConnection,
  type JobEvent,
  type JobRuntime,
  type JobRuntimeOptions,
} from '../../src/jobs/index.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/index.js';
import type { TestDatabase, TestEngine } from '../store/engines.js';

/** pg-boss's fastest polling, so suites wait half a second at most for an idle poller. */
export const TEST_POLLING_SECONDS = 0.5;
/** How long a suite waits for something that should happen before failing with a clear message. */
const WAIT_LIMIT_MS = 20_000;

/** A migrated database per engine for one suite, and runtimes over it that are stopped after each case. */
export function useJobDatabase(engine: TestEngine): {
  handle(): DatabaseHandle;
  /** A connection to the suite's database, as the CLI would pass it. */
  connection(): JobConnection;
  /** Another connection to the same database: a second pool on PostgreSQL, the same instance on PGlite. */
  otherConnection(): JobConnection;
  runtime<C extends JobCatalogue>(
    options: Omit<JobRuntimeOptions<C>, 'connection'> & { connection?: JobConnection },
  ): JobRuntime<C>;
} {
  let database: TestDatabase | undefined;
  let opened: DatabaseHandle | undefined;
  const runtimes: JobRuntime<JobCatalogue>[] = [];
  const handle = (): DatabaseHandle => {
    if (!opened) throw new Error('database not open');
    return opened;
  };
  const connection = (): JobConnection => {
    const h = handle();
    return h.kind === 'pglite' ? { kind: 'pglite', pglite: h.pglite } : { kind: 'postgres', pool: h.pool };
  };

  beforeAll(async () => {
    database = await engine.createMigrated();
    opened = await openDatabase(database.target);
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
  });
  afterAll(async () => {
    await opened?.close();
    await database?.dispose();
  });

  return {
    handle,
    connection,
    otherConnection() {
      const target = database?.target;
      return target && 'url' in target
        ? { kind: 'postgres', connectionString: target.url, poolSize: 2 }
        : connection();
    },
    runtime(options) {
      const runtime = createJobRuntime({
        pollingIntervalSeconds: TEST_POLLING_SECONDS,
        ...options,
        connection: options.connection ?? connection(),
      });
      runtimes.push(runtime as unknown as JobRuntime<JobCatalogue>);
      return runtime;
    },
  };
}

/** A promise with its resolver, to hold a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Collects job events; `waitFor` resolves once the wanted events have arrived. */
export function eventLog(): {
  events: JobEvent[];
  onEvent(event: JobEvent): void;
  waitFor(description: string, done: (events: JobEvent[]) => boolean): Promise<void>;
} {
  const events: JobEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    events,
    onEvent(event) {
      events.push(event);
      for (const wake of waiters) wake();
    },
    waitFor: (description, done) => until(description, () => done(events), waiters),
  };
}

/** Resolves when `check()` holds, re-checking when woken (or every 50 ms); rejects after the wait limit. */
export async function until(
  description: string,
  check: () => boolean,
  wakers?: Set<() => void>,
): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${description}`);
    let wake = (): void => undefined;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    wakers?.add(wake);
    await Promise.race([woken, sleep(50)]);
    wakers?.delete(wake);
  }
}
