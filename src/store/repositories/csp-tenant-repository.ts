import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { customers } from '../schema/customers.js';
import { tenantMappings } from '../schema/connections.js';
import { cspTenants, type CspConsentState, type StoredGdapRelationship } from '../schema/csp.js';
import { inboundLog } from '../schema/sync.js';

/** A customer tenant of a CSP connection as stored. */
export type CspTenantRow = typeof cspTenants.$inferSelect;

/** What a tenants run found for one tenant. */
export interface CspTenantFound {
  tenantId: string;
  name: string;
  defaultDomain: string | null;
  resellerRelationship: boolean;
  gdapRelationships: StoredGdapRelationship[];
}

/** A tenant with its mapping (if any) and the mapped customer's name. */
export interface CspTenantWithMapping extends CspTenantRow {
  mapping: {
    customerId: string | null;
    customerName: string | null;
    doNotImport: boolean;
    defaultSiteId: string | null;
    relationshipType: string | null;
    licenceImportType: string | null;
    excludeFromIntune: boolean;
  } | null;
}

export interface CspTenantListOptions {
  connectionId: string;
  /** Name, domain or tenant id, case-insensitive, anywhere in the text. */
  search?: string | undefined;
  includeRemoved?: boolean;
  offset: number;
  limit: number;
}

/** `csp_tenants`: the tenants module's writes and the Tenants tab's reads. */
export interface CspTenantRepository {
  /** Every tenant of the connection, removed ones too. */
  listAll(connectionId: string): Promise<CspTenantRow[]>;
  /** Inserts or refreshes tenants seen by a run (clears `removed_at` and `last_error`). */
  upsertSeen(connectionId: string, tenants: readonly CspTenantFound[], now: Date): Promise<void>;
  /** Marks tenants no longer returned (never deletes them). */
  markRemoved(connectionId: string, tenantIds: readonly string[], now: Date): Promise<void>;
  /** Records a failure reading one tenant; the others are not touched. */
  recordError(
    connectionId: string,
    tenantId: string,
    error: Record<string, unknown>,
    now: Date,
  ): Promise<void>;
  /** Inbound-log entries of a tenants run (one per tenant added, changed, removed or back). */
  logInbound(
    connectionId: string,
    syncRunId: string,
    entries: readonly {
      tenantId: string;
      action: string;
      reason: string;
      details: Record<string, unknown>;
    }[],
  ): Promise<void>;
  page(options: CspTenantListOptions): Promise<{ items: CspTenantWithMapping[]; total: number }>;
  find(connectionId: string, tenantId: string): Promise<CspTenantWithMapping | undefined>;
  recordConsent(
    connectionId: string,
    tenantId: string,
    state: CspConsentState,
    detail: Record<string, unknown>,
    now: Date,
  ): Promise<void>;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A {@link CspTenantRepository} over `db` (a database or a transaction). */
export function createCspTenantRepository(db: Database): CspTenantRepository {
  const withMapping = () =>
    db
      .select({ tenant: cspTenants, mapping: tenantMappings, customerName: customers.name })
      .from(cspTenants)
      .leftJoin(
        tenantMappings,
        and(
          eq(tenantMappings.tenantId, cspTenants.tenantId),
          eq(tenantMappings.connectionId, cspTenants.connectionId),
        ),
      )
      .leftJoin(customers, eq(customers.id, tenantMappings.customerId));
  type Joined = {
    tenant: CspTenantRow;
    mapping: typeof tenantMappings.$inferSelect | null;
    customerName: string | null;
  };
  const toView = (row: Joined): CspTenantWithMapping => ({
    ...row.tenant,
    mapping: row.mapping
      ? {
          customerId: row.mapping.customerId,
          customerName: row.customerName,
          doNotImport: row.mapping.doNotImport,
          defaultSiteId: row.mapping.defaultSiteId,
          relationshipType: row.mapping.relationshipType,
          licenceImportType: row.mapping.licenceImportType,
          excludeFromIntune: row.mapping.excludeFromIntune,
        }
      : null,
  });

  return {
    listAll: (connectionId) => db.select().from(cspTenants).where(eq(cspTenants.connectionId, connectionId)),

    async upsertSeen(connectionId, tenants, now) {
      for (const t of tenants) {
        const values = {
          name: t.name,
          defaultDomain: t.defaultDomain,
          resellerRelationship: t.resellerRelationship,
          gdapRelationships: t.gdapRelationships,
          lastSeenAt: now,
          lastSyncAt: now,
          removedAt: null,
          lastError: null,
          updatedAt: now,
        };
        await db
          .insert(cspTenants)
          .values({ connectionId, tenantId: t.tenantId, firstSeenAt: now, ...values })
          .onConflictDoUpdate({ target: [cspTenants.connectionId, cspTenants.tenantId], set: values });
      }
    },

    async markRemoved(connectionId, tenantIds, now) {
      for (const tenantId of tenantIds) {
        await db
          .update(cspTenants)
          .set({ removedAt: now, lastSyncAt: now, updatedAt: now })
          .where(
            and(
              eq(cspTenants.connectionId, connectionId),
              eq(cspTenants.tenantId, tenantId),
              isNull(cspTenants.removedAt),
            ),
          );
      }
    },

    async recordError(connectionId, tenantId, error, now) {
      await db
        .update(cspTenants)
        .set({ lastError: error, lastSyncAt: now, updatedAt: now })
        .where(and(eq(cspTenants.connectionId, connectionId), eq(cspTenants.tenantId, tenantId)));
    },

    async logInbound(connectionId, syncRunId, entries) {
      if (entries.length === 0) return;
      await db.insert(inboundLog).values(
        entries.map((e) => ({
          syncRunId,
          connectionId,
          tenantId: e.tenantId,
          entityType: 'cspTenant',
          externalId: e.tenantId,
          action: e.action,
          reasonCode: `csp.tenant.${e.action}`,
          reason: e.reason,
          details: e.details,
        })),
      );
    },

    async page(options) {
      const term = options.search?.trim();
      const like = term ? `%${escapeLike(term)}%` : undefined;
      const where = and(
        eq(cspTenants.connectionId, options.connectionId),
        options.includeRemoved ? undefined : isNull(cspTenants.removedAt),
        like
          ? or(
              ilike(cspTenants.name, like),
              ilike(sql`coalesce(${cspTenants.defaultDomain}, '')`, like),
              ilike(sql`${cspTenants.tenantId}::text`, like),
            )
          : undefined,
      );
      const rows = await withMapping()
        .where(where)
        .orderBy(asc(sql`lower(${cspTenants.name})`), asc(cspTenants.tenantId))
        .limit(options.limit)
        .offset(options.offset);
      const [count] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cspTenants)
        .where(where);
      return { items: rows.map(toView), total: count?.n ?? 0 };
    },

    async find(connectionId, tenantId) {
      const [row] = await withMapping().where(
        and(eq(cspTenants.connectionId, connectionId), eq(cspTenants.tenantId, tenantId)),
      );
      return row && toView(row);
    },

    async recordConsent(connectionId, tenantId, state, detail, now) {
      await db
        .update(cspTenants)
        .set({ consentState: state, consentDetail: detail, consentCheckedAt: now, updatedAt: now })
        .where(and(eq(cspTenants.connectionId, connectionId), eq(cspTenants.tenantId, tenantId)));
    },
  };
}
