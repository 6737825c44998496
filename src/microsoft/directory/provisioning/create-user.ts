import { z } from 'zod';
import type {
  CreatedDirectoryUser,
  GraphAttempt,
  NewDirectoryUser,
} from '../../../contracts/onboarding/directory.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { attempt } from './attempt.js';

const createdSchema = z.looseObject({ id: z.string(), userPrincipalName: z.string() });

/** What the log shows instead of the password. */
export const REDACTED = '[redacted]';

/**
 * The `POST /users` body: optional properties left out rather than sent empty; the profile
 * (HR attributes) underneath, so the workflow's own fields win.
 */
function createBody(user: NewDirectoryUser, password: string): Record<string, unknown> {
  const optional = {
    jobTitle: user.jobTitle,
    department: user.department,
    officeLocation: user.officeLocation,
    mobilePhone: user.mobilePhone,
    usageLocation: user.usageLocation,
    employeeId: user.employeeId,
  };
  return {
    ...user.profile,
    accountEnabled: user.accountEnabled,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    mailNickname: user.mailNickname,
    userPrincipalName: user.userPrincipalName,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined && v !== '')),
    passwordProfile: { password, forceChangePasswordNextSignIn: user.forceChangePasswordNextSignIn },
  };
}

/**
 * Creates a cloud user (`POST /users`). A name clash is refused with the catalogue code saying
 * which property clashed (`DIRECTORY_REFUSAL_CODES.upnTaken` / `addressTaken`), so the caller can
 * move to its next naming fallback. The logged request never carries the password.
 */
export async function createDirectoryUser(
  graph: Pick<GraphClient, 'post'>,
  user: NewDirectoryUser,
): Promise<GraphAttempt<CreatedDirectoryUser>> {
  const request = { method: 'POST', url: '/users', body: createBody(user, REDACTED) };
  return attempt(request, async () => {
    const created = await graph.post('/users', createBody(user, user.password), { schema: createdSchema });
    const value = { id: created.id, userPrincipalName: created.userPrincipalName };
    return { value, response: { status: 201, body: value } };
  });
}
