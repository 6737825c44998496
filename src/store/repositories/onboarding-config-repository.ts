import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { onboardingConfigs } from '../schema/requests.js';

export type StoredOnboardingConfig = typeof onboardingConfigs.$inferSelect;

/** A customer's request settings (validated by the caller against contracts/onboarding/config.ts). */
export function createOnboardingConfigRepository(db: Database) {
  return {
    async find(customerId: string): Promise<StoredOnboardingConfig | undefined> {
      const [row] = await db
        .select()
        .from(onboardingConfigs)
        .where(eq(onboardingConfigs.customerId, customerId));
      return row;
    },

    async save(
      customerId: string,
      value: { config: Record<string, unknown>; groups: Record<string, unknown>[] },
      updatedBy: string | null,
    ): Promise<StoredOnboardingConfig> {
      const [row] = await db
        .insert(onboardingConfigs)
        .values({ customerId, config: value.config, groups: value.groups, updatedBy })
        .onConflictDoUpdate({
          target: onboardingConfigs.customerId,
          set: { config: value.config, groups: value.groups, updatedBy, updatedAt: sql`now()` },
        })
        .returning();
      return row!;
    },
  };
}
