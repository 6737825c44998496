import { describe, expect, it } from 'vitest';
import type { FieldFilter, FilterCriterion } from '../../contracts/entra/index.js';
import { criterionHolds, evaluateFieldFilter } from './field-filter.js';
import { dirUser } from './testing/fixtures.js';

const user = dirUser('ada', {
  displayName: 'Zoë Ångström',
  fields: { department: '  Sales EMEA ', city: null, jobTitle: '' },
});
const c = (entraField: string, operator: FilterCriterion['operator'], value = ''): FilterCriterion => ({
  entraField,
  operator,
  value,
});

describe('criterionHolds', () => {
  it.each([
    ['equals', 'sales emea', true],
    ['equals', 'Sales', false],
    ['notEquals', 'Sales', true],
    ['notEquals', ' SALES EMEA', false],
    ['startsWith', 'SALES', true],
    ['startsWith', 'emea', false],
    ['endsWith', 'emea ', true],
    ['contains', 'es em', true],
    ['contains', 'apac', false],
  ] as const)('%s "%s" on "  Sales EMEA " is %s (case and spaces ignored)', (operator, value, expected) => {
    expect(criterionHolds(c('department', operator, value), user)).toBe(expected);
  });

  it('treats null, empty and missing values as blank for isEmpty / isNotEmpty', () => {
    for (const field of ['city', 'jobTitle', 'neverRead']) {
      expect(criterionHolds(c(field, 'isEmpty'), user)).toBe(true);
      expect(criterionHolds(c(field, 'isNotEmpty'), user)).toBe(false);
    }
    expect(criterionHolds(c('department', 'isNotEmpty'), user)).toBe(true);
  });

  it('a blank value never starts with, ends with or contains anything, but does not equal a value', () => {
    expect(criterionHolds(c('city', 'startsWith', 'a'), user)).toBe(false);
    expect(criterionHolds(c('city', 'contains', 'a'), user)).toBe(false);
    expect(criterionHolds(c('city', 'notEquals', 'London'), user)).toBe(true);
  });

  it('compares accented text in NFC, ignoring case but not accents', () => {
    const decomposed = 'zoe\u0308 a\u030angstro\u0308m';
    expect(criterionHolds(c('displayName', 'equals', decomposed), user)).toBe(true);
    expect(criterionHolds(c('displayName', 'equals', 'Zoe Angstrom'), user)).toBe(false);
  });

  it('reads the typed properties: userType, accountEnabled and manager', () => {
    const guest = dirUser('g', { userType: 'Guest', accountEnabled: false, managerId: 'boss' });
    expect(criterionHolds(c('userType', 'equals', 'guest'), guest)).toBe(true);
    expect(criterionHolds(c('accountEnabled', 'equals', 'false'), guest)).toBe(true);
    expect(criterionHolds(c('manager', 'equals', 'BOSS'), guest)).toBe(true);
  });
});

describe('evaluateFieldFilter', () => {
  const and = (...criteria: FilterCriterion[]): FieldFilter => ({ combinator: 'and', criteria });
  const or = (...criteria: FilterCriterion[]): FieldFilter => ({ combinator: 'or', criteria });

  it('lets everyone through an empty filter', () => {
    expect(evaluateFieldFilter(and(), user)).toEqual({ passed: true });
    expect(evaluateFieldFilter(or(), user)).toEqual({ passed: true });
  });

  it('and: every criterion; the first failing one is explained with the actual value', () => {
    expect(
      evaluateFieldFilter(and(c('department', 'contains', 'sales'), c('city', 'isEmpty')), user).passed,
    ).toBe(true);
    expect(
      evaluateFieldFilter(and(c('department', 'contains', 'sales'), c('department', 'equals', 'HR')), user),
    ).toEqual({
      passed: false,
      failure: 'field filter not met: department equals "HR", but department is "  Sales EMEA "',
    });
    expect(evaluateFieldFilter(and(c('city', 'isNotEmpty')), user)).toEqual({
      passed: false,
      failure: 'field filter not met: city is not empty, but city is blank',
    });
  });

  it('or: any criterion; failing lists them all', () => {
    expect(evaluateFieldFilter(or(c('department', 'equals', 'HR'), c('city', 'isEmpty')), user).passed).toBe(
      true,
    );
    expect(evaluateFieldFilter(or(c('department', 'equals', 'HR'), c('city', 'isNotEmpty')), user)).toEqual({
      passed: false,
      failure: 'none of the field filter criteria holds (department equals "HR"; city is not empty)',
    });
  });
});
