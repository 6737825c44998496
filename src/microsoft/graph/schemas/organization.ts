import { z } from 'zod';
import { nullableBoolean, nullableString } from './common.js';

export const verifiedDomainSchema = z.looseObject({
  name: z.string(),
  isDefault: nullableBoolean,
  isInitial: nullableBoolean,
  type: nullableString,
  capabilities: nullableString,
});

/** The tenant itself (`GET /organization`, a one-item collection). */
export const organizationSchema = z.looseObject({
  id: z.string(),
  displayName: nullableString,
  countryLetterCode: nullableString,
  tenantType: nullableString,
  createdDateTime: nullableString,
  onPremisesSyncEnabled: nullableBoolean,
  verifiedDomains: z.array(verifiedDomainSchema).default([]),
});

export type GraphOrganization = z.infer<typeof organizationSchema>;
