import { z } from 'zod';
import { nullableString } from './common.js';

/**
 * A directoryObject from `/groups/{id}/members` or `transitiveMembers`: `@odata.type` says
 * whether it is a user, group, device, orgContact or servicePrincipal.
 */
export const memberSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  id: z.string(),
  displayName: nullableString,
  userPrincipalName: nullableString,
  mail: nullableString,
});

export type GraphMember = z.infer<typeof memberSchema>;
