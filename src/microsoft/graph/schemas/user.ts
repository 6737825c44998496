import { z } from 'zod';
import { nullableBoolean, nullableString, removedSchema } from './common.js';

export const assignedLicenseSchema = z.looseObject({
  skuId: z.string(),
  disabledPlans: z.array(z.string()).default([]),
});

/** How a licence came to the user: `assignedByGroup` null for a direct assignment. */
export const licenseAssignmentStateSchema = z.looseObject({
  skuId: z.string().nullish(),
  assignedByGroup: z.string().nullish(),
  state: z.string().nullish(),
});

export const signInActivitySchema = z.looseObject({
  lastSignInDateTime: nullableString,
  lastNonInteractiveSignInDateTime: nullableString,
  lastSuccessfulSignInDateTime: nullableString,
});

/**
 * A user as Graph returns it (default property set, `$select`ed extras, or a delta entry that
 * may carry only `id` and `@removed`). Unknown properties pass through.
 */
export const userSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: nullableString,
  displayName: nullableString,
  givenName: nullableString,
  surname: nullableString,
  mail: nullableString,
  jobTitle: nullableString,
  department: nullableString,
  officeLocation: nullableString,
  mobilePhone: nullableString,
  businessPhones: z.array(z.string()).nullish(),
  preferredLanguage: nullableString,
  employeeId: nullableString,
  companyName: nullableString,
  usageLocation: nullableString,
  accountEnabled: nullableBoolean,
  userType: nullableString,
  onPremisesSyncEnabled: nullableBoolean,
  onPremisesSamAccountName: nullableString,
  createdDateTime: nullableString,
  assignedLicenses: z.array(assignedLicenseSchema).nullish(),
  licenseAssignmentStates: z.array(licenseAssignmentStateSchema).nullish(),
  signInActivity: signInActivitySchema.nullish(),
  '@removed': removedSchema.optional(),
  'manager@delta': z
    .array(z.looseObject({ id: z.string(), '@removed': removedSchema.optional() }))
    .optional(),
});

export type GraphUser = z.infer<typeof userSchema>;
