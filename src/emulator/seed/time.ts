export const DAY_MS = 24 * 3600 * 1000;

const DAYS_PER_ERA = 146_097;
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
const digit = (n: number) => 48 + n;

/**
 * `2026-01-15T09:30:00Z` (Graph timestamps carry no milliseconds). Computed arithmetically
 * (Hinnant's civil-from-days) into one flat string: seeding formats a few hundred thousand of
 * these, and `toISOString().slice() + 'Z'` leaves a rope and a Date behind for each.
 */
export function isoSeconds(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const secs = Math.floor((ms - days * DAY_MS) / 1000);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const z = days + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  return String.fromCharCode(
    digit(Math.floor(y / 1000) % 10),
    digit(Math.floor(y / 100) % 10),
    digit(Math.floor(y / 10) % 10),
    digit(y % 10),
    45,
    digit(Math.floor(mo / 10)),
    digit(mo % 10),
    45,
    digit(Math.floor(d / 10)),
    digit(d % 10),
    84,
    digit(Math.floor(h / 10)),
    digit(h % 10),
    58,
    digit(Math.floor(m / 10)),
    digit(m % 10),
    58,
    digit(Math.floor(s / 10)),
    digit(s % 10),
    90,
  );
}

/** Midnight UTC of the day `ms` falls on, as Graph writes date-only values (`employeeHireDate`). */
export function isoDate(ms: number): string {
  return isoSeconds(Math.floor(ms / DAY_MS) * DAY_MS);
}
