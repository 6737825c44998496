import { describe, expect, it } from 'vitest';
import { testEngines } from '../store/engines.js';
import { testCatalogue } from './test-catalogue.js';
import { useJobDatabase } from './support.js';

// PostgreSQL only: several processes (here runtimes with pools of their own) starting at once on a
// database whose queue schema does not exist yet, as `rollcall worker`s started together do.
for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  describe('job runtimes starting at once on a new database (PostgreSQL)', () => {
    const db = useJobDatabase(engine);

    it('all start: creating the same queues at once is retried, not fatal', async () => {
      const runtimes = Array.from({ length: 4 }, () =>
        db.runtime({
          catalogue: testCatalogue,
          workers: true,
          concurrency: 1,
          connection: db.otherConnection(),
        }),
      );
      const started = await Promise.allSettled(runtimes.map((runtime) => runtime.start()));
      expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      expect(await Promise.all(runtimes.map((runtime) => runtime.healthy()))).toEqual([
        true,
        true,
        true,
        true,
      ]);
    });
  });
}
