import type { DomainRecord, GraphProps, TenantRecord } from '../../state/types.js';
import { findCataloguePlan } from '../licences/catalogue.js';

/** Directory size quota Graph reports for a tenant without extra quota (used grows with objects). */
const DEFAULT_DIRECTORY_QUOTA = 300_000;
/** Graph's "never expires" password validity for managed domains. */
const PASSWORD_NEVER_EXPIRES_DAYS = 2_147_483_647;
const PASSWORD_NOTIFICATION_DAYS = 14;

export const ORGANIZATION_PROPERTIES = [
  'id',
  'deletedDateTime',
  'businessPhones',
  'city',
  'country',
  'countryLetterCode',
  'createdDateTime',
  'defaultUsageLocation',
  'displayName',
  'isMultipleDataLocationsForServicesEnabled',
  'marketingNotificationEmails',
  'onPremisesLastSyncDateTime',
  'onPremisesSyncEnabled',
  'postalCode',
  'preferredLanguage',
  'securityComplianceNotificationMails',
  'securityComplianceNotificationPhones',
  'state',
  'street',
  'technicalNotificationMails',
  'tenantType',
  'directorySizeQuota',
  'privacyProfile',
  'assignedPlans',
  'provisionedPlans',
  'verifiedDomains',
] as const;

export const DOMAIN_PROPERTIES = [
  'authenticationType',
  'availabilityStatus',
  'id',
  'isAdminManaged',
  'isDefault',
  'isInitial',
  'isRoot',
  'isVerified',
  'passwordNotificationWindowInDays',
  'passwordValidityPeriodInDays',
  'supportedServices',
  'state',
] as const;

/** Plans the tenant's SKUs bring, once per plan (organization resource `assignedPlans`). */
function assignedPlansOf(tenant: TenantRecord) {
  const seen = new Map<string, Record<string, unknown>>();
  for (const sku of tenant.skus.values()) {
    for (const plan of sku.servicePlans) {
      if (seen.has(plan.servicePlanId)) continue;
      seen.set(plan.servicePlanId, {
        assignedDateTime: tenant.createdDateTime,
        capabilityStatus: sku.capabilityStatus === 'Enabled' ? 'Enabled' : sku.capabilityStatus,
        service: findCataloguePlan(plan.servicePlanId)?.service ?? plan.servicePlanName,
        servicePlanId: plan.servicePlanId,
      });
    }
  }
  return [...seen.values()];
}

/** The tenant as Graph's `organization` resource. */
export function organizationJson(tenant: TenantRecord): GraphProps {
  const plans = assignedPlansOf(tenant);
  const objects = tenant.users.size + tenant.groups.size + tenant.devices.size;
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: tenant.countryLetterCode,
    createdDateTime: tenant.createdDateTime,
    defaultUsageLocation: null,
    displayName: tenant.displayName,
    isMultipleDataLocationsForServicesEnabled: null,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: 'AAD',
    directorySizeQuota: { used: objects, total: DEFAULT_DIRECTORY_QUOTA },
    privacyProfile: null,
    assignedPlans: plans,
    provisionedPlans: plans.map((p) => ({
      capabilityStatus: p.capabilityStatus,
      provisioningStatus: 'Success',
      service: p.service,
    })),
    verifiedDomains: tenant.domains
      .filter((d) => d.isVerified)
      .map((d) => ({
        capabilities: d.supportedServices.join(', ') || 'None',
        isDefault: d.isDefault,
        isInitial: d.isInitial,
        name: d.id,
        type: d.authenticationType,
      })),
  };
}

/** A tenant domain as Graph's `domain` resource. */
export function domainJson(domain: DomainRecord): GraphProps {
  return {
    authenticationType: domain.authenticationType,
    availabilityStatus: null,
    id: domain.id,
    isAdminManaged: true,
    isDefault: domain.isDefault,
    isInitial: domain.isInitial,
    isRoot: true,
    isVerified: domain.isVerified,
    passwordNotificationWindowInDays: PASSWORD_NOTIFICATION_DAYS,
    passwordValidityPeriodInDays: PASSWORD_NEVER_EXPIRES_DAYS,
    supportedServices: [...domain.supportedServices],
    state: null,
  };
}
