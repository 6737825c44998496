import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCatalogue, defineJob } from './catalogue.js';
import { jobCatalogue } from './catalogue/index.js';

const policy = {
  summary: 'A job.',
  payload: z.object({}),
  retryLimit: 1,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 60,
};

describe('the job catalogue', () => {
  it('refuses a misdeclared job, naming what is wrong', () => {
    expect(() => defineJob({ ...policy, name: 'NoFamily' })).toThrow(
      /job "NoFamily" is misdeclared.*family\.job-name/s,
    );
    expect(() => defineJob({ ...policy, name: 'sync.users', expireInSeconds: 0 })).toThrow(/expireInSeconds/);
    expect(() => defineJob({ ...policy, name: 'sync.users', retryLimit: -1 })).toThrow(/retryLimit/);
    expect(() => defineJob({ ...policy, name: 'sync.users', schedule: { cron: 'hourly' } })).toThrow(
      /cron expression of 5 or 6 fields.*schedule\.cron/s,
    );
    const payload = z.object({ tenantId: z.string() });
    expect(() =>
      defineJob({ ...policy, name: 'sync.users', payload, schedule: { cron: '0 * * * *' } }),
    ).toThrow(/job "sync.users" is misdeclared: its schedule's payload is invalid.*tenantId/s);
  });

  it('refuses two jobs with one name', () => {
    const job = defineJob({ ...policy, name: 'sync.users' });
    expect(() => defineCatalogue([job, job])).toThrow(/"sync.users" is declared twice/);
  });

  it("holds Rollcall's jobs by name, with payload schemas that check their input", () => {
    expect(Object.keys(jobCatalogue)).toEqual([
      'system.ping',
      'sessions.purge',
      'sync.tenant',
      'sync.integrator-tick',
      'notifications.maintain',
      'notifications.changed',
      'licence-insight.report',
      'licences.send-changes',
      'licences.sweep-changes',
      'subscriptions.send-quantity',
      'subscriptions.sweep-quantity',
      'subscriptions.refresh',
      'billing.reconcile',
      'requests.run',
      'requests.sweep',
      'requests.notify',
      'hr.enforce',
      'hr.sweep',
    ]);
    const ping = jobCatalogue['system.ping'];
    expect(ping.payload.safeParse({ at: '2026-01-02T03:04:05Z' }).success).toBe(true);
    expect(ping.payload.safeParse({ at: 'yesterday' }).success).toBe(false);
  });

  it('sends licence changes in jobs of at most 1,000, and sweeps up waiting ones every minute', () => {
    const send = jobCatalogue['licences.send-changes'].payload;
    const id = '8a4f0b1e-0c3c-4d8e-9d6a-2f1b3c4d5e6f';
    expect(send.safeParse({ actionIds: [id] }).success).toBe(true);
    expect(send.safeParse({ actionIds: [] }).success).toBe(false);
    expect(send.safeParse({ actionIds: Array.from({ length: 1001 }, () => id) }).success).toBe(false);
    expect(jobCatalogue['licences.sweep-changes'].schedule).toEqual({ cron: '* * * * *' });
  });

  it('purges ended sessions every hour, with a payload its schema accepts', () => {
    const purge = jobCatalogue['sessions.purge'];
    expect(purge.schedule).toEqual({ cron: '17 * * * *' });
    expect(purge.payload.safeParse(purge.schedule?.payload ?? {}).success).toBe(true);
  });
});
