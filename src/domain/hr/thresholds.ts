import type { HrThresholds } from '../../contracts/hr/source.js';

/**
 * Import thresholds (issue 9): an import that would add or remove more persons than allowed, or
 * touch more than a share of the persons held before, is held until an administrator confirms.
 * Adds, removals and changes all count toward the share; the first import into an empty source
 * has no share to exceed.
 */

export interface ThresholdCheck {
  blocked: boolean;
  /** Each limit exceeded, in words. */
  reasons: string[];
}

const persons = (n: number) => `${n} person${n === 1 ? '' : 's'}`;
const percent = (p: number) => `${Number.isInteger(p) ? p : p.toFixed(1)}%`;

/** Whether an import with these counts must wait for confirmation, and why. */
export function checkThresholds(
  diff: { added: number; removed: number; changed: number },
  previousCount: number,
  thresholds: HrThresholds,
): ThresholdCheck {
  const reasons: string[] = [];
  if (thresholds.maxAdds !== null && diff.added > thresholds.maxAdds)
    reasons.push(`would add ${persons(diff.added)} (limit ${thresholds.maxAdds})`);
  if (thresholds.maxRemoves !== null && diff.removed > thresholds.maxRemoves)
    reasons.push(`would remove ${persons(diff.removed)} (limit ${thresholds.maxRemoves})`);
  if (thresholds.maxChangePercent !== null && previousCount > 0) {
    // Changed persons (movers) are everyday HR traffic; only arrivals and departures count.
    const share = ((diff.added + diff.removed) / previousCount) * 100;
    if (share > thresholds.maxChangePercent)
      reasons.push(
        `would add or remove ${percent(Math.round(share * 10) / 10)} of ${persons(previousCount)} (limit ${percent(thresholds.maxChangePercent)})`,
      );
  }
  return { blocked: reasons.length > 0, reasons };
}
