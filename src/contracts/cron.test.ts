import { describe, expect, it } from 'vitest';
import { cronProblem, nextCronTime, parseCron } from './cron.js';

describe('cron expressions', () => {
  it('accepts five fields with lists, ranges, steps and names', () => {
    for (const expression of [
      '* * * * *',
      '*/15 6-18 * * 1-5',
      '0 0 1,15 JAN-JUN *',
      '5 4 * * sun',
      '0 12 * * 7',
    ]) {
      expect(cronProblem(expression), expression).toBeNull();
    }
  });

  it('says which field is wrong and why', () => {
    expect(cronProblem('0 * * *')).toMatch(/5 fields.*this one has 4/);
    expect(cronProblem('61 * * * *')).toMatch(/minute field has 61; it must be 0–59/);
    expect(cronProblem('0 25 * * *')).toMatch(/hour field has 25/);
    expect(cronProblem('0 0 * FOO *')).toMatch(/month field has "FOO"/);
    expect(cronProblem('*/0 * * * *')).toMatch(/minute field has step "0"/);
    expect(cronProblem('0 0 10-5 * *')).toMatch(/day of month field has range "10-5", which runs backwards/);
    expect(cronProblem('0 0 31 2 *')).toMatch(/never matches/);
  });

  it('finds the next matching minute, either day field matching when both are restricted', () => {
    const fields = parseCron('0 9 13 * FRI');
    // 2026-12-05 is a Saturday: Friday the 11th comes before the 13th.
    expect(nextCronTime(fields, new Date('2026-12-05T10:00:00Z'))).toEqual(new Date('2026-12-11T09:00:00Z'));
    expect(nextCronTime(parseCron('0 0 29 2 *'), new Date('2026-03-01T00:00:00Z'))).toEqual(
      new Date('2028-02-29T00:00:00Z'),
    );
    expect(nextCronTime(parseCron('* * * * *'), new Date('2026-12-05T10:00:59Z'))).toEqual(
      new Date('2026-12-05T10:01:00Z'),
    );
  });
});
