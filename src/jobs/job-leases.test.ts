import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobClaims, LeasedJob } from './job-claims.js';
import type { RunningJob } from './job-execution.js';
import { createLeaseKeeper, type LeaseKeeper } from './job-leases.js';

/** A lease of 60 ms: renewed every 20 ms, lapsed leases looked for every 30 ms. */
const LEASE_SECONDS = 0.06;

function runningJob(id: string): RunningJob & { abandonedWith?: Error } {
  const job: RunningJob & { abandonedWith?: Error } = {
    name: 'test.echo',
    id,
    attempt: 1,
    retryCount: 0,
    renewedAt: performance.now(),
    willRetry: false,
    startedAt: performance.now(),
    abandon(reason) {
      job.abandonedWith = reason;
    },
  };
  return job;
}

let keeper: LeaseKeeper | undefined;
afterEach(async () => {
  await keeper?.stop();
});

function keep(
  claims: Pick<JobClaims, 'renew' | 'lapsed'>,
  running: Set<RunningJob>,
  expire = async () => {},
) {
  keeper = createLeaseKeeper({ leaseSeconds: LEASE_SECONDS, claims, running, expire });
  keeper.start();
  return keeper;
}

describe('job leases', () => {
  it("renews the running jobs' leases while their handlers run, however long", async () => {
    const renewed: string[][] = [];
    const running = new Set<RunningJob>([runningJob('a'), runningJob('b')]);
    keep(
      {
        renew: async (jobs: readonly LeasedJob[]) => {
          renewed.push(jobs.map((j) => j.id));
          return new Set(jobs.map((j) => j.id));
        },
        lapsed: async () => [],
      },
      running,
    );
    await sleep(LEASE_SECONDS * 1000 * 4);

    expect(renewed.length).toBeGreaterThanOrEqual(6);
    expect(renewed.every((ids) => ids.join() === 'a,b')).toBe(true);
    expect(running.size).toBe(2);
  });

  it('stops a job the queue took back (its lease lapsed), and one it cannot renew for a whole lease', async () => {
    const takenBack = runningJob('taken');
    const kept = runningJob('kept');
    const running = new Set<RunningJob>([takenBack, kept]);
    let databaseDown = false;
    keep(
      {
        renew: async (jobs) => {
          if (databaseDown) throw new Error('connection refused');
          return new Set(jobs.map((j) => j.id).filter((id) => id !== 'taken'));
        },
        lapsed: async () => [],
      },
      running,
    );
    await sleep(LEASE_SECONDS * 1000);
    expect(takenBack.abandonedWith?.message).toMatch(/already failed this attempt back to the queue/);
    expect([...running]).toEqual([kept]);

    databaseDown = true;
    await sleep(LEASE_SECONDS * 1000 * 3);
    expect(kept.abandonedWith?.message).toMatch(/lease could not be renewed in time/);
    expect(running.size).toBe(0);
  });

  it('has the queue expire lapsed leases only when there are some', async () => {
    let lapsed: { name: string; id: string }[] = [];
    let expired = 0;
    keep({ renew: async () => new Set(), lapsed: async () => lapsed }, new Set(), async () => {
      expired += 1;
      lapsed = [];
    });
    await sleep(LEASE_SECONDS * 1000 * 2);
    expect(expired).toBe(0);
    lapsed = [{ name: 'test.echo', id: 'dead' }];
    await sleep(LEASE_SECONDS * 1000 * 2);
    expect(expired).toBe(1);
  });
});
