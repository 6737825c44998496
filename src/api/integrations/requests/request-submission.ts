import { randomInt } from 'node:crypto';
import type {
  LeaverFields,
  LeaverForm,
  NewStarterFields,
  NewStarterForm,
} from '../../../contracts/onboarding/request-fields.js';
import { defaultDisplayName } from '../../../domain/onboarding/naming.js';
import { generateTemporaryPassword } from '../../../domain/onboarding/password.js';
import { ticketEligibility } from '../../../domain/users/ticket-eligibility.js';
import {
  createOnboardingConfigRepository,
  createRequestRepository,
  createUserAdminRepository,
  type NewRequest,
} from '../../../store/index.js';
import type { Principal } from '../../auth/principal.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { previewAddress, requireConfig } from './address-preview.js';
import { leaverSummary, newStarterSummary, requestReference } from './request-text.js';
import type { RequestSettings } from './request-settings.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>;

const fieldError = (field: string, message: string, summary = message) =>
  new ApiHttpError('validation_failed', summary, [{ field, message }]);

/**
 * The ticket rule (src/domain/users/ticket-eligibility.ts) for the person raising a request: an
 * inactive requester, a service account or one the contract refuses cannot log it; one outside
 * the contract in "flag" mode can, and the request is flagged. Agents are not desk users.
 */
async function requesterRule(deps: Deps, principal: Principal): Promise<string | null> {
  if (principal.kind !== 'portal') return null;
  const user = await createRequestRepository(deps.db).requesterUser(principal.accountId);
  if (!user) return null;
  const rule = ticketEligibility(user);
  if (!rule.allowed) throw new ApiHttpError('forbidden', `You cannot raise requests: ${rule.reason}.`);
  return rule.flagged ? rule.reason : null;
}

function requester(principal: Principal) {
  return { accountId: principal.accountId, name: principal.displayName };
}

function approvalOf(settings: RequestSettings) {
  const config = requireConfig(settings);
  return { approval: config.approval, notifications: config.notifications };
}

/**
 * A new-starter request from the form: every choice checked against the customer's settings (the
 * field named when not), the address chosen now (free in the tenant), a temporary password made
 * from the CSPRNG and kept encrypted. Nothing is sent to Microsoft.
 */
export async function newStarterRequest(
  deps: Deps,
  settings: RequestSettings,
  principal: Principal,
  form: NewStarterForm,
): Promise<NewRequest> {
  const config = requireConfig(settings);
  const flag = await requesterRule(deps, principal);
  const offered = new Map(settings.groups.map((g) => [g.name.toLowerCase(), g]));
  const groups = form.groups.map((name) => {
    const group = offered.get(name.toLowerCase());
    if (!group) throw fieldError('groups', `"${name}" is not one of the groups offered`);
    return { name: group.name, id: group.id, kind: group.kind };
  });
  const licences = await chosenLicences(deps, config.tenantId, config.licences, form.licences);
  const manager = form.managerId ? await managerOf(deps, settings.customer.id, form.managerId) : null;
  const usageLocation = form.usageLocation ?? settings.customer.defaultUsageLocation;
  if (!usageLocation)
    throw fieldError(
      'usageLocation',
      'required: Microsoft needs a usage location to assign licences (e.g. GB)',
    );
  const preview = await previewAddress(deps, settings, form);
  if (!preview.userPrincipalName || !preview.mailNickname)
    throw fieldError('lastName', preview.problem ?? 'no address can be made from this name');
  const fields: NewStarterFields = {
    firstName: form.firstName,
    middleName: form.middleName ?? null,
    lastName: form.lastName,
    displayName: form.displayName ?? defaultDisplayName(form),
    jobTitle: form.jobTitle ?? null,
    department: form.department ?? null,
    officeLocation: form.officeLocation ?? null,
    manager,
    startDate: form.startDate,
    usageLocation,
    mobilePhone: form.mobilePhone ?? null,
    emailFormat: form.emailFormat ?? config.naming.format,
    domain: preview.userPrincipalName.split('@')[1]!,
    userPrincipalName: preview.userPrincipalName,
    mailNickname: preview.mailNickname,
    groups,
    licences,
    notes: form.notes ?? null,
  };
  return {
    customerId: settings.customer.id,
    type: 'newStarter',
    summary: newStarterSummary(fields),
    fields,
    ...approvalOf(settings),
    requestedBy: requester(principal),
    tenantId: config.tenantId,
    flag,
    passwordCiphertext: deps.secrets.encrypt(generateTemporaryPassword(randomInt)),
  };
}

async function chosenLicences(
  deps: Deps,
  tenantId: string,
  offered: readonly string[],
  chosen: readonly string[],
) {
  const names = new Map(
    (await createOnboardingConfigRepository(deps.db).tenantLicences(tenantId)).map((l) => [
      l.skuId.toLowerCase(),
      l.name,
    ]),
  );
  const allowed = new Set(offered.map((s) => s.toLowerCase()));
  return chosen.map((skuId) => {
    const key = skuId.toLowerCase();
    if (!allowed.has(key)) throw fieldError('licences', `${skuId} is not one of the licences offered`);
    return { skuId: key, name: names.get(key) ?? key };
  });
}

async function managerOf(deps: Deps, customerId: string, managerId: string) {
  const found = await createUserAdminRepository(deps.db).findById(managerId);
  if (!found || found.user.customerId !== customerId || found.user.inactive)
    throw fieldError('managerId', 'must be an active user of the organisation');
  return { id: found.user.id, name: found.user.displayName, entraObjectId: found.user.entraObjectId };
}

/** A leaver request: the user must be the customer's, linked to its tenant. */
export async function leaverRequest(
  deps: Deps,
  settings: RequestSettings,
  principal: Principal,
  form: LeaverForm,
): Promise<NewRequest> {
  const config = requireConfig(settings);
  const flag = await requesterRule(deps, principal);
  const found = await createUserAdminRepository(deps.db).findById(form.userId);
  if (!found || found.user.customerId !== settings.customer.id)
    throw fieldError('userId', 'must be one of the organisation’s users');
  const { user } = found;
  if (!user.entraObjectId || user.tenantId !== config.tenantId)
    throw fieldError(
      'userId',
      `${user.displayName} is not linked to the organisation’s Microsoft tenant, so there is nothing to switch off there`,
    );
  const open = await createRequestRepository(deps.db).openLeaverOf(user.id);
  if (open !== null)
    throw new ApiHttpError(
      'conflict',
      `${user.displayName} already has an open leaver request ${requestReference(open)}; change or cancel that one instead.`,
    );
  const fields: LeaverFields = {
    user: {
      id: user.id,
      name: user.displayName,
      userPrincipalName: user.userPrincipalName,
      entraObjectId: user.entraObjectId,
    },
    leaveDate: form.leaveDate,
    removeGroups: form.removeGroups,
    removeLicences: form.removeLicences,
    deleteAfterDays: form.deleteAfterDays ?? null,
    handoverNotes: form.handoverNotes ?? null,
  };
  return {
    customerId: settings.customer.id,
    type: 'leaver',
    summary: leaverSummary(fields),
    fields,
    ...approvalOf(settings),
    requestedBy: requester(principal),
    tenantId: config.tenantId,
    entraObjectId: user.entraObjectId,
    deskUserId: user.id,
    flag,
  };
}
