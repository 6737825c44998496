import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { queryRows } from '../sql-rows.js';
import { hrRuleVersions, hrSources } from '../schema/hr.js';

export type StoredHrSource = typeof hrSources.$inferSelect;

/** A source with its customer's name and the counts lists show. */
export interface HrSourceSummaryRow extends StoredHrSource {
  customerName: string;
  persons: number;
  heldImports: number;
  failingPersons: number;
  /** The draft differs from the published rule set. */
  draftPending: boolean;
}

export interface NewHrSource {
  name: string;
  kind: StoredHrSource['kind'];
  customerId: string;
  tenantId: string;
  config: Record<string, unknown>;
  jsonTokenCiphertext: string | null;
  scimTokenHash: string | null;
  scimTokenHint: string | null;
  draftRules: Record<string, unknown>[];
}

export interface PublishedRules {
  version: number;
  rules: Record<string, unknown>[];
  publishedAt: Date | null;
  publishedByName: string | null;
}

/** Raised when the draft changed after the caller previewed it. */
export class HrDraftChangedError extends Error {
  constructor() {
    super('The draft rules changed since they were previewed: preview again, then publish.');
    this.name = 'HrDraftChangedError';
  }
}

/** HR sources (issue 9): settings, secrets' columns, draft and published rules. */
export function createHrSourceRepository(db: Database) {
  const summaries = (where: ReturnType<typeof sql>) =>
    queryRows<HrSourceSummaryRow>(
      db,
      sql`select s.id, s.name, s.kind, s.customer_id as "customerId", s.tenant_id as "tenantId",
                 s.config, s.json_token_ciphertext as "jsonTokenCiphertext", s.scim_token_hash as "scimTokenHash",
                 s.scim_token_hint as "scimTokenHint", s.draft_rules as "draftRules",
                 s.draft_updated_at as "draftUpdatedAt", s.published_version as "publishedVersion",
                 s.last_import_at as "lastImportAt", s.last_enforced_at as "lastEnforcedAt",
                 s.created_at as "createdAt", s.updated_at as "updatedAt", c.name as "customerName",
                 (select count(*)::int from hr_persons p where p.source_id = s.id) as persons,
                 (select count(*)::int from hr_imports i where i.source_id = s.id and i.status = 'held') as "heldImports",
                 (select count(*)::int from hr_persons p where p.source_id = s.id and p.last_error is not null) as "failingPersons",
                 s.draft_rules is distinct from coalesce((select v.rules from hr_rule_versions v
                   where v.source_id = s.id and v.version = s.published_version), '[]'::jsonb) as "draftPending"
            from hr_sources s join customers c on c.id = s.customer_id
           where ${where}
           order by lower(s.name)`,
    );

  return {
    list: () => summaries(sql`true`),

    async summary(id: string): Promise<HrSourceSummaryRow | undefined> {
      const [row] = await summaries(sql`s.id = ${id}`);
      return row;
    },

    async find(id: string): Promise<StoredHrSource | undefined> {
      const [row] = await db.select().from(hrSources).where(eq(hrSources.id, id));
      return row;
    },

    async create(source: NewHrSource): Promise<StoredHrSource> {
      const [row] = await db.insert(hrSources).values(source).returning();
      return row!;
    },

    async update(
      id: string,
      change: Pick<NewHrSource, 'name' | 'tenantId' | 'config'> & { jsonTokenCiphertext?: string | null },
    ): Promise<void> {
      await db
        .update(hrSources)
        .set({ ...change, updatedAt: sql`now()` })
        .where(eq(hrSources.id, id));
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.delete(hrSources).where(eq(hrSources.id, id)).returning({ id: hrSources.id });
      return rows.length > 0;
    },

    async setScimToken(id: string, hash: string, hint: string): Promise<void> {
      await db
        .update(hrSources)
        .set({ scimTokenHash: hash, scimTokenHint: hint, updatedAt: sql`now()` })
        .where(eq(hrSources.id, id));
    },

    async saveDraft(id: string, rules: Record<string, unknown>[]): Promise<void> {
      await db
        .update(hrSources)
        .set({ draftRules: rules, draftUpdatedAt: sql`clock_timestamp()` })
        .where(eq(hrSources.id, id));
    },

    async published(id: string): Promise<PublishedRules> {
      const [row] = await db
        .select({
          version: hrRuleVersions.version,
          rules: hrRuleVersions.rules,
          publishedAt: hrRuleVersions.publishedAt,
          publishedByName: hrRuleVersions.publishedByName,
        })
        .from(hrRuleVersions)
        .innerJoin(
          hrSources,
          and(
            eq(hrSources.id, hrRuleVersions.sourceId),
            eq(hrSources.publishedVersion, hrRuleVersions.version),
          ),
        )
        .where(eq(hrRuleVersions.sourceId, id));
      return row ?? { version: 0, rules: [], publishedAt: null, publishedByName: null };
    },

    /**
     * Publishes the draft as the next version, only if it is still the one previewed (compared by
     * `draftUpdatedAt`): two administrators cannot publish what neither of them saw.
     */
    async publish(
      id: string,
      expectedDraftUpdatedAt: string | null,
      by: { accountId: string | null; name: string },
    ): Promise<number> {
      return db.transaction(async (tx) => {
        const [source] = await tx.select().from(hrSources).where(eq(hrSources.id, id)).for('update');
        if (!source) throw new Error(`HR source ${id} not found`);
        const current = source.draftUpdatedAt?.toISOString() ?? null;
        const expected =
          expectedDraftUpdatedAt === null ? null : new Date(expectedDraftUpdatedAt).toISOString();
        if (current !== expected) throw new HrDraftChangedError();
        const version = source.publishedVersion + 1;
        await tx.insert(hrRuleVersions).values({
          sourceId: id,
          version,
          rules: source.draftRules,
          publishedByAccountId: by.accountId,
          publishedByName: by.name,
        });
        await tx.update(hrSources).set({ publishedVersion: version }).where(eq(hrSources.id, id));
        return version;
      });
    },

    async touch(id: string, what: 'import' | 'enforce'): Promise<void> {
      await db
        .update(hrSources)
        .set(what === 'import' ? { lastImportAt: sql`now()` } : { lastEnforcedAt: sql`now()` })
        .where(eq(hrSources.id, id));
    },

    /** Sources with published rules and enforcement on: the daily sweep enforces each. */
    async enforceable(): Promise<{ id: string }[]> {
      return queryRows(
        db,
        sql`select id from hr_sources where published_version > 0 and coalesce((config->>'enforcementEnabled')::boolean, true)`,
      );
    },
  };
}
export type HrSourceRepository = ReturnType<typeof createHrSourceRepository>;
