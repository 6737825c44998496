import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/emulator/clock.js';
import { seedEstate, SeedError } from '../../../src/emulator/seed/index.js';
import { skewedSizes } from '../../../src/emulator/seed/sizes.js';
import { createSeedRandom } from '../../../src/emulator/seed/random.js';
import { createEstate } from '../../../src/emulator/state/estate.js';
import { estateFingerprint } from './estate-fingerprint.js';

const NOW = Date.UTC(2026, 0, 15, 9, 30);
/** Seeding is deterministic relative to "now" (GDAP end dates, sign-ins), so the clock stands still here. */
const frozen: Clock = { now: () => NOW, advance: () => undefined };
const seeded = (opts: Parameters<typeof seedEstate>[1]) => {
  const estate = createEstate(frozen);
  const summary = seedEstate(estate, opts);
  return { estate, summary };
};

describe('seed determinism', () => {
  it('gives the same estate for the same seed and a different one for another seed', () => {
    const a = estateFingerprint(seeded({ seed: 42 }).estate);
    const b = estateFingerprint(seeded({ seed: 42 }).estate);
    const c = estateFingerprint(seeded({ seed: 43 }).estate);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('is deterministic for generated estates too', () => {
    const opts = { seed: 7, tenants: 6, users: 600 };
    expect(estateFingerprint(seeded(opts).estate)).toBe(estateFingerprint(seeded(opts).estate));
  });

  it('adds nothing for the empty preset', () => {
    const { estate } = seeded({ seed: 1, preset: 'empty' });
    expect(estate.tenants.size).toBe(0);
    expect(estate.apps.size).toBe(0);
  });

  it('refuses contradictory options with a SeedError', () => {
    expect(() => seeded({ seed: 1, users: 10 })).toThrow(SeedError);
    expect(() => seeded({ seed: 1, preset: 'demo', tenants: 2 })).toThrow(SeedError);
  });

  it('writes silently: seeding is the starting state, not a change delta rounds report', () => {
    const { estate, summary } = seeded({ seed: 3 });
    for (const id of summary.customerTenantIds) expect(estate.log.since(id, 0)).toHaveLength(0);
  });
});

describe('skewed tenant sizes', () => {
  it('sum exactly to the requested users, many small and a few large', () => {
    for (const [count, total] of [
      [200, 100_000],
      [20, 5_000],
      [7, 1_234],
      [10, 5],
    ] as const) {
      const sizes = skewedSizes(count, total, createSeedRandom(count));
      expect(sizes).toHaveLength(count);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(0);
    }
    const sizes = skewedSizes(200, 100_000, createSeedRandom(1)).sort((a, b) => a - b);
    const median = sizes[100]!;
    expect(median).toBeLessThan(500);
    expect(sizes.at(-1)!).toBeGreaterThan(5 * median);
    expect(sizes[0]!).toBeGreaterThanOrEqual(3);
  });
});
