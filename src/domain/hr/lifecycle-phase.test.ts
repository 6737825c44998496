import { describe, expect, it } from 'vitest';
import { lifecyclePhase } from './lifecycle-phase.js';

const settings = { createDaysBeforeStart: 14, enableDaysBeforeStart: 3, deleteAfterDays: 30 };
const dates = { startDate: '2027-01-04', endDate: '2027-06-30' };

describe('lifecycle phase', () => {
  it('is future before the create window, with the day it opens', () => {
    expect(lifecyclePhase(dates, settings, '2026-12-20')).toEqual({
      phase: 'future',
      reason: 'start date 2027-01-04 minus 14 days not reached',
    });
  });

  it('is preboarding from the create window until the enable day', () => {
    expect(lifecyclePhase(dates, settings, '2026-12-21')).toEqual({
      phase: 'preboarding',
      reason: 'start date 2027-01-04 minus 14 days',
    });
    expect(lifecyclePhase(dates, settings, '2026-12-31').phase).toBe('preboarding');
  });

  it('is preboarding as soon as known when there is no create window', () => {
    expect(lifecyclePhase(dates, { ...settings, createDaysBeforeStart: null }, '2026-01-01').phase).toBe(
      'preboarding',
    );
  });

  it('is active from the enable day through the end date inclusive', () => {
    expect(lifecyclePhase(dates, settings, '2027-01-01')).toEqual({
      phase: 'active',
      reason: 'start date 2027-01-04 minus 3 days',
    });
    expect(lifecyclePhase(dates, settings, '2027-06-30').phase).toBe('active');
    expect(lifecyclePhase({ startDate: '2027-01-04', endDate: null }, settings, '2030-01-01').phase).toBe(
      'active',
    );
    expect(lifecyclePhase(dates, { ...settings, enableDaysBeforeStart: 0 }, '2027-01-04').reason).toBe(
      'start date 2027-01-04',
    );
  });

  it('is left the day after the end date, and purge deleteAfterDays after it', () => {
    expect(lifecyclePhase(dates, settings, '2027-07-01')).toEqual({
      phase: 'left',
      reason: 'end date 2027-06-30 passed',
    });
    expect(lifecyclePhase(dates, settings, '2027-07-29').phase).toBe('left');
    expect(lifecyclePhase(dates, settings, '2027-07-30')).toEqual({
      phase: 'purge',
      reason: 'end date 2027-06-30 plus 30 days',
    });
  });

  it('never purges without deleteAfterDays, and purges the day after the end with 0', () => {
    expect(lifecyclePhase(dates, { ...settings, deleteAfterDays: null }, '2040-01-01').phase).toBe('left');
    expect(lifecyclePhase(dates, { ...settings, deleteAfterDays: 0 }, '2027-06-30').phase).toBe('active');
    expect(lifecyclePhase(dates, { ...settings, deleteAfterDays: 0 }, '2027-07-01').phase).toBe('purge');
  });

  it('treats a person removed from the source as left from the day of removal', () => {
    expect(lifecyclePhase(dates, settings, '2027-03-01', '2027-03-01')).toEqual({
      phase: 'left',
      reason: 'removed from source on 2027-03-01',
    });
    expect(lifecyclePhase(dates, settings, '2027-03-30', '2027-03-01')).toEqual({
      phase: 'purge',
      reason: 'removed from source on 2027-03-01; last day 2027-02-28 plus 30 days',
    });
    // Removed after the end date: the end date decides.
    expect(lifecyclePhase(dates, settings, '2027-07-10', '2027-07-05').reason).toBe(
      'end date 2027-06-30 passed',
    );
  });
});
