import { eq } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { settings } from '../schema/access.js';

/**
 * Instance-wide settings, one JSON value per key. Values are not validated here: the part that
 * owns a key parses it with its own schema (and falls back to its defaults).
 */
export interface SettingsRepository {
  get(key: string): Promise<unknown>;
  /** Stores `value` and returns what was stored before (undefined when nothing was). */
  put(key: string, value: unknown, now: Date): Promise<unknown>;
}

/** A {@link SettingsRepository} over `db` (a database or a transaction). */
export function createSettingsRepository(db: Database): SettingsRepository {
  const read = async (tx: Database, key: string, lock: boolean) => {
    const query = tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
    const [row] = await (lock ? query.for('update') : query);
    return row?.value;
  };
  return {
    get: (key) => read(db, key, false),

    put: (key, value, now) =>
      db.transaction(async (tx) => {
        const before = await read(tx, key, true);
        await tx
          .insert(settings)
          .values({ key, value, updatedAt: now })
          .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
        return before;
      }),
  };
}
