import { describe, expect, it } from 'vitest';
import {
  HR_ENTRA_ATTRIBUTE_LABELS,
  HR_ENTRA_ATTRIBUTES,
  hrEntraAttributeSchema,
  toGraphProfile,
} from './entra-attributes.js';

describe('HR Entra attributes', () => {
  it('label every attribute for the mapping form, and accept only those names', () => {
    expect(Object.keys(HR_ENTRA_ATTRIBUTE_LABELS).sort()).toEqual([...HR_ENTRA_ATTRIBUTES].sort());
    expect(HR_ENTRA_ATTRIBUTE_LABELS['employeeOrgData.costCenter']).toBe('Cost centre');
    expect(hrEntraAttributeSchema.safeParse('employeeOrgData.division').success).toBe(true);
    expect(hrEntraAttributeSchema.safeParse('passwordProfile').success).toBe(false);
  });
});

describe('toGraphProfile', () => {
  it('builds Graph’s body with employeeOrgData nested and a bare hire date at midnight UTC', () => {
    expect(
      toGraphProfile({
        jobTitle: ' Analyst ',
        city: 'Leeds',
        employeeId: 'E-1001',
        employeeHireDate: '2026-01-05',
        'employeeOrgData.costCenter': 'CC-12',
        'employeeOrgData.division': 'Retail',
      }),
    ).toEqual({
      jobTitle: 'Analyst',
      city: 'Leeds',
      employeeId: 'E-1001',
      employeeHireDate: '2026-01-05T00:00:00Z',
      employeeOrgData: { costCenter: 'CC-12', division: 'Retail' },
    });
  });

  it('clears properties given as null or blank and leaves out the ones not given', () => {
    expect(toGraphProfile({ department: null, mobilePhone: '  ', 'employeeOrgData.division': null })).toEqual(
      { department: null, mobilePhone: null, employeeOrgData: { division: null } },
    );
    expect(toGraphProfile({})).toEqual({});
  });

  it('passes a full hire date-time through as it is', () => {
    expect(toGraphProfile({ employeeHireDate: '2026-01-05T09:00:00+01:00' })).toEqual({
      employeeHireDate: '2026-01-05T09:00:00+01:00',
    });
  });
});
