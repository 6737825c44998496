import { z } from 'zod';

/** Graph sends unset scalar properties as `null`; `$select` leaves unselected ones out. */
export const nullableString = z.string().nullish();
export const nullableBoolean = z.boolean().nullish();
export const nullableNumber = z.number().nullish();

/** `@removed` on a delta entry: `changed` = soft-deleted (restorable), `deleted` = gone for good. */
export const removedSchema = z.looseObject({ reason: z.string() });

/** An item of `members@delta` (only ids of related objects are returned). */
export const memberDeltaSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  id: z.string(),
  '@removed': removedSchema.optional(),
});

export type MemberDelta = z.infer<typeof memberDeltaSchema>;

/** A Graph collection page: `value` plus the paging and delta annotations. */
export function graphPageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    '@odata.context': z.string().optional(),
    '@odata.count': z.number().optional(),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
    value: z.array(item),
  });
}
