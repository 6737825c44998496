import type { JsonKind } from '../odata/entity-body.js';

/** Group properties PATCH may change (group-update.md). */
export const GROUP_UPDATABLE: Record<string, JsonKind> = {
  classification: 'string',
  description: 'string',
  displayName: 'string',
  mailNickname: 'string',
  membershipRule: 'string',
  membershipRuleProcessingState: 'string',
  preferredDataLocation: 'string',
  preferredLanguage: 'string',
  securityEnabled: 'boolean',
  theme: 'string',
  visibility: 'string',
};

/** POST /groups also sets the shape of the group, fixed afterwards (group-post-groups.md). */
export const GROUP_CREATABLE: Record<string, JsonKind> = {
  ...GROUP_UPDATABLE,
  groupTypes: 'strings',
  isAssignableToRole: 'boolean',
  mailEnabled: 'boolean',
  resourceBehaviorOptions: 'strings',
  resourceProvisioningOptions: 'strings',
};

export const GROUP_WRITE_PERMISSIONS = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const GROUP_CREATE_PERMISSIONS = ['Group.Create', ...GROUP_WRITE_PERMISSIONS];

const badValue = (property: string) => ({
  status: 400,
  code: 'Request_BadRequest',
  message: `Invalid value specified for property '${property}' of resource 'Group'.`,
  details: [{ code: 'InvalidValue', target: property }],
});

export const groupErrors = {
  required: (property: string) => ({
    status: 400,
    code: 'Request_BadRequest',
    message: `A value is required for property '${property}' of resource 'Group'.`,
  }),
  invalidValue: badValue,
  mailEnabledNotSupported: () => ({
    status: 400,
    code: 'Request_BadRequest',
    message:
      'Creating mail-enabled security groups or distribution lists is not supported through Microsoft Graph.',
  }),
};
