import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import { hashPassword } from '../../identity/passwords.js';
import { guid } from '../../ids.js';
import type { GraphHandler } from '../auth.js';
import { readEntityBody } from '../odata/entity-body.js';
import { USER_PROPERTIES } from '../odata/properties.js';
import { isQueryError, queryErrorResponse, type QueryError } from '../odata/query-errors.js';
import { graphJson, odataContext } from '../respond.js';
import { directoryTimestamp } from './directory-time.js';
import { boundManager } from './manager-bind.js';
import { holdUntilReplicated } from './replication.js';
import { checkProfileProps, normalizeProfileProps } from './user-profile.js';
import { checkMailNickname, checkPassword, checkUpn, proxyOwner, userErrors } from './user-validation.js';
import { viewUser } from './user-view.js';
import { USAGE_LOCATION, USER_TYPES, USER_WRITABLE } from './user-writable.js';

const REQUIRED = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName'];

/** Checks of optional properties shared by create and update. */
export function checkOptionalUserProps(props: Record<string, unknown>): QueryError | null {
  if ('displayName' in props && (typeof props.displayName !== 'string' || props.displayName.trim() === '')) {
    return userErrors.invalidValue('displayName');
  }
  if (props.usageLocation != null && !USAGE_LOCATION.test(String(props.usageLocation))) {
    return userErrors.invalidValue('usageLocation');
  }
  if (props.userType != null && !USER_TYPES.includes(String(props.userType))) {
    return userErrors.invalidValue('userType');
  }
  return checkProfileProps(props);
}

/**
 * `POST /users` → 201 with the default property set. Validation follows fact sheet §2.4:
 * required properties, UPN shape / verified domain / uniqueness (also against proxy
 * addresses), mailNickname, password policy, and onPremisesImmutableId for federated domains.
 */
export function createUser(ctx: EmulatorContext): GraphHandler {
  return (req, _params, caller) => {
    const { tenant } = caller;
    const body = readEntityBody(readJson(req), USER_WRITABLE, USER_PROPERTIES, 'user');
    if (isQueryError(body)) return queryErrorResponse(req, body);
    const { passwordProfile, ...props } = body.props;
    const password = (passwordProfile as { password?: unknown } | null | undefined)?.password;
    const missing = REQUIRED.find((name) => props[name] === undefined || props[name] === null);
    const refusal =
      (missing ? userErrors.required(missing) : null) ??
      checkOptionalUserProps(props) ??
      checkMailNickname(props.mailNickname) ??
      checkPassword(password);
    if (refusal) return queryErrorResponse(req, refusal);
    const upn = checkUpn(tenant, props.userPrincipalName, null);
    if (isQueryError(upn)) return queryErrorResponse(req, upn);
    if (upn.domain.authenticationType === 'Federated' && !props.onPremisesImmutableId) {
      return queryErrorResponse(req, userErrors.immutableIdRequired());
    }
    const managerId = boundManager(req, tenant, body.annotations);
    if (typeof managerId === 'object') return managerId;
    const mail = typeof props.mail === 'string' ? props.mail : null;
    const mailHolder = mail ? proxyOwner(tenant, mail, null) : null;
    if (mailHolder) return queryErrorResponse(req, userErrors.proxyConflict(mailHolder));

    normalizeProfileProps(props);
    const now = directoryTimestamp(ctx.clock);
    const user = ctx.estate.addUser(tenant, {
      id: guid(),
      createdDateTime: now,
      lastPasswordChangeDateTime: now,
      userType: 'Member',
      creationType: null,
      onPremisesSyncEnabled: null,
      assignedLicenses: [],
      identities: [
        {
          signInType: 'userPrincipalName',
          issuer: tenant.initialDomain,
          issuerAssignedId: props.userPrincipalName,
        },
      ],
      ...props,
      mail,
      proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    });
    user.passwordHash = hashPassword(String(password));
    if (managerId) ctx.estate.setManager(tenant, user.props.id, managerId);
    holdUntilReplicated(ctx, tenant, user);
    return graphJson(201, {
      '@odata.context': odataContext(req, 'users/$entity'),
      ...viewUser(tenant, user, null),
    });
  };
}
