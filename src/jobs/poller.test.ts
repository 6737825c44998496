import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from './job-claims.js';
import { createPoller, type PollerOptions } from './poller.js';

const HOUR_MS = 3_600_000;

function claimed(...ids: string[]): ClaimedJob[] {
  return ids.map((id) => ({ id, name: 'test.echo', data: {}, retryCount: 0, retryLimit: 0 }));
}

/** A poller over scripted claims; `logged(n)` resolves once `n` things have happened. */
function scripted(batches: ClaimedJob[][], overrides: Partial<PollerOptions> = {}) {
  const log: string[] = [];
  const waiters: { n: number; resolve(): void }[] = [];
  const note = (entry: string): void => {
    log.push(entry);
    for (const waiter of waiters.filter((w) => w.n <= log.length)) waiter.resolve();
  };
  const poller = createPoller({
    batchSize: 2,
    intervalMs: HOUR_MS,
    claim: async () => {
      note('claim');
      return batches.shift() ?? [];
    },
    run: async (jobs) => note(`run ${jobs.map((j) => j.id).join(',')}`),
    release: async (ids) => note(`release ${ids.join(',')}`),
    onError: (error) => note(`error ${String(error)}`),
    ...overrides,
  });
  const logged = (n: number) =>
    new Promise<void>((resolve) => (log.length >= n ? resolve() : waiters.push({ n, resolve })));
  return { poller, log, logged };
}

describe('a poller', () => {
  it('claims again at once after a full batch, and waits after a partial one', async () => {
    const { poller, log, logged } = scripted([claimed('a', 'b'), claimed('c')]);
    poller.start();
    await logged(4);
    await poller.stop();
    expect(log).toEqual(['claim', 'run a,b', 'claim', 'run c']);
  });

  it('wakes up when notified instead of waiting out its interval', async () => {
    const { poller, log, logged } = scripted([[], claimed('a')]);
    poller.start();
    await logged(1);
    poller.notify();
    await logged(3);
    await poller.stop();
    expect(log).toEqual(['claim', 'claim', 'run a']);
  });

  it('gives back, unrun, the jobs a claim returns after stop() was called', async () => {
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { poller, log } = scripted([], {
      claim: async () => {
        await answered;
        return claimed('a', 'b');
      },
    });
    poller.start();
    const stopped = poller.stop();
    answer();
    await stopped;
    expect(log).toEqual(['release a,b']);
  });

  it('reports a failed claim and keeps polling', async () => {
    let calls = 0;
    let claimedAgain = (): void => undefined;
    const again = new Promise<void>((resolve) => (claimedAgain = resolve));
    const { poller, log, logged } = scripted([], {
      claim: async () => {
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        claimedAgain();
        return [];
      },
    });
    poller.start();
    await logged(1);
    poller.notify();
    await again;
    await poller.stop();
    expect(log).toEqual(['error Error: connection reset']);
  });
});
