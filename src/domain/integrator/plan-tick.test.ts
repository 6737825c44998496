import { describe, expect, it } from 'vitest';
import { planTick, type PairState } from './plan-tick.js';

const connectionId = 'c0000000-0000-4000-8000-000000000000';
const now = new Date('2026-12-05T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const tenant = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function state(n: number, overrides: Partial<PairState> = {}): PairState {
  return { tenantId: tenant(n), module: 'users', nextDueAt: minutesAgo(n), quarantined: false, ...overrides };
}

describe('planTick', () => {
  it('queues every due (tenant, module) once, the longest-waiting first', () => {
    const plan = planTick({
      connectionId,
      states: [state(1), state(3), state(2), state(4, { nextDueAt: new Date(now.getTime() + 60_000) })],
      unfinishedKeys: new Set(),
      unfinishedJobs: 0,
      concurrency: 10,
      now,
    });
    expect(plan.enqueue.map((s) => s.tenantId)).toEqual([tenant(3), tenant(2), tenant(1)]);
    expect(plan.waiting).toBe(0);
  });

  it('skips quarantined pairs, pairs never due and keys already queued or running', () => {
    const plan = planTick({
      connectionId,
      states: [state(1, { quarantined: true }), state(2, { nextDueAt: null }), state(3), state(4)],
      unfinishedKeys: new Set([`${connectionId}/${tenant(3)}/users`]),
      unfinishedJobs: 1,
      concurrency: 10,
      now,
    });
    expect(plan.enqueue.map((s) => s.tenantId)).toEqual([tenant(4)]);
  });

  it('fills only the free slots of the connection; the rest wait', () => {
    const plan = planTick({
      connectionId,
      states: [state(1), state(2), state(3), state(4), state(5)],
      unfinishedKeys: new Set([`${connectionId}/${tenant(9)}/users`]),
      unfinishedJobs: 2,
      concurrency: 4,
      now,
    });
    expect(plan.enqueue.map((s) => s.tenantId)).toEqual([tenant(5), tenant(4)]);
    expect(plan.waiting).toBe(3);
    const full = planTick({
      connectionId,
      states: [state(1)],
      unfinishedKeys: new Set(),
      unfinishedJobs: 6,
      concurrency: 4,
      now,
    });
    expect(full).toEqual({ enqueue: [], waiting: 1 });
  });
});
