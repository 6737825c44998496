import { describe, expect, it } from 'vitest';
import { QUEUE_SCHEMA } from '../../src/jobs/index.js';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { useJobDatabase } from './support.js';

const RUNTIMES = 4;
/** The install race is a matter of timing: several rounds on a new schema give it every chance. */
const ROUNDS = 5;

// PostgreSQL only: several processes (here runtimes with pools of their own) starting at once on a
// database whose queue schema does not exist yet, as `rollcall worker`s started together do.
for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  describe('job runtimes starting at once on a new database (PostgreSQL)', () => {
    const db = useJobDatabase(engine);

    it('all start, round after round: installing and creating the same queues at once is never fatal', async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const handle = db.handle();
        if (handle.kind !== 'postgres') throw new Error('expected PostgreSQL');
        await handle.pool.query(`drop schema if exists ${QUEUE_SCHEMA} cascade`);
        const runtimes = Array.from({ length: RUNTIMES }, () =>
          db.runtime({
            catalogue: testCatalogue,
            workers: true,
            concurrency: 1,
            connection: db.otherConnection(),
          }),
        );
        const started = await Promise.allSettled(runtimes.map((runtime) => runtime.start()));
        const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
        expect({ round, failures }).toEqual({ round, failures: [] });
        expect(await Promise.all(runtimes.map((runtime) => runtime.healthy()))).toEqual(
          Array.from({ length: RUNTIMES }, () => true),
        );
        await Promise.all(runtimes.map((runtime) => runtime.stop()));
      }
    });
  });
}
