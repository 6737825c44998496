import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { userCustomFields } from '../../schema/entra-import.js';
import { unlessDuplicate } from '../already-exists.js';

/** A custom field of desk users. */
export type UserCustomField = typeof userCustomFields.$inferSelect;

/** Custom fields of desk users; a field mapping may only write one that exists. */
export interface CustomFieldRepository {
  list(): Promise<UserCustomField[]>;
  /** Throws `AlreadyExistsError` (field `name`) when a field has the name (ignoring case). */
  create(input: { name: string; label: string }): Promise<UserCustomField>;
}

const NAME_TAKEN = {
  user_custom_fields_name_key: { field: 'name', message: 'Another custom field has this name.' },
};

/** A {@link CustomFieldRepository} over `db` (a database or a transaction). */
export function createCustomFieldRepository(db: Database): CustomFieldRepository {
  return {
    list: () =>
      db
        .select()
        .from(userCustomFields)
        .orderBy(asc(sql`lower(${userCustomFields.name}) collate "C"`)),

    async create(input) {
      const [row] = await unlessDuplicate(
        () => db.insert(userCustomFields).values(input).returning(),
        NAME_TAKEN,
      );
      if (!row) throw new Error('insert into user_custom_fields returned no row');
      return row;
    },
  };
}
