import { describe, expect, it } from 'vitest';
import { ticketEligibility } from './ticket-eligibility.js';

const user = { inactive: false, isServiceAccount: false, contractCoverage: null };

describe('ticketEligibility', () => {
  it('allows an active user with compliance off or covered, without remark', () => {
    expect(ticketEligibility(user)).toEqual({ allowed: true, flagged: false, reason: null });
    expect(ticketEligibility({ ...user, contractCoverage: 'covered' })).toEqual({
      allowed: true,
      flagged: false,
      reason: null,
    });
  });

  it('refuses service accounts, whatever their coverage', () => {
    const result = ticketEligibility({ ...user, isServiceAccount: true, contractCoverage: 'covered' });
    expect(result.allowed).toBe(false);
    expect(result.reason).toMatch(/^service account/);
  });

  it('refuses users the contract does not cover when compliance refuses them', () => {
    const result = ticketEligibility({ ...user, contractCoverage: 'refused' });
    expect(result).toMatchObject({ allowed: false, flagged: false });
    expect(result.reason).toMatch(/^not covered by the contract/);
  });

  it('allows but flags users the contract does not cover when compliance flags them', () => {
    const result = ticketEligibility({ ...user, contractCoverage: 'flagged' });
    expect(result).toMatchObject({ allowed: true, flagged: true });
    expect(result.reason).toContain('flagged');
  });

  it('refuses inactive users first', () => {
    const result = ticketEligibility({ ...user, inactive: true, contractCoverage: 'flagged' });
    expect(result).toMatchObject({ allowed: false, flagged: false });
    expect(result.reason).toContain('inactive');
  });
});
