import { describe, expect, it } from 'vitest';
import { canonicalJson, planCounts, planRecords, writesAnything, type StoredRecord } from './plan-records.js';

interface Row {
  key: string;
  seats: number;
  details?: Record<string, unknown>;
}
const key = (row: Row) => row.key;
const stored = (id: string, value: Row, extra: Partial<StoredRecord<Row>> = {}): StoredRecord<Row> => ({
  id,
  customerId: 'c1',
  removed: false,
  value,
  ...extra,
});

describe('planRecords', () => {
  it('inserts new rows, updates changed ones, removes missing ones and leaves equal ones alone', () => {
    const plan = planRecords(
      [
        { key: 'a', seats: 1 },
        { key: 'b', seats: 5 },
        { key: 'd', seats: 2 },
      ],
      [
        stored('1', { key: 'a', seats: 1 }),
        stored('2', { key: 'b', seats: 4 }),
        stored('3', { key: 'c', seats: 9 }),
      ],
      key,
      'c1',
    );
    expect(plan.inserts).toEqual([{ key: 'd', seats: 2 }]);
    expect(plan.updates).toEqual([
      { id: '2', value: { key: 'b', seats: 5 }, changed: ['seats'], restored: false },
    ]);
    expect(plan.removals).toEqual([{ id: '3', value: { key: 'c', seats: 9 } }]);
    expect(planCounts(plan)).toEqual({ created: 1, updated: 1, removed: 1, unchanged: 1 });
  });

  it('plans nothing when the desk already matches, whatever the key order of nested objects', () => {
    const plan = planRecords(
      [{ key: 'a', seats: 1, details: { x: 1, y: [1, 2] } }],
      [stored('1', { key: 'a', seats: 1, details: { y: [1, 2], x: 1 } })],
      key,
      'c1',
    );
    expect(writesAnything(plan)).toBe(false);
    expect(plan.unchanged).toBe(1);
  });

  it('restores a removed row that comes back, and does not remove it twice', () => {
    const back = planRecords(
      [{ key: 'a', seats: 1 }],
      [stored('1', { key: 'a', seats: 1 }, { removed: true })],
      key,
      'c1',
    );
    expect(back.updates).toEqual([{ id: '1', value: { key: 'a', seats: 1 }, changed: [], restored: true }]);
    const still = planRecords([], [stored('1', { key: 'a', seats: 1 }, { removed: true })], key, 'c1');
    expect(writesAnything(still)).toBe(false);
  });

  it('moves rows to the customer the tenant now maps to', () => {
    const plan = planRecords([{ key: 'a', seats: 1 }], [stored('1', { key: 'a', seats: 1 })], key, 'c2');
    expect(plan.updates[0]?.changed).toEqual(['customerId']);
  });

  it('keeps the first of a key Microsoft returns twice', () => {
    const plan = planRecords(
      [
        { key: 'a', seats: 1 },
        { key: 'a', seats: 7 },
      ],
      [],
      key,
      'c1',
    );
    expect(plan.inserts).toEqual([{ key: 'a', seats: 1 }]);
  });

  it('canonical JSON ignores key order only', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: 1 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
