/**
 * Licence changes from the desk (issue 7): which requests may be queued, and how Microsoft's
 * answer reads to a person. Pure: the caller loads the user, the licence and who manages the
 * tenant's licences.
 */

import type {
  HeldLicence,
  LicenceManager,
  LicenceOperation,
  TenantLicence,
} from '../../contracts/licences/changes.js';

export type { HeldLicence, LicenceManager, LicenceOperation, TenantLicence };

/** The desk user a change is for. */
export interface LicenceChangeSubject {
  displayName: string;
  tenantId: string | null;
  entraObjectId: string | null;
  licences: readonly HeldLicence[];
}

export interface LicenceChangeRequest {
  operation: LicenceOperation;
  skuId: string;
  disabledPlans: readonly string[];
}

export interface LicenceChangeRefusal {
  code:
    | 'user.notLinked'
    | 'licences.notManaged'
    | 'licences.managedTwice'
    | 'licence.unknown'
    | 'licence.alreadyHeld'
    | 'licence.notHeld'
    | 'licence.viaGroup';
  message: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

/** The licence's name for messages: the imported name, else the SKU id. */
export const licenceName = (licence: TenantLicence | undefined, skuId: string) => licence?.name ?? skuId;

/**
 * Whether `request` may be queued for `subject`; the connection to send it through when it may.
 * Seats are not checked here: the desk's counts may be behind Microsoft's, which decides (a
 * refusal then says how many seats the desk knew of).
 */
export function checkLicenceChange(input: {
  subject: LicenceChangeSubject;
  request: LicenceChangeRequest;
  licence: TenantLicence | undefined;
  managers: readonly LicenceManager[];
}):
  | { ok: true; connectionId: string; tenantId: string; entraObjectId: string }
  | ({ ok: false } & LicenceChangeRefusal) {
  const { subject, request, licence } = input;
  const refuse = (code: LicenceChangeRefusal['code'], message: string) => ({
    ok: false as const,
    code,
    message,
  });
  const managed = licenceManagementOf(subject, input.managers);
  if (!managed.ok) return managed;
  const name = licenceName(licence, request.skuId);
  const held = subject.licences.find((l) => l.skuId.toLowerCase() === request.skuId.toLowerCase());
  if (request.operation === 'assign') {
    if (!licence) {
      return refuse(
        'licence.unknown',
        `The tenant has no licence ${request.skuId} in the desk; run the licences module of the connection, then pick one of the tenant's licences.`,
      );
    }
    if (held && !held.viaGroup && sameSet(held.disabledPlans, request.disabledPlans)) {
      return refuse('licence.alreadyHeld', `${subject.displayName} already holds ${name}.`);
    }
  } else {
    if (!held) return refuse('licence.notHeld', `${subject.displayName} does not hold ${name}.`);
    if (held.viaGroup) {
      return refuse(
        'licence.viaGroup',
        `${subject.displayName} holds ${name} through a group (group-based licensing); remove them from the licensed group in Entra ID instead.`,
      );
    }
  }
  return managed;
}

/**
 * Whether licences of `subject` can be changed from the desk at all, and through which
 * connection: the user must be linked to Microsoft, and exactly one connection must manage
 * licences for the user's tenant.
 */
export function licenceManagementOf(
  subject: Pick<LicenceChangeSubject, 'displayName' | 'tenantId' | 'entraObjectId'>,
  managers: readonly LicenceManager[],
):
  | { ok: true; connectionId: string; connectionName: string; tenantId: string; entraObjectId: string }
  | ({ ok: false } & LicenceChangeRefusal) {
  const refuse = (code: LicenceChangeRefusal['code'], message: string) => ({
    ok: false as const,
    code,
    message,
  });
  if (!subject.tenantId || !subject.entraObjectId) {
    return refuse(
      'user.notLinked',
      `${subject.displayName} is not linked to a Microsoft user yet; run a users sync of their tenant first.`,
    );
  }
  if (managers.length === 0) {
    return refuse(
      'licences.notManaged',
      'No connection manages licences for this user\'s tenant; turn on "Allow licences to be managed from Rollcall" on the tenant\'s Entra or CSP connection.',
    );
  }
  if (managers.length > 1) {
    return refuse(
      'licences.managedTwice',
      `Licences of this tenant are managed by more than one connection (${managers.map((m) => m.name).join(', ')}); turn the setting off on all but one.`,
    );
  }
  return {
    ok: true,
    connectionId: managers[0]!.connectionId,
    connectionName: managers[0]!.name,
    tenantId: subject.tenantId,
    entraObjectId: subject.entraObjectId,
  };
}

/** What Microsoft said, as the change's error records it. */
export interface LicenceChangeError {
  code: string;
  title: string;
  message: string;
  howToFix: string;
}

/**
 * Microsoft's refusal in the change's terms: "no licences left" names the licence and the seats
 * the desk knew of (Microsoft's counts decide; the desk's may be older).
 */
export function explainLicenceError(
  error: LicenceChangeError,
  licence: TenantLicence | undefined,
  skuId: string,
): LicenceChangeError {
  if (error.code !== 'Request_BadRequest.NoAvailableLicenses') return error;
  const name = licenceName(licence, skuId);
  const seats = licence
    ? ` The desk last saw ${licence.consumedUnits} of ${licence.totalUnits} seats assigned.`
    : '';
  return {
    ...error,
    message: `No seats of ${name} are free: Microsoft refused to assign it.${seats}`,
  };
}
