import { z } from 'zod';

const text = z.string().nullish();

/** A user as the provisioning reads select it. */
export const provisionedUserSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: text,
  givenName: text,
  surname: text,
  accountEnabled: z.boolean().nullish(),
  createdDateTime: text,
  usageLocation: text,
  assignedLicenses: z
    .array(z.looseObject({ skuId: z.string(), disabledPlans: z.array(z.string()).nullish() }))
    .nullish(),
  employeeId: text,
  mail: text,
  proxyAddresses: z.array(z.string()).nullish(),
});
export type ProvisionedUser = z.infer<typeof provisionedUserSchema>;

/** What `readDirectoryUser` selects. */
export const USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'accountEnabled',
  'createdDateTime',
  'usageLocation',
  'assignedLicenses',
  'employeeId',
  'mail',
  'proxyAddresses',
];

/** The addresses a user holds, for uniqueness checks. */
export const addressHolderSchema = z.looseObject({
  id: z.string(),
  userPrincipalName: text,
  mail: text,
  proxyAddresses: z.array(z.string()).nullish(),
});

/** A group with what decides its kind. */
export const provisioningGroupSchema = z.looseObject({
  id: z.string(),
  displayName: text,
  groupTypes: z.array(z.string()).nullish(),
  mailEnabled: z.boolean().nullish(),
  securityEnabled: z.boolean().nullish(),
  membershipRule: text,
  onPremisesSyncEnabled: z.boolean().nullish(),
});
export type ProvisioningGroup = z.infer<typeof provisioningGroupSchema>;

/** What group reads select: enough to tell the kind and whether Graph can change members. */
export const GROUP_SELECT = [
  'id',
  'displayName',
  'groupTypes',
  'mailEnabled',
  'securityEnabled',
  'membershipRule',
  'onPremisesSyncEnabled',
];
