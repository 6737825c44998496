import { z } from 'zod';
import { StoreError } from './errors.js';

/** Page sizes a caller may ask for; larger requests are capped rather than refused. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A page of results; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A cursor that was not produced by this store (edited, truncated, or from another listing). */
export class InvalidCursorError extends StoreError {
  constructor() {
    super('invalid-cursor', 'the page cursor is not valid; start again from the first page.');
  }
}

/** The limit to use for a requested page size. */
export function pageSize(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(requested)));
}

/** Encodes keyset position `values` as an opaque cursor. */
export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} with `length` values, or throws {@link InvalidCursorError}. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    return z
      .array(z.string())
      .length(length)
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError();
  }
}
