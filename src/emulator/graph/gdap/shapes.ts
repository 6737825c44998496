import { createHash } from 'node:crypto';
import type { GdapRelationshipRecord } from '../../state/types.js';
import { effectiveState, type GdapAccessAssignment } from './records.js';

const ETAG_LENGTH = 24;

export const RELATIONSHIP_PROPERTIES = [
  'id',
  'displayName',
  'duration',
  'customer',
  'accessDetails',
  'status',
  'autoExtendDuration',
  'createdDateTime',
  'lastModifiedDateTime',
  'activatedDateTime',
  'endDateTime',
] as const;

export const CUSTOMER_PROPERTIES = ['id', 'tenantId', 'displayName'] as const;

/** Weak etag that changes whenever the object changes. */
export function etagOf(...parts: string[]): string {
  return `W/"${createHash('sha256').update(parts.join('|')).digest('base64').slice(0, ETAG_LENGTH)}"`;
}

export function relationshipJson(
  rel: GdapRelationshipRecord,
  now: number,
): Record<string, unknown> & { id: string } {
  const state = effectiveState(rel, now);
  return {
    id: rel.id,
    displayName: rel.displayName,
    duration: rel.duration,
    customer: { tenantId: rel.customerTenantId, displayName: rel.customerDisplayName },
    accessDetails: { unifiedRoles: rel.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
    status: state.status,
    autoExtendDuration: rel.autoExtendDuration,
    createdDateTime: rel.createdDateTime,
    lastModifiedDateTime: rel.lastModifiedDateTime,
    activatedDateTime: rel.activatedDateTime,
    endDateTime: state.endDateTime,
  };
}

export function relationshipAnnotations(rel: GdapRelationshipRecord, now: number): Record<string, string> {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
    '@odata.etag': etagOf(rel.id, rel.lastModifiedDateTime, effectiveState(rel, now).status),
  };
}

export function accessAssignmentJson(a: GdapAccessAssignment): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
    '@odata.etag': etagOf(a.id, a.lastModifiedDateTime),
    id: a.id,
    status: a.status,
    createdDateTime: a.createdDateTime,
    lastModifiedDateTime: a.lastModifiedDateTime,
    accessContainer: { accessContainerId: a.groupId, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: a.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

/** Admin centres a partner can open for a customer (delegatedAdminServiceManagementDetail). */
const SERVICES = [
  ['Microsoft 365 admin center', 'MicrosoftOffice365AdminCenter', 'o365admincenter'],
  ['Exchange admin center', 'MicrosoftExchangeOnline', 'ExchangeAdminCenter'],
  ['Microsoft Entra admin center', 'MicrosoftEntra', 'AzureADAdminCenter'],
  ['Microsoft Intune admin center', 'MicrosoftIntune', 'IntuneAdminCenter'],
] as const;

export function serviceManagementDetails(customerTenantId: string): Record<string, unknown>[] {
  return SERVICES.map(([serviceName, serviceId, destination]) => ({
    '@odata.type': '#microsoft.graph.delegatedAdminServiceManagementDetail',
    id: `${customerTenantId}_${serviceId}`,
    serviceName,
    serviceId,
    serviceManagementUrl: `https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=${customerTenantId}&CSDEST=${destination}`,
  }));
}
