/**
 * A deliberately small OData `$filter` for the few filters clients use on Intune devices and GDAP
 * relationships: `prop eq|ne|gt|ge|lt|le value` and `prop in ('a','b')`, joined by `and`.
 * `or`, `not`, parentheses and functions are refused with 400 rather than half-understood.
 */

export type FieldReader<T> = (item: T) => unknown;

export type FilterResult<T> = { ok: true; test: (item: T) => boolean } | { ok: false; message: string };

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
type Literal = string | number | boolean | null | { date: number };

const CLAUSE = /^([A-Za-z][\w/]*)\s+(eq|ne|gt|ge|lt|le)\s+(\S+)$/i;
const IN_CLAUSE = /^([A-Za-z][\w/]*)\s+in\s+\(([^()]*)\)$/i;
const PLACEHOLDER = /^\uE000(\d+)\uE000$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:\d{2})?$/;

function literal(token: string, strings: string[]): Literal | undefined {
  const placeholder = PLACEHOLDER.exec(token);
  if (placeholder) return strings[Number(placeholder[1])];
  if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true';
  if (/^null$/i.test(token)) return null;
  if (ISO_DATE.test(token)) return { date: Date.parse(token) };
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  return undefined;
}

function compare(actual: unknown, op: Op, expected: Literal): boolean {
  if (expected !== null && typeof expected === 'object') {
    const t = typeof actual === 'string' ? Date.parse(actual) : NaN;
    if (Number.isNaN(t)) return op === 'ne';
    return relate(t - expected.date, op);
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    return relate(actual.toLowerCase().localeCompare(expected.toLowerCase()), op);
  }
  if (typeof expected === 'number' && typeof actual === 'number') return relate(actual - expected, op);
  if (op === 'eq') return actual === expected || (expected === null && actual === undefined);
  if (op === 'ne') return !(actual === expected || (expected === null && actual === undefined));
  return false;
}

function relate(diff: number, op: Op): boolean {
  switch (op) {
    case 'eq':
      return diff === 0;
    case 'ne':
      return diff !== 0;
    case 'gt':
      return diff > 0;
    case 'ge':
      return diff >= 0;
    case 'lt':
      return diff < 0;
    case 'le':
      return diff <= 0;
  }
}

/** Compiles `raw` against the fields a type exposes; `null`/empty matches everything. */
export function parseSimpleFilter<T>(
  raw: string | null,
  fields: Record<string, FieldReader<T>>,
  typeName: string,
): FilterResult<T> {
  if (raw === null || raw.trim() === '') return { ok: true, test: () => true };
  const strings: string[] = [];
  const masked = raw.replace(/'((?:[^']|'')*)'/g, (_m, s: string) => {
    strings.push(s.replace(/''/g, "'"));
    return `\uE000${strings.length - 1}\uE000`;
  });
  if (/\s(or)\s|^\s*not\s/i.test(masked)) {
    return { ok: false, message: `Unsupported filter on ${typeName}: only 'and' is supported.` };
  }
  const readerOf = (name: string) =>
    Object.entries(fields).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const tests: ((item: T) => boolean)[] = [];
  for (const clause of masked.trim().split(/\s+and\s+/i)) {
    const inMatch = IN_CLAUSE.exec(clause.trim());
    const match = inMatch ? null : CLAUSE.exec(clause.trim());
    const name = inMatch?.[1] ?? match?.[1];
    if (!name) return { ok: false, message: `Invalid filter clause '${clause.replace(/\uE000/g, "'")}'.` };
    const read = readerOf(name);
    if (!read)
      return { ok: false, message: `Could not find a property named '${name}' on type '${typeName}'.` };
    if (inMatch) {
      const values = (inMatch[2] ?? '').split(',').map((t) => literal(t.trim(), strings));
      if (values.some((v) => v === undefined)) return { ok: false, message: `Invalid 'in' list in filter.` };
      tests.push((item) => values.some((v) => compare(read(item), 'eq', v as Literal)));
      continue;
    }
    const value = literal(match![3] ?? '', strings);
    if (value === undefined) return { ok: false, message: `Invalid literal in filter clause for '${name}'.` };
    const op = match![2]!.toLowerCase() as Op;
    tests.push((item) => compare(read(item), op, value));
  }
  return { ok: true, test: (item) => tests.every((t) => t(item)) };
}
