import type { EmulatorContext } from '../../context.js';
import type { GraphHandler } from '../auth.js';
import { graphJson, notFound, odataContext } from '../respond.js';
import { directoryTimestamp } from './directory-time.js';
import { findUser, safeDecode } from './user-view.js';

/** user-revokesigninsessions.md: least privileged first. */
export const REVOKE_SESSIONS_PERMISSIONS = [
  'User.RevokeSessions.All',
  'User.ReadWrite.All',
  'Directory.ReadWrite.All',
];

/**
 * `POST /users/{id | upn}/revokeSignInSessions` → 200 `Edm.Boolean` true. Invalidates the user's
 * refresh tokens and session cookies by moving `signInSessionsValidFromDateTime` to now.
 */
export function revokeSignInSessions(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = findUser(tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    ctx.estate.updateUser(tenant, user.props.id, {
      signInSessionsValidFromDateTime: directoryTimestamp(ctx.clock),
    });
    return graphJson(200, { '@odata.context': odataContext(req, 'Edm.Boolean'), value: true });
  };
}
