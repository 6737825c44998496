import type { HrPhase } from '../../contracts/hr/lifecycle.js';
import type { HrLifecycleSettings } from '../../contracts/hr/source.js';
import { addDays } from '../billing/billing-period.js';

/**
 * Where a person stands on a day (issue 9; phases documented at HR_PHASES), with the reason in
 * words for the audit ("start date 2027-01-04 minus 3 days"). Dates are `YYYY-MM-DD` in UTC and
 * compare as strings.
 *
 * - active from `startDate − enableDaysBeforeStart` through `endDate` (inclusive);
 * - preboarding from `startDate − createDaysBeforeStart` (null: as soon as known) until active;
 * - left from the day after `endDate`; a person removed from the source is left from the day of
 *   removal when that comes first;
 * - purge from `endDate + deleteAfterDays` (at the earliest the day after `endDate`), when
 *   `deleteAfterDays` is set.
 */

export interface HrPersonDates {
  startDate: string;
  /** The last day worked; null while employment is open-ended. */
  endDate: string | null;
}

export interface HrPhaseOnDay {
  phase: HrPhase;
  reason: string;
}

const minus = (days: number) => (days === 0 ? '' : ` minus ${days} day${days === 1 ? '' : 's'}`);
const plus = (days: number) => (days === 0 ? '' : ` plus ${days} day${days === 1 ? '' : 's'}`);

/** The person's phase on `today`; `removedOn` is the day the source stopped listing them. */
export function lifecyclePhase(
  dates: HrPersonDates,
  settings: Pick<HrLifecycleSettings, 'createDaysBeforeStart' | 'enableDaysBeforeStart' | 'deleteAfterDays'>,
  today: string,
  removedOn: string | null = null,
): HrPhaseOnDay {
  const removedFirst = removedOn !== null && (dates.endDate === null || removedOn <= dates.endDate);
  const lastDay = removedFirst ? addDays(removedOn, -1) : dates.endDate;
  if (lastDay !== null && today > lastDay) {
    const ended = removedFirst ? `removed from source on ${removedOn}` : `end date ${lastDay} passed`;
    const after = settings.deleteAfterDays;
    if (after !== null) {
      const purgeOn = addDays(lastDay, Math.max(after, 1));
      if (today >= purgeOn) {
        const reason = removedFirst
          ? `removed from source on ${removedOn}; last day ${lastDay}${plus(after)}`
          : `end date ${lastDay}${plus(after)}`;
        return { phase: 'purge', reason };
      }
    }
    return { phase: 'left', reason: ended };
  }
  const start = dates.startDate;
  const enable = settings.enableDaysBeforeStart;
  if (today >= addDays(start, -enable))
    return { phase: 'active', reason: `start date ${start}${minus(enable)}` };
  const create = settings.createDaysBeforeStart;
  if (create === null)
    return {
      phase: 'preboarding',
      reason: `start date ${start} known; enabled from ${addDays(start, -enable)}`,
    };
  if (today >= addDays(start, -create))
    return { phase: 'preboarding', reason: `start date ${start}${minus(create)}` };
  return { phase: 'future', reason: `start date ${start}${minus(create)} not reached` };
}
