import { describe, expect, it } from 'vitest';
import { hrThresholdsSchema } from '../../contracts/hr/source.js';
import { checkThresholds } from './thresholds.js';

const defaults = hrThresholdsSchema.parse({});

describe('import thresholds', () => {
  it('blocks too many removals, naming the count and the limit', () => {
    expect(checkThresholds({ added: 0, removed: 120, changed: 0 }, 5000, defaults)).toEqual({
      blocked: true,
      reasons: ['would remove 120 persons (limit 50)'],
    });
  });

  it('blocks too many adds when a limit is set', () => {
    const limits = hrThresholdsSchema.parse({ maxAdds: 10, maxChangePercent: null });
    expect(checkThresholds({ added: 11, removed: 0, changed: 0 }, 100, limits).reasons).toEqual([
      'would add 11 persons (limit 10)',
    ]);
    expect(checkThresholds({ added: 10, removed: 0, changed: 0 }, 100, limits).blocked).toBe(false);
  });

  it('counts adds and removals, not changes, toward the percentage of the previous persons', () => {
    expect(checkThresholds({ added: 40, removed: 30, changed: 70 }, 400, defaults).reasons).toEqual([
      'would add or remove 17.5% of 400 persons (limit 10%)',
    ]);
    expect(checkThresholds({ added: 1, removed: 41, changed: 0 }, 400, defaults).reasons).toEqual([
      'would add or remove 10.5% of 400 persons (limit 10%)',
    ]);
    expect(checkThresholds({ added: 20, removed: 0, changed: 300 }, 400, defaults)).toEqual({
      blocked: false,
      reasons: [],
    });
  });

  it('never blocks the first import into an empty source by percentage', () => {
    expect(checkThresholds({ added: 20_000, removed: 0, changed: 0 }, 0, defaults)).toEqual({
      blocked: false,
      reasons: [],
    });
  });

  it('lists every limit exceeded', () => {
    const limits = hrThresholdsSchema.parse({ maxAdds: 0, maxRemoves: 0, maxChangePercent: 1 });
    expect(checkThresholds({ added: 1, removed: 1, changed: 0 }, 1, limits).reasons).toEqual([
      'would add 1 person (limit 0)',
      'would remove 1 person (limit 0)',
      'would add or remove 200% of 1 person (limit 1%)',
    ]);
  });
});
