import { describe, expect, it } from 'vitest';
import type { PricingPorts, PriceRow } from './ports.js';
import { runPricingImport } from './run-pricing.js';

const DAY_MS = 24 * 3600 * 1000;
const NOW = new Date('2026-12-06T10:00:00Z');
const row: PriceRow = {
  productId: 'CFQ7TTC0LCHC',
  skuId: '0002',
  productTitle: 'Microsoft 365 Business Premium',
  skuTitle: 'Microsoft 365 Business Premium',
  termDuration: 'P1Y',
  billingPlan: 'Monthly',
  currency: 'GBP',
  unitCost: 15.71,
  unitPrice: 18.48,
  effectiveStart: null,
  effectiveEnd: null,
};

function ports(lastImportedAt: Date | null, read: () => Promise<PriceRow[]> = async () => [row]) {
  const finished: {
    status: string;
    counts: Record<string, number>;
    modeReason?: string;
    warnings?: string[];
  }[] = [];
  let reads = 0;
  const applied: PriceRow[][] = [];
  const p: PricingPorts = {
    market: 'GB',
    source: {
      read: async () => {
        reads += 1;
        return { rows: await read(), rejected: 0 };
      },
      requestCount: () => reads,
    },
    lastImportedAt: async () => lastImportedAt,
    runs: {
      interruptStale: async () => 0,
      start: async () => 'run-1',
      finish: async (_id, result) => void finished.push(result),
    },
    apply: async (_id, rows) => {
      applied.push(rows);
      return { priced: 3, unmatched: 1 };
    },
  };
  return { p, finished, applied, reads: () => reads };
}

const explain = (error: unknown) => ({ code: 'boom', message: String(error), transient: true });

describe('runPricingImport', () => {
  it('skips a scheduled run within a week of the last import, naming the next due date, without reading', async () => {
    const world = ports(new Date(NOW.getTime() - 2 * DAY_MS));
    const result = await runPricingImport(world.p, { trigger: 'scheduled', force: false, now: NOW, explain });
    expect(result).toMatchObject({ status: 'skipped', nextDueAt: '2026-12-11T10:00:00.000Z' });
    expect(world.reads()).toBe(0);
    expect(world.finished).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        counts: { 'pricing.skipped': 1 },
        modeReason: 'pricing.notDue',
        warnings: [expect.stringContaining('the next import is due on 2026-12-11')],
      }),
    ]);
  });

  it('imports when forced ("Run now"), when a week has passed, and before the first import', async () => {
    for (const [last, force] of [
      [new Date(NOW.getTime() - DAY_MS), true],
      [new Date(NOW.getTime() - 7 * DAY_MS), false],
      [null, false],
    ] as const) {
      const world = ports(last);
      const result = await runPricingImport(world.p, { trigger: 'scheduled', force, now: NOW, explain });
      expect(result).toMatchObject({
        status: 'succeeded',
        counts: { 'pricing.imported': 1, 'pricing.priced': 3, 'pricing.unmatched': 1 },
        nextDueAt: '2026-12-13T10:00:00.000Z',
      });
      expect(world.applied).toEqual([[row]]);
    }
  });

  it('records a failed read with its code and writes nothing', async () => {
    const world = ports(null, async () => {
      throw new Error('throttled');
    });
    const result = await runPricingImport(world.p, { trigger: 'manual', force: true, now: NOW, explain });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'boom' }, transient: true });
    expect(world.applied).toEqual([]);
    expect(world.finished).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});
