import { z } from 'zod';

/** Query of every list endpoint: server-side paging, sorting and search. */
export const listQuerySchema = z.object({
  search: z.string().trim().max(200).optional().describe('Case-insensitive search over the main text fields'),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.string().max(50).optional().describe('Field to sort by; prefix with `-` for descending'),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

/** A page of items plus the cursor of the next page (null on the last page). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().nullable().describe('Total matching items, when cheap to count'),
  });
}
