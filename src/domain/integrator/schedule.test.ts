import { describe, expect, it } from 'vitest';
import { integratorConfigSchema } from '../../contracts/api/integrator.js';
import { modulesForTenant, nextDueAt, scheduledPairs, type IntegratorScope } from './schedule.js';

const a = 'aaaaaaaa-0000-4000-8000-000000000000';
const b = 'bbbbbbbb-0000-4000-8000-000000000000';
const partner = 'cccccccc-0000-4000-8000-000000000000';
/** An Entra connection reaching two tenants (a shape the scope allows; one tenant is usual). */
const entra: IntegratorScope = { kind: 'entra', homeTenantId: a, tenantIds: [a, b] };

describe('integrator schedule', () => {
  it('is due an interval after the last run, or at the next cron time (UTC)', () => {
    const at = new Date('2026-12-05T10:17:30Z');
    expect(nextDueAt({ kind: 'interval', minutes: 30 }, at)).toEqual(new Date('2026-12-05T10:47:30Z'));
    expect(nextDueAt({ kind: 'cron', expression: '0 */6 * * *' }, at)).toEqual(
      new Date('2026-12-05T12:00:00Z'),
    );
    // 5 December 2026 is a Saturday: the next weekday is Monday the 7th.
    expect(nextDueAt({ kind: 'cron', expression: '30 7 * * MON-FRI' }, at)).toEqual(
      new Date('2026-12-07T07:30:00Z'),
    );
  });

  it("runs the connection's modules for every tenant, or what a tenant's override says", () => {
    const config = integratorConfigSchema.parse({
      enabled: true,
      modules: ['agents', 'users'],
      tenantOverrides: [{ tenantId: b.toUpperCase(), enabled: true, modules: ['agents'] }],
    });
    expect(scheduledPairs(config, entra)).toEqual([
      { tenantId: a, module: 'users' },
      { tenantId: a, module: 'agents' },
      { tenantId: b, module: 'agents' },
    ]);
    expect(scheduledPairs({ ...config, enabled: false }, entra)).toEqual([]);
  });

  it('leaves a disabled override out of the schedule, but not out of "Run now"', () => {
    const config = integratorConfigSchema.parse({
      enabled: true,
      tenantOverrides: [{ tenantId: b, enabled: false, modules: ['agents'] }],
    });
    expect(scheduledPairs(config, entra)).toEqual([{ tenantId: a, module: 'users' }]);
    expect(modulesForTenant(config, entra, b, { forSchedule: false })).toEqual(['agents']);
  });

  it("runs a CSP partner's tenants module once under the partner tenant, and licences and users per customer tenant", () => {
    const csp: IntegratorScope = { kind: 'csp', homeTenantId: partner, tenantIds: [a, b] };
    const config = integratorConfigSchema.parse({
      enabled: true,
      modules: ['users', 'tenants', 'licences', 'agents'],
      tenantOverrides: [{ tenantId: b, enabled: true, modules: ['licences'] }],
    });
    // Agents are not a CSP module; tenants never run per customer; b runs what its override says.
    expect(scheduledPairs(config, csp)).toEqual([
      { tenantId: partner, module: 'tenants' },
      { tenantId: a, module: 'licences' },
      { tenantId: a, module: 'users' },
      { tenantId: b, module: 'licences' },
    ]);
    // An Entra connection never runs tenants, whatever the configuration lists; its licences come
    // from Graph.
    expect(scheduledPairs(config, { kind: 'entra', homeTenantId: a, tenantIds: [a] })).toEqual([
      { tenantId: a, module: 'licences' },
      { tenantId: a, module: 'users' },
      { tenantId: a, module: 'agents' },
    ]);
  });
});
