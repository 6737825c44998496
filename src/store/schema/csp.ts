import { boolean, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { oneOf, primaryId, timestamps } from './columns.js';
import { connections } from './connections.js';

/** What a partner knows of a customer tenant's consent to the GDAP app (guide 002 "Grant Admin Consent"). */
export const CSP_CONSENT_STATES = ['unknown', 'granted', 'failed'] as const;
export type CspConsentState = (typeof CSP_CONSENT_STATES)[number];

/** One GDAP relationship with a customer, as the tenants module last read it. */
export interface StoredGdapRelationship {
  id: string;
  displayName: string;
  /** Microsoft's status: active, expired, terminated, approvalPending, … */
  status: string;
  startAt: string | null;
  endAt: string | null;
  autoExtendDuration: string | null;
  /** Entra role template ids granted by the relationship, with their names where known. */
  roles: { id: string; name: string | null }[];
}

/**
 * A customer tenant a CSP connection reaches: from Partner Center (a reseller relationship) and/or
 * from GDAP (delegated admin relationships read in the partner tenant). Refreshed by the tenants
 * module; rows are never deleted by a sync: a tenant no longer returned gets `removed_at`.
 */
export const cspTenants = pgTable(
  'csp_tenants',
  {
    id: primaryId(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    defaultDomain: text('default_domain'),
    /** Partner Center lists the customer: a reseller (CSP) relationship exists. */
    resellerRelationship: boolean('reseller_relationship').notNull().default(false),
    gdapRelationships: jsonb('gdap_relationships').$type<StoredGdapRelationship[]>().notNull().default([]),
    consentState: text('consent_state', { enum: CSP_CONSENT_STATES }).notNull().default('unknown'),
    consentCheckedAt: timestamp('consent_checked_at', { withTimezone: true }),
    /** The last consent callback or test call: what happened, in words and Microsoft's code. */
    consentDetail: jsonb('consent_detail').$type<Record<string, unknown>>(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    /** The last failure reading this tenant (code, message, what to do), null after a success. */
    lastError: jsonb('last_error').$type<Record<string, unknown>>(),
    ...timestamps(),
  },
  (t) => [
    unique('csp_tenants_connection_tenant_key').on(t.connectionId, t.tenantId),
    oneOf('csp_tenants_consent_state_check', t.consentState, CSP_CONSENT_STATES),
  ],
);
