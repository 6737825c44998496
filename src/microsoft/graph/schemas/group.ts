import { z } from 'zod';
import { memberDeltaSchema, nullableBoolean, nullableString, removedSchema } from './common.js';

/** A group (list, get or delta entry); kind is derived from groupTypes/mailEnabled/securityEnabled. */
export const groupSchema = z.looseObject({
  id: z.string(),
  displayName: nullableString,
  description: nullableString,
  mail: nullableString,
  mailNickname: nullableString,
  mailEnabled: nullableBoolean,
  securityEnabled: nullableBoolean,
  groupTypes: z.array(z.string()).nullish(),
  membershipRule: nullableString,
  membershipRuleProcessingState: nullableString,
  visibility: nullableString,
  isAssignableToRole: nullableBoolean,
  onPremisesSyncEnabled: nullableBoolean,
  createdDateTime: nullableString,
  proxyAddresses: z.array(z.string()).nullish(),
  '@removed': removedSchema.optional(),
  'members@delta': z.array(memberDeltaSchema).optional(),
});

export type GraphGroup = z.infer<typeof groupSchema>;
