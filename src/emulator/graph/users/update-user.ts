import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import { hashPassword } from '../../identity/passwords.js';
import type { UserRecord } from '../../state/types.js';
import type { GraphHandler } from '../auth.js';
import { readEntityBody } from '../odata/entity-body.js';
import { USER_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { badRequest, noContent, notFound } from '../respond.js';
import { checkOptionalUserProps } from './create-user.js';
import { directoryTimestamp } from './directory-time.js';
import { boundManager } from './manager-bind.js';
import { normalizeProfileProps } from './user-profile.js';
import { checkMailNickname, checkPassword, checkUpn, proxyOwner, userErrors } from './user-validation.js';
import { findUser, safeDecode } from './user-view.js';
import { CLOUD_WRITABLE_ON_SYNCED, ON_PREMISES_MASTERED, USER_WRITABLE } from './user-writable.js';

export const isSynced = (user: UserRecord) => user.props.onPremisesSyncEnabled === true;

/** New proxy list when the primary mail changes: the new address becomes `SMTP:`, old ones `smtp:`. */
function withPrimary(current: unknown, mail: string): string[] {
  const others = (Array.isArray(current) ? (current as string[]) : [])
    .map((p) => (p.startsWith('SMTP:') ? `smtp:${p.slice(5)}` : p))
    .filter((p) => p.toLowerCase() !== `smtp:${mail.toLowerCase()}`);
  return [`SMTP:${mail}`, ...others];
}

/**
 * `PATCH /users/{id}` → 204. The same validation as create for the properties sent; users
 * synced from on-premises AD refuse writes to on-premises-mastered properties.
 */
export function updateUser(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const { tenant } = caller;
    const user = findUser(tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    const body = readEntityBody(readJson(req), USER_WRITABLE, USER_PROPERTIES, 'user');
    if (isQueryError(body)) return queryErrorResponse(req, body);
    const { passwordProfile, ...patch } = body.props;
    const managerId = boundManager(req, tenant, body.annotations);
    if (typeof managerId === 'object') return managerId;
    const mastered = Object.keys(body.props).some((p) => !CLOUD_WRITABLE_ON_SYNCED.has(p));
    if (isSynced(user) && (mastered || managerId !== undefined)) return badRequest(req, ON_PREMISES_MASTERED);
    const id = user.props.id;
    const refusal =
      checkOptionalUserProps(patch) ??
      ('mailNickname' in patch ? checkMailNickname(patch.mailNickname) : null) ??
      (passwordProfile !== undefined
        ? checkPassword((passwordProfile as { password?: unknown } | null)?.password)
        : null);
    if (refusal) return queryErrorResponse(req, refusal);
    if ('userPrincipalName' in patch) {
      const upn = checkUpn(tenant, patch.userPrincipalName, id);
      if (isQueryError(upn)) return queryErrorResponse(req, upn);
      if (
        upn.domain.authenticationType === 'Federated' &&
        !(patch.onPremisesImmutableId ?? user.props.onPremisesImmutableId)
      ) {
        return queryErrorResponse(req, userErrors.immutableIdRequired());
      }
    }
    if (typeof patch.mail === 'string') {
      const holder = proxyOwner(tenant, patch.mail, id);
      if (holder) return queryErrorResponse(req, userErrors.proxyConflict(holder));
      patch.proxyAddresses = withPrimary(user.props.proxyAddresses, patch.mail);
    }
    normalizeProfileProps(patch);
    if (passwordProfile !== undefined) {
      user.passwordHash = hashPassword(String((passwordProfile as { password: string }).password));
      patch.lastPasswordChangeDateTime = directoryTimestamp(ctx.clock);
    }
    ctx.estate.updateUser(tenant, id, patch);
    if (managerId !== undefined) ctx.estate.setManager(tenant, id, managerId);
    return noContent();
  };
}

/** `DELETE /users/{id}` → 204; the user goes to the recycle bin (deletedItems) for 30 days. */
export function deleteUser(ctx: EmulatorContext): GraphHandler {
  return (req, params, caller) => {
    const user = findUser(caller.tenant, params.id!);
    if (!user) return notFound(req, safeDecode(params.id!));
    if (isSynced(user)) return badRequest(req, ON_PREMISES_MASTERED);
    ctx.estate.softDeleteUser(caller.tenant, user.props.id);
    return noContent();
  };
}
