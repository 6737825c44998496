import type { HrSourceDetail, HrSourceSummary } from '../../../contracts/api/hr-sources.js';
import type { HrSourceSummaryRow } from '../../../store/index.js';
import { sourceSettings } from './source-settings.js';

/** The SCIM base URL of a source, absolute when the instance knows its public address. */
export function scimBaseUrl(publicUrl: string | undefined, sourceId: string): string {
  return `${(publicUrl ?? '').replace(/\/$/, '')}/scim/v2/hr/${sourceId}`;
}

/** Timestamps from raw SQL rows arrive as text on one engine and Date on the other. */
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function hrSourceSummary(row: HrSourceSummaryRow): HrSourceSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    customerId: row.customerId,
    customerName: row.customerName,
    tenantId: row.tenantId,
    persons: row.persons,
    publishedVersion: row.publishedVersion,
    draftPending: row.draftPending,
    heldImports: row.heldImports,
    failingPersons: row.failingPersons,
    enforcementEnabled: (row.config as { enforcementEnabled?: boolean }).enforcementEnabled !== false,
    lastImportAt: iso(row.lastImportAt),
    lastEnforcedAt: iso(row.lastEnforcedAt),
  };
}

export function hrSourceDetail(row: HrSourceSummaryRow, publicUrl: string | undefined): HrSourceDetail {
  const { jsonToken: _token, ...settings } = sourceSettings(row);
  return {
    ...hrSourceSummary(row),
    settings,
    jsonTokenSet: row.jsonTokenCiphertext !== null,
    scim:
      row.kind === 'scim' ? { baseUrl: scimBaseUrl(publicUrl, row.id), tokenHint: row.scimTokenHint } : null,
  };
}
