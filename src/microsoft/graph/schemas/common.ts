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

function pageOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    '@odata.context': z.string().optional(),
    '@odata.count': z.number().optional(),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
    value: z.array(item),
  });
}

const pages = new WeakMap<z.ZodType, ReturnType<typeof pageOf>>();

/**
 * A Graph collection page: `value` plus the paging and delta annotations. One schema per item
 * schema, kept: zod compiles each new schema on first use, which cost a third of a millisecond
 * for every collection read.
 */
export function graphPageSchema<T extends z.ZodType>(item: T): ReturnType<typeof pageOf<T>> {
  let schema = pages.get(item);
  if (!schema) pages.set(item, (schema = pageOf(item)));
  return schema as ReturnType<typeof pageOf<T>>;
}
