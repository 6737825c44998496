import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { GroupRecord } from '../../state/types.js';
import { badRequest, graphError } from '../respond.js';
import { ON_PREMISES_MASTERED } from '../users/user-writable.js';

export const MAIL_ENABLED_READ_ONLY =
  'Cannot Update a mail-enabled security groups and or distribution list.';

/** Groups whose properties Graph cannot change: synced from AD, or Exchange-mastered (§4.1). */
export function groupUpdateRefused(req: EmuRequest, group: GroupRecord): EmuResponse | null {
  if (group.props.onPremisesSyncEnabled === true) return badRequest(req, ON_PREMISES_MASTERED);
  if (group.kind === 'mailSecurity' || group.kind === 'distribution')
    return badRequest(req, MAIL_ENABLED_READ_ONLY);
  return null;
}

/**
 * Why Graph refuses a membership change on this group, if it does: dynamic groups (rule-managed,
 * answered as configured since Microsoft's body is unverified), synced and Exchange groups.
 */
export function membershipWriteRefused(
  ctx: EmulatorContext,
  req: EmuRequest,
  group: GroupRecord,
): EmuResponse | null {
  if (group.dynamic) {
    const { status, code, message } = ctx.behaviour.graph.dynamicGroupWriteError;
    return graphError(req, status, code, message);
  }
  return groupUpdateRefused(req, group);
}
