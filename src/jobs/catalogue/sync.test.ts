import { describe, expect, it } from 'vitest';
import { integratorTickJob, syncTenantJob } from './sync.js';

const connectionId = '11111111-1111-4111-8111-111111111111';
const tenantId = '22222222-2222-4222-8222-222222222222';

describe('the sync jobs', () => {
  it('serialise one (connection, tenant, module), whoever triggered the run', () => {
    const key = (trigger: 'scheduled' | 'manual' | 'notification', module: 'users' | 'agents' = 'users') =>
      syncTenantJob.singletonKey?.(syncTenantJob.payload.parse({ connectionId, tenantId, module, trigger }));
    expect(key('scheduled')).toBe(`${connectionId}/${tenantId}/users`);
    expect(key('manual')).toBe(key('notification'));
    expect(key('scheduled', 'agents')).not.toBe(key('scheduled', 'users'));
  });

  it('refuse a module or trigger the integrator does not know, naming the field', () => {
    const wrong = syncTenantJob.payload.safeParse({
      connectionId,
      tenantId,
      module: 'groups',
      trigger: 'cron',
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(['module', 'trigger']);
  });

  it('retry transient failures with backoff and recover a dead worker within minutes', () => {
    expect(syncTenantJob.retryLimit).toBeGreaterThanOrEqual(3);
    expect(syncTenantJob.retryBackoff).toBe(true);
    expect(syncTenantJob.expireInSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it('tick every minute, one tick at a time', () => {
    expect(integratorTickJob.schedule?.cron).toBe('* * * * *');
    expect(integratorTickJob.singletonKey?.({})).toBe(integratorTickJob.singletonKey?.({}));
  });
});
