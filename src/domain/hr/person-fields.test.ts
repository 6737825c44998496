import { describe, expect, it } from 'vitest';
import { lastEndDate, personFields, primaryContract } from './person-fields.js';
import { person } from './testing/persons.js';

const twoJobs = person({
  contracts: [
    { id: 'a', department: 'Sales', startDate: '2026-01-01', endDate: '2026-06-30' },
    { id: 'b', department: 'Finance', startDate: '2026-08-01', endDate: '2026-12-31' },
  ],
});

describe('primary contract', () => {
  it('is the contract in force, the earliest started when several are', () => {
    const p = person({
      contracts: [
        { id: 'late', startDate: '2026-03-01' },
        { id: 'early', startDate: '2026-01-01' },
      ],
    });
    expect(primaryContract(p, '2026-04-01').id).toBe('early');
    expect(primaryContract(twoJobs, '2026-06-30').id).toBe('a');
  });

  it('before any contract starts, and in a gap, is the next to start', () => {
    expect(primaryContract(twoJobs, '2025-12-01').id).toBe('a');
    expect(primaryContract(twoJobs, '2026-07-15').id).toBe('b');
  });

  it('after all ended, is the one that ended last', () => {
    expect(primaryContract(twoJobs, '2027-02-01').id).toBe('b');
  });
});

describe('person fields', () => {
  it('reads contract fields from the primary contract and custom fields by name', () => {
    const p = person(
      { preferredName: 'Annie', custom: { site: 'LDS' } },
      { costCentre: 'CC1', managerEmployeeId: 'M9' },
    );
    expect(personFields(p, '2026-02-01')).toMatchObject({
      employeeId: 'E1',
      givenName: 'Ann',
      preferredName: 'Annie',
      middleName: null,
      department: 'Sales',
      costCentre: 'CC1',
      managerEmployeeId: 'M9',
      startDate: '2026-01-05',
      endDate: null,
      'custom.site': 'LDS',
    });
    expect(personFields(twoJobs, '2026-09-01').department).toBe('Finance');
  });

  it('startDate is the primary contract’s; endDate the last of all, null while one is open-ended', () => {
    expect(personFields(twoJobs, '2026-09-01')).toMatchObject({
      startDate: '2026-08-01',
      endDate: '2026-12-31',
    });
    const open = person({
      contracts: [
        { id: '1', startDate: '2026-01-01', endDate: '2026-03-31' },
        { id: '2', startDate: '2026-04-01' },
      ],
    });
    expect(lastEndDate(open)).toBeNull();
    expect(personFields(open, '2026-02-01')).toMatchObject({ startDate: '2026-01-01', endDate: null });
  });
});
