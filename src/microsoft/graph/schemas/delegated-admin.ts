import { z } from 'zod';
import { nullableString } from './common.js';

/** A GDAP relationship (`GET /tenantRelationships/delegatedAdminRelationships`). */
export const delegatedAdminRelationshipSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  id: z.string(),
  displayName: nullableString,
  duration: nullableString,
  status: z.string(),
  autoExtendDuration: nullableString,
  customer: z.looseObject({ tenantId: z.string(), displayName: nullableString }).nullish(),
  accessDetails: z
    .looseObject({ unifiedRoles: z.array(z.looseObject({ roleDefinitionId: z.string() })).default([]) })
    .nullish(),
  createdDateTime: nullableString,
  lastModifiedDateTime: nullableString,
  activatedDateTime: nullableString,
  endDateTime: nullableString,
});

export type GraphDelegatedAdminRelationship = z.infer<typeof delegatedAdminRelationshipSchema>;

/** A GDAP customer (`GET /tenantRelationships/delegatedAdminCustomers`). */
export const delegatedAdminCustomerSchema = z.looseObject({
  id: z.string(),
  tenantId: z.string(),
  displayName: nullableString,
});

export type GraphDelegatedAdminCustomer = z.infer<typeof delegatedAdminCustomerSchema>;
