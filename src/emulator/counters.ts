import type { Service } from './http/types.js';

export interface CounterRow {
  service: Service;
  route: string;
  method: string;
  tenantId: string | null;
  count: number;
}

/** Requests per service, route, method and tenant: tests and benchmarks assert on these. */
export interface Counters {
  increment(row: Omit<CounterRow, 'count'>): void;
  list(filter?: Partial<Omit<CounterRow, 'count'>>): CounterRow[];
  /** Sum of `count` over the rows matching the filter. */
  total(filter?: Partial<Omit<CounterRow, 'count'>>): number;
  reset(): void;
}

export function createCounters(): Counters {
  const rows = new Map<string, CounterRow>();
  const matches = (row: CounterRow, f: Partial<Omit<CounterRow, 'count'>>) =>
    (f.service === undefined || f.service === row.service) &&
    (f.route === undefined || f.route === row.route) &&
    (f.method === undefined || f.method === row.method) &&
    (f.tenantId === undefined || f.tenantId === row.tenantId);
  return {
    increment(r) {
      const key = `${r.service}\u0000${r.route}\u0000${r.method}\u0000${r.tenantId ?? ''}`;
      const row = rows.get(key);
      if (row) row.count += 1;
      else rows.set(key, { ...r, count: 1 });
    },
    list: (f = {}) => [...rows.values()].filter((r) => matches(r, f)).map((r) => ({ ...r })),
    total: (f = {}) => [...rows.values()].filter((r) => matches(r, f)).reduce((n, r) => n + r.count, 0),
    reset: () => rows.clear(),
  };
}
