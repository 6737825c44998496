import type { DirectoryGroup, GraphAttempt } from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { attempt } from './attempt.js';
import { toDirectoryGroup } from './groups.js';
import { provisioningGroupSchema } from './schemas.js';

/** Graph's mailNickname: at most 64 printable ASCII characters, none of `@ ( ) \ [ ] " ; : < > ,`. */
const MAIL_NICKNAME_MAX = 64;
const NOT_ALLOWED = /[^\x21-\x7e]|[@()\\[\]";:<>,]/g;

/**
 * A mailNickname for a group name: accents dropped, spaces as `-`, other characters Graph refuses
 * left out, cut to 64. A name with nothing usable gets `group`: security groups need not have a
 * unique nickname.
 */
export function mailNicknameFor(displayName: string): string {
  const nickname = displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(NOT_ALLOWED, '')
    .replace(/-{2,}/g, '-')
    .slice(0, MAIL_NICKNAME_MAX)
    .replace(/^[.-]+|[.-]+$/g, '');
  return nickname === '' ? 'group' : nickname;
}

/** A security group to create. */
export interface NewSecurityGroup {
  displayName: string;
  description?: string;
}

/**
 * Creates an assigned-membership security group (`POST /groups`: securityEnabled, not
 * mail-enabled, no groupTypes). Needs Group.Create or Group.ReadWrite.All.
 */
export function createSecurityGroup(
  graph: Pick<GraphClient, 'post'>,
  group: NewSecurityGroup,
): Promise<GraphAttempt<DirectoryGroup>> {
  const description = group.description?.trim();
  const body = {
    displayName: group.displayName.trim(),
    ...(description ? { description } : {}),
    mailEnabled: false,
    mailNickname: mailNicknameFor(group.displayName),
    securityEnabled: true,
    groupTypes: [],
  };
  const request = { method: 'POST', url: '/groups', body };
  return attempt(request, async () => {
    const created = await graph.post('/groups', body, { schema: provisioningGroupSchema });
    const value = toDirectoryGroup(created);
    return { value, response: { status: 201, body: value } };
  });
}
