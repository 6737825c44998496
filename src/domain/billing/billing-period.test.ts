import { describe, expect, it } from 'vitest';
import { anchorFrom, daysInclusive, periodContaining, sameSchedule } from './billing-period.js';
import { lineAmount, periodFraction, toCents } from './pro-rata.js';

const monthlyOn = (day: number) => anchorFrom('monthly', `2026-01-${String(day).padStart(2, '0')}`);

describe('billing periods', () => {
  it('a monthly period on the 1st is the calendar month, whatever its length', () => {
    expect(periodContaining(monthlyOn(1), '2026-02-14')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
      days: 28,
    });
    expect(periodContaining(monthlyOn(1), '2024-02-29')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
      days: 29,
    });
    expect(periodContaining(monthlyOn(1), '2026-04-30')).toEqual({
      start: '2026-04-01',
      end: '2026-04-30',
      days: 30,
    });
    expect(periodContaining(monthlyOn(1), '2026-12-31')).toEqual({
      start: '2026-12-01',
      end: '2026-12-31',
      days: 31,
    });
  });

  it('a monthly period on the 15th runs to the 14th of the next month, across a year end', () => {
    expect(periodContaining(monthlyOn(15), '2026-12-20')).toEqual({
      start: '2026-12-15',
      end: '2027-01-14',
      days: 31,
    });
    expect(periodContaining(monthlyOn(15), '2027-01-14')).toEqual({
      start: '2026-12-15',
      end: '2027-01-14',
      days: 31,
    });
    expect(periodContaining(monthlyOn(15), '2027-01-15').start).toBe('2027-01-15');
  });

  it('an anchor on the 31st falls on the last day of shorter months', () => {
    const on31 = monthlyOn(31);
    expect(periodContaining(on31, '2026-02-28')).toEqual({
      start: '2026-02-28',
      end: '2026-03-30',
      days: 31,
    });
    expect(periodContaining(on31, '2026-02-27')).toEqual({
      start: '2026-01-31',
      end: '2026-02-27',
      days: 28,
    });
    expect(periodContaining(on31, '2024-02-29')).toEqual({
      start: '2024-02-29',
      end: '2024-03-30',
      days: 31,
    });
    expect(periodContaining(on31, '2026-04-30')).toEqual({
      start: '2026-04-30',
      end: '2026-05-30',
      days: 31,
    });
  });

  it('an annual period counts 366 days when it holds 29 February', () => {
    const annual = anchorFrom('annual', '2023-03-01');
    expect(periodContaining(annual, '2024-01-10')).toEqual({
      start: '2023-03-01',
      end: '2024-02-29',
      days: 366,
    });
    expect(periodContaining(annual, '2024-03-01')).toEqual({
      start: '2024-03-01',
      end: '2025-02-28',
      days: 365,
    });
  });

  it('an annual anchor on 29 February starts on 28 February in common years', () => {
    const leap = anchorFrom('annual', '2024-02-29');
    expect(periodContaining(leap, '2025-06-01')).toEqual({
      start: '2025-02-28',
      end: '2026-02-27',
      days: 365,
    });
    expect(periodContaining(leap, '2028-02-29').start).toBe('2028-02-29');
  });

  it('quarterly and triennial periods count from the anchor month', () => {
    expect(periodContaining(anchorFrom('quarterly', '2026-02-01'), '2026-07-15')).toEqual({
      start: '2026-05-01',
      end: '2026-07-31',
      days: 92,
    });
    expect(periodContaining(anchorFrom('triennial', '2025-06-01'), '2027-01-01')).toEqual({
      start: '2025-06-01',
      end: '2028-05-31',
      days: 1096,
    });
  });

  it('schedules match on cycle and day, and for longer cycles on the month within the cycle', () => {
    expect(sameSchedule(monthlyOn(1), anchorFrom('monthly', '2030-07-01'))).toBe(true);
    expect(sameSchedule(monthlyOn(1), monthlyOn(2))).toBe(false);
    expect(sameSchedule(monthlyOn(1), anchorFrom('annual', '2026-01-01'))).toBe(false);
    expect(sameSchedule(anchorFrom('annual', '2026-04-06'), anchorFrom('annual', '2021-04-06'))).toBe(true);
    expect(sameSchedule(anchorFrom('annual', '2026-04-06'), anchorFrom('annual', '2026-05-06'))).toBe(false);
    expect(sameSchedule(anchorFrom('quarterly', '2026-01-01'), anchorFrom('quarterly', '2026-07-01'))).toBe(
      true,
    );
  });

  it('counts days with both ends included', () => {
    expect(daysInclusive('2026-02-15', '2026-02-28')).toBe(14);
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => periodContaining(monthlyOn(1), '2026-02-30')).toThrow(/no such day/);
    expect(() => periodContaining(monthlyOn(1), '15/02/2026')).toThrow(/not a date/);
  });
});

describe('pro-rata to the day', () => {
  it('half of February is days over the days of that February', () => {
    expect(periodFraction(monthlyOn(1), '2026-02-15', '2026-02-28')).toBeCloseTo(14 / 28, 8);
    expect(periodFraction(monthlyOn(1), '2024-02-15', '2024-02-29')).toBeCloseTo(15 / 29, 8);
    expect(periodFraction(monthlyOn(1), '2026-03-15', '2026-03-31')).toBeCloseTo(17 / 31, 8);
  });

  it('a whole period is 1, and a span over two periods adds each share', () => {
    expect(periodFraction(monthlyOn(1), '2026-04-01', '2026-04-30')).toBe(1);
    expect(periodFraction(monthlyOn(1), '2026-01-20', '2026-02-28')).toBeCloseTo(12 / 31 + 1, 8);
  });

  it('a mid-year purchase on an annual invoice counts days of that (leap) year', () => {
    const annual = anchorFrom('annual', '2024-01-01');
    expect(periodFraction(annual, '2024-07-01', '2024-12-31')).toBeCloseTo(184 / 366, 8);
    expect(periodFraction(annual, '2025-07-01', '2025-12-31')).toBeCloseTo(184 / 365, 8);
  });

  it('amounts round to cents half away from zero, credits negative', () => {
    expect(toCents(1.005)).toBe(1.01);
    expect(toCents(-1.005)).toBe(-1.01);
    // 10 seats at 12.30 for 14 of 28 days.
    expect(lineAmount(10, 12.3, periodFraction(monthlyOn(1), '2026-02-15', '2026-02-28'))).toBe(61.5);
    // 3 seats removed for 17 of 31 days at 20.00: a credit.
    expect(lineAmount(-3, 20, periodFraction(monthlyOn(1), '2026-03-15', '2026-03-31'))).toBe(-32.9);
    expect(lineAmount(5, null, 1)).toBeNull();
  });
});
