/** Guide 002 "Status of Tenant Relationships": which customers a CSP connection brings. */
export const CSP_RELATIONSHIP_TYPES = ['gdapAndDap', 'gdapOnly'] as const;
export type CspRelationshipType = (typeof CSP_RELATIONSHIP_TYPES)[number];

/** Guide 002 "Licence Import Type": SKUs, CSP subscriptions, or both. */
export const CSP_LICENCE_IMPORT_TYPES = ['skus', 'subscriptions', 'both'] as const;
export type CspLicenceImportType = (typeof CSP_LICENCE_IMPORT_TYPES)[number];
