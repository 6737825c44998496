import type { DomainRecord, TenantRecord } from '../../state/types.js';
import type { QueryError } from '../odata/query-errors.js';
import { isStrongPassword } from './password-policy.js';

/** Local part: letters, digits and `' . - _ ! # ^ ~`, no leading/trailing dot; one `@`. */
const UPN =
  /^(?!\.)[A-Za-z0-9'._\-!#^~]{1,64}(?<!\.)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)$/;
/** mailNickname: up to 64 ASCII characters, none of `@ ( ) \ [ ] " ; : < > ,` or spaces. */
const MAIL_NICKNAME = /^[\x21-\x7e]{1,64}$/;
const MAIL_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;

const badRequest = (message: string, details?: QueryError['details']): QueryError => ({
  status: 400,
  code: 'Request_BadRequest',
  message,
  ...(details ? { details } : {}),
});

const conflict = (property: string) => {
  const message = `Another object with the same value for property ${property} already exists.`;
  return { message, detail: { code: 'ObjectConflict', message, target: property } };
};

/** Create/update errors of fact sheet §2.4, with Microsoft's wording and `details`. */
export const userErrors = {
  required: (property: string) =>
    badRequest(`A value is required for property '${property}' of resource 'User'.`),
  invalidValue: (property: string) =>
    badRequest(`Invalid value specified for property '${property}' of resource 'User'.`, [
      {
        code: 'InvalidValue',
        message: `Invalid value specified for property '${property}' of resource 'User'.`,
        target: property,
      },
    ]),
  passwordRequired: () => badRequest('A password must be specified to create a new user.'),
  weakPassword: () =>
    badRequest(
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
    ),
  malformedUpn: () =>
    badRequest('Property userPrincipalName is invalid.', [
      {
        code: 'InvalidValue',
        message: 'Property userPrincipalName is invalid.',
        target: 'userPrincipalName',
      },
    ]),
  unverifiedDomain: () => {
    const message =
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.';
    return badRequest(message, [{ code: 'InvalidValue', message, target: 'userPrincipalName' }]);
  },
  duplicateUpn: () => {
    const { message, detail } = conflict('userPrincipalName');
    return badRequest(message, [detail]);
  },
  proxyConflict: (conflictingId: string) => {
    const { message, detail } = conflict('proxyAddresses');
    return badRequest(message, [detail, { code: 'ConflictingObjects', message, target: conflictingId }]);
  },
  immutableIdRequired: () =>
    badRequest(
      "Property 'onPremisesImmutableId' is required when the userPrincipalName uses a federated domain.",
      [{ code: 'InvalidValue', target: 'onPremisesImmutableId' }],
    ),
};

/** The id of another live user or group that already answers to `address`, if any. */
export function proxyOwner(tenant: TenantRecord, address: string, exceptId: string | null): string | null {
  const wanted = `smtp:${address.toLowerCase()}`;
  const holds = (props: Record<string, unknown>) =>
    Array.isArray(props.proxyAddresses) &&
    (props.proxyAddresses as unknown[]).some((p) => typeof p === 'string' && p.toLowerCase() === wanted);
  for (const [id, user] of tenant.users) {
    if (id !== exceptId && user.deletedAt === null && holds(user.props)) return id;
  }
  for (const [id, group] of tenant.groups) {
    if (id !== exceptId && group.deletedAt === null && holds(group.props)) return id;
  }
  return null;
}

/**
 * Checks a userPrincipalName for a create or update: well-formed, a verified domain of the
 * tenant, and not used by another object as UPN or proxy address. Returns the domain on success.
 */
export function checkUpn(
  tenant: TenantRecord,
  upn: unknown,
  exceptId: string | null,
): { domain: DomainRecord } | QueryError {
  if (typeof upn !== 'string') return userErrors.malformedUpn();
  const match = UPN.exec(upn);
  if (!match) return userErrors.malformedUpn();
  const domainName = match[1]!.toLowerCase();
  const domain = tenant.domains.find((d) => d.id.toLowerCase() === domainName && d.isVerified);
  if (!domain) return userErrors.unverifiedDomain();
  const holder = tenant.upnIndex.get(upn.toLowerCase());
  if (holder !== undefined && holder !== exceptId) return userErrors.duplicateUpn();
  const proxyHolder = proxyOwner(tenant, upn, exceptId);
  if (proxyHolder) return userErrors.proxyConflict(proxyHolder);
  return { domain };
}

export function isValidMailNickname(value: unknown): value is string {
  return typeof value === 'string' && MAIL_NICKNAME.test(value) && !MAIL_NICKNAME_FORBIDDEN.test(value);
}

export function checkMailNickname(value: unknown): QueryError | null {
  return isValidMailNickname(value) ? null : userErrors.invalidValue('mailNickname');
}

export function checkPassword(password: unknown): QueryError | null {
  if (typeof password !== 'string' || password === '') return userErrors.passwordRequired();
  return isStrongPassword(password) ? null : userErrors.weakPassword();
}
