import type { GraphProps } from '../state/types.js';
import { flat } from './random.js';
import type { PersonName } from './people.js';
import type { Office, TenantBuild } from './tenant-build.js';
import { DAY_MS, isoDate, isoSeconds } from './time.js';

/**
 * Values shared by every record that has them empty. Frozen, so a handler that tried to edit one
 * in place (instead of replacing it through the estate) fails loudly; sharing them saves ~25 MB
 * in a 100k-user estate.
 */
const NONE: readonly never[] = Object.freeze([]);

/** The fifteen Exchange custom attributes Entra Connect syncs (all null for cloud-only users). */
const NO_EXTENSION_ATTRIBUTES = Object.freeze(extensionAttributes());

/** An empty list that may be shared between records (frozen). */
export function noValues<T>(): T[] {
  return NONE as unknown as T[];
}

export function extensionAttributes(): Record<string, string | null> {
  // A literal (not a loop of computed keys) keeps 100k of these in V8's compact object layout.
  return {
    extensionAttribute1: null,
    extensionAttribute2: null,
    extensionAttribute3: null,
    extensionAttribute4: null,
    extensionAttribute5: null,
    extensionAttribute6: null,
    extensionAttribute7: null,
    extensionAttribute8: null,
    extensionAttribute9: null,
    extensionAttribute10: null,
    extensionAttribute11: null,
    extensionAttribute12: null,
    extensionAttribute13: null,
    extensionAttribute14: null,
    extensionAttribute15: null,
  };
}

/** Every user record gets the same keys in the same order (and shares one hidden class). */
export function blankUser(id: string): GraphProps {
  return {
    id,
    businessPhones: noValues(),
    displayName: null,
    givenName: null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: null,
    accountEnabled: true,
    userType: 'Member',
    department: null,
    employeeId: null,
    employeeType: null,
    employeeHireDate: null,
    companyName: null,
    city: null,
    country: null,
    usageLocation: null,
    mailNickname: null,
    proxyAddresses: noValues(),
    otherMails: noValues(),
    createdDateTime: null,
    creationType: null,
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    assignedLicenses: noValues(),
    signInActivity: null,
    onPremisesSyncEnabled: null,
    onPremisesImmutableId: null,
    onPremisesSamAccountName: null,
    onPremisesDomainName: null,
    onPremisesUserPrincipalName: null,
    onPremisesDistinguishedName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesLastSyncDateTime: null,
    onPremisesExtensionAttributes: NO_EXTENSION_ATTRIBUTES,
  };
}

export function phoneNumber(build: TenantBuild, office: Office): string {
  const { random } = build;
  return flat(
    `${office.locale.callingCode} ${random.int(20, 99)} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`,
  );
}

/** Sign-in activity as Graph reports it; `daysAgoMax` bounds the last interactive sign-in. */
export function signInActivity(
  build: TenantBuild,
  daysAgoMin: number,
  daysAgoMax: number,
): GraphProps['signInActivity'] {
  const { random, now } = build;
  const interactive = now - random.int(daysAgoMin * DAY_MS, daysAgoMax * DAY_MS);
  const background = Math.min(now, interactive + random.int(0, DAY_MS));
  const requestId = random.guid();
  const at = isoSeconds(interactive);
  return {
    lastSignInDateTime: at,
    lastSignInRequestId: requestId,
    lastNonInteractiveSignInDateTime: isoSeconds(background),
    lastNonInteractiveSignInRequestId: random.guid(),
    lastSuccessfulSignInDateTime: at,
    lastSuccessfulSignInRequestId: requestId,
  };
}

/** Fills the person-shaped fields shared by members and leavers. */
export function applyPerson(
  build: TenantBuild,
  props: GraphProps,
  name: PersonName,
  alias: string,
  office: Office,
): void {
  const { random, now, domain, tenant } = build;
  const upn = `${alias}@${domain}`;
  props.displayName = name.displayName;
  props.givenName = name.given.native;
  props.surname = name.family.native;
  props.userPrincipalName = upn;
  props.mail = upn;
  props.mailNickname = alias;
  props.proxyAddresses = [`SMTP:${upn}`, `smtp:${alias}@${tenant.initialDomain}`];
  props.officeLocation = office.name;
  props.city = office.city;
  props.country = office.country;
  props.companyName = random.chance(0.8) ? tenant.displayName : null;
  props.preferredLanguage = random.chance(0.6) ? name.locale.language : null;
  props.businessPhones = random.chance(0.7) ? [phoneNumber(build, office)] : noValues();
  props.mobilePhone = random.chance(0.4) ? phoneNumber(build, office) : null;
  props.employeeId = String(build.nextEmployeeNumber++);
  props.employeeType = random.chance(0.9) ? 'Employee' : 'Contractor';
  const created = now - random.int(20 * DAY_MS, 2400 * DAY_MS);
  props.createdDateTime = isoSeconds(created);
  props.employeeHireDate = isoDate(created - random.int(0, 20) * DAY_MS);
}

/** Marks a user as synced from on-premises AD (Entra Connect), with the attributes it writes. */
export function applyOnPremises(build: TenantBuild, props: GraphProps, costCentre: string): void {
  const ad = build.onPremises;
  if (!ad) return;
  const { random, now } = build;
  const alias = String(props.mailNickname);
  props.onPremisesSyncEnabled = true;
  props.onPremisesImmutableId = Buffer.from(random.guid().replace(/-/g, ''), 'hex').toString('base64');
  props.onPremisesSamAccountName = alias.replace(/\./g, '').slice(0, 20);
  props.onPremisesDomainName = ad.domainName;
  props.onPremisesUserPrincipalName = `${alias}@${ad.domainName}`;
  const dc = ad.domainName
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');
  props.onPremisesDistinguishedName = `CN=${String(props.displayName)},OU=${String(props.department ?? 'Users')},OU=Staff,${dc}`;
  props.onPremisesSecurityIdentifier = `${ad.sidPrefix}-${ad.nextRid++}`;
  props.onPremisesLastSyncDateTime = isoSeconds(now - random.int(60_000, 30 * 60_000));
  const ext = extensionAttributes();
  props.onPremisesExtensionAttributes = ext;
  ext.extensionAttribute1 = costCentre;
  ext.extensionAttribute2 = String(props.employeeId ?? '') || null;
  ext.extensionAttribute10 = random.chance(0.3) ? 'MFA-Exempt-Reviewed' : null;
}
