import { sql, type SQL } from 'drizzle-orm';

/** Postgres element types this module sends as arrays. */
export type ArrayElementType = 'uuid' | 'text' | 'boolean';

/**
 * One JS array as ONE typed array parameter (`$1::uuid[]`), for `unnest(...)` bulk statements.
 * Drizzle would otherwise expand a JS array into a list of parameters.
 */
export function arrayParam(values: readonly unknown[], elementType: ArrayElementType): SQL {
  return sql`${sql.param(values)}::${sql.raw(elementType)}[]`;
}

/** Splits `items` into chunks of at most `size`, so one statement's parameters stay bounded. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
