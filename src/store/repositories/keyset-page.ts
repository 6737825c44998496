import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor, InvalidCursorError, type Page } from '../pagination.js';

/**
 * How a listing is ordered for keyset paging: a NON-NULL sort expression, the row id as
 * tie-break, and the direction. Text expressions must carry `collate "C"` so pages come out the
 * same on PGlite and on a PostgreSQL server whatever its default collation.
 */
export interface KeysetOrder {
  expression: SQL;
  type: 'text' | 'timestamptz';
  id: AnyPgColumn;
  idType: 'uuid' | 'bigint';
  direction: 'asc' | 'desc';
}

/** The sort key as the database prints it; the cursor keeps it so no precision is lost in JS. */
export function sortKeyOf(order: KeysetOrder): SQL<string> {
  return sql<string>`(${order.expression})::text`;
}

/** ORDER BY terms of `order`. */
export function orderTerms(order: KeysetOrder): SQL[] {
  return order.direction === 'asc'
    ? [asc(order.expression), asc(order.id)]
    : [desc(order.expression), desc(order.id)];
}

/** The condition selecting rows after `cursor`; throws `InvalidCursorError` for a foreign cursor. */
export function afterCursor(order: KeysetOrder, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursor(cursor, 2) as [string, string];
  if (!ID_FORMAT[order.idType].test(id)) throw new InvalidCursorError();
  if (order.type === 'timestamptz' && Number.isNaN(Date.parse(value))) throw new InvalidCursorError();
  const operator = sql.raw(order.direction === 'asc' ? '>' : '<');
  const typedValue = order.type === 'text' ? sql`${value} collate "C"` : sql`${value}::timestamptz`;
  return sql`(${order.expression}, ${order.id}) ${operator} (${typedValue}, ${id}::${sql.raw(order.idType)})`;
}

/** Turns `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<T>(
  rows: readonly { item: T; sortKey: string; id: string | number }[],
  limit: number,
): Page<T> {
  const page = rows.slice(0, limit);
  const items = page.map((row) => row.item);
  const last = page.at(-1);
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor([last.sortKey, String(last.id)]) }
    : { items };
}

/**
 * Rows whose `expression` (lower-cased text, `collate "C"`) starts with `term`, as an index range
 * (no extension needed, unlike trigram search). The term is lower-cased by the database, like
 * the indexed expression, so both agree on non-ASCII letters.
 */
export function startsWith(expression: SQL, term: string): SQL {
  return sql`(${expression} >= lower(${term}) collate "C" and ${expression} < (lower(${term}) || ${PREFIX_END}) collate "C")`;
}

const ID_FORMAT = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  bigint: /^\d{1,18}$/,
};

/** The highest Unicode code point: every string starting with a prefix sorts below prefix + this. */
const PREFIX_END = String.fromCodePoint(0x10ffff);
