import { describe, expect, it } from 'vitest';
import type { GroupUse, TenantGroups } from '../entra/config-problems.js';
import { groupProblemsAcrossTenants, tenantsOfUse } from './config-groups.js';

const A = { tenantId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alpha Ltd' };
const B = { tenantId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Beta GmbH' };
const C = { tenantId: 'cccccccc-0000-4000-8000-000000000003', name: 'Gamma SA' };
const mapped = [A, B, C];
const use = (name: string, tenantIds: string[] = []): GroupUse => ({
  field: 'siteMappings.0.groupName',
  name,
  tenantIds,
});
const read = (entries: [typeof A, TenantGroups][]) => new Map(entries.map(([t, g]) => [t.tenantId, g]));

describe('group names across a partner’s tenants', () => {
  it('applies a filtered use to its mapped tenants only, an unfiltered one to every mapped tenant', () => {
    expect(tenantsOfUse(use('Staff', [B.tenantId.toUpperCase()]), mapped)).toEqual([B]);
    expect(tenantsOfUse(use('Staff'), mapped)).toEqual(mapped);
  });

  it('is an error when no tenant has the group, a warning naming the tenants when some lack it', () => {
    const groups = read([
      [A, { names: ['Staff'] }],
      [B, { names: ['staff'] }],
      [C, { names: ['Stuff'] }],
    ]);
    expect(groupProblemsAcrossTenants([use('Staff')], mapped, groups)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('missing in 1 of 3 tenants (Gamma SA)'),
        suggestions: ['Stuff'],
      }),
    ]);
    expect(groupProblemsAcrossTenants([use('Nobody', [A.tenantId])], mapped, groups)).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('(Alpha Ltd)') }),
    ]);
  });

  it('never makes an error of a tenant it could not read: that tenant is a warning saying why', () => {
    const groups = read([
      [A, { names: [] }],
      [B, { unavailable: 'AADSTS7000229: consent missing' }],
    ]);
    const problems = groupProblemsAcrossTenants([use('Staff', [A.tenantId, B.tenantId])], mapped, groups);
    expect(problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(problems[1]!.message).toBe(
      'the groups of tenant Beta GmbH could not be checked: AADSTS7000229: consent missing',
    );
  });
});
