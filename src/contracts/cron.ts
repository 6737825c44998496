/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), as the
 * integrator's schedule accepts them: numbers, `*`, ranges `a-b`, steps (`*` or a range, then
 * `/n`), lists `a,b`, month names `JAN`–`DEC` and day names `SUN`–`SAT` (0 and 7 are Sunday). Parsed here so
 * the server and the console refuse the same expressions with the same words.
 */

/** The values each field allows, in order. */
export interface CronFields {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Whether the day-of-month field was `*` (cron matches either day field when both are restricted). */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES },
];

/** Why an expression was refused. */
export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

function valueOf(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return spec.names === MONTH_NAMES ? named + 1 : named;
  if (!/^\d+$/.test(text)) {
    throw new CronSyntaxError(`the ${spec.name} field has "${text}", which is not a number`);
  }
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronSyntaxError(`the ${spec.name} field has ${value}; it must be ${spec.min}–${spec.max}`);
  }
  return value;
}

function parsePart(part: string, spec: FieldSpec, into: Set<number>): void {
  const [range = '', stepText, extra] = part.split('/');
  if (extra !== undefined || range === '') {
    throw new CronSyntaxError(`the ${spec.name} field has "${part}", which is not a value, range or step`);
  }
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
      throw new CronSyntaxError(
        `the ${spec.name} field has step "${stepText}"; a step must be a whole number from 1`,
      );
    }
    step = Number(stepText);
  }
  let from = spec.min;
  let to = spec.max;
  if (range !== '*') {
    const [a = '', b] = range.split('-');
    from = valueOf(a, spec);
    to = b === undefined ? (stepText === undefined ? from : spec.max) : valueOf(b, spec);
    if (to < from)
      throw new CronSyntaxError(`the ${spec.name} field has range "${range}", which runs backwards`);
  }
  for (let value = from; value <= to; value += step) into.add(value);
}

/**
 * Parses a five-field expression; throws {@link CronSyntaxError} saying which field is wrong and
 * why.
 */
export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length || parts[0] === '') {
    throw new CronSyntaxError(
      `a cron expression has 5 fields (minute hour day-of-month month day-of-week, UTC), e.g. "0 */2 * * *"; this one has ${parts[0] === '' ? 0 : parts.length}`,
    );
  }
  const sets = FIELDS.map((spec, i) => {
    const values = new Set<number>();
    for (const part of (parts[i] ?? '').split(',')) parsePart(part, spec, values);
    return values;
  });
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    anyDayOfMonth: parts[2] === '*',
    anyDayOfWeek: parts[4] === '*',
  };
}

/** The cron's verdict on an expression: null when valid, else why not. */
export function cronProblem(expression: string): string | null {
  try {
    const fields = parseCron(expression);
    // Four years from a leap year's start see every date there is.
    if (!nextCronTime(fields, new Date(Date.UTC(2000, 0, 1)))) return 'this expression never matches a date';
    return null;
  } catch (error) {
    if (error instanceof CronSyntaxError) return error.message;
    throw error;
  }
}

const MINUTE_MS = 60_000;
/** Four years of minutes covers every expression that matches at all (29 February included). */
const SEARCH_LIMIT_DAYS = 366 * 4 + 1;

function dayMatches(fields: CronFields, date: Date): boolean {
  const dom = fields.daysOfMonth.has(date.getUTCDate());
  const dow = fields.daysOfWeek.has(date.getUTCDay());
  if (fields.anyDayOfMonth && fields.anyDayOfWeek) return true;
  if (fields.anyDayOfMonth) return dow;
  if (fields.anyDayOfWeek) return dom;
  return dom || dow;
}

/**
 * The first minute strictly after `after` the expression matches (UTC), or null when it never
 * does (e.g. `0 0 31 2 *`).
 */
export function nextCronTime(fields: CronFields, after: Date): Date | null {
  const start = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = start.getTime() + SEARCH_LIMIT_DAYS * 24 * 60 * MINUTE_MS;
  const at = new Date(start);
  while (at.getTime() < limit) {
    if (!fields.months.has(at.getUTCMonth() + 1) || !dayMatches(fields, at)) {
      at.setUTCHours(0, 0, 0, 0);
      at.setUTCDate(at.getUTCDate() + 1);
      continue;
    }
    if (!fields.hours.has(at.getUTCHours())) {
      at.setUTCMinutes(0, 0, 0);
      at.setUTCHours(at.getUTCHours() + 1);
      continue;
    }
    if (fields.minutes.has(at.getUTCMinutes())) return at;
    at.setUTCMinutes(at.getUTCMinutes() + 1);
  }
  return null;
}
