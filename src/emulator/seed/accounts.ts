import type { GraphProps } from '../state/types.js';
import { GUEST_DOMAINS, SERVICE_ACCOUNTS, SHARED_MAILBOXES } from './org.js';
import { drawName, personAlias, uniqueAlias } from './people.js';
import type { TenantBuild } from './tenant-build.js';
import { DAY_MS, isoSeconds } from './time.js';
import { blankUser, signInActivity } from './user-props.js';
import type { SeededPeople, userMix } from './users.js';

/** Share of big shared mailboxes (over 50 GB) that need an Exchange licence. */
const LICENSED_SHARED = 0.15;
/** Share of guests who never redeemed their invitation. */
const PENDING_GUESTS = 0.2;

type Mix = ReturnType<typeof userMix>;

const created = (build: TenantBuild) => isoSeconds(build.now - build.random.int(30 * DAY_MS, 1500 * DAY_MS));

/** Guests (B2B, `#EXT#` UPNs), service accounts with a break-glass admin first, and shared mailboxes. */
export function addAccounts(build: TenantBuild, mix: Mix, out: SeededPeople, sharedSku: string | null): void {
  const { estate, tenant, random, domain } = build;
  const add = (props: GraphProps) => estate.addUser(tenant, props, { silent: true });
  const recent = [] as Parameters<typeof drawName>[1];

  for (let i = 0; i < mix.guests; i += 1) {
    const name = drawName(build, recent);
    const external = `${personAlias(name)}@${random.pick(GUEST_DOMAINS)}`;
    const local = uniqueAlias(build, `${external.replace('@', '_')}#EXT#`);
    const props = blankUser(random.guid());
    const pending = random.chance(PENDING_GUESTS);
    Object.assign(props, {
      displayName: name.displayName,
      givenName: name.given.native,
      surname: name.family.native,
      userPrincipalName: `${local}@${tenant.initialDomain}`,
      mail: external,
      mailNickname: local,
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: pending ? 'PendingAcceptance' : 'Accepted',
      externalUserStateChangeDateTime: created(build),
      createdDateTime: created(build),
      proxyAddresses: [`SMTP:${external}`],
      otherMails: [external],
      signInActivity: pending ? null : signInActivity(build, 0, 120),
    });
    out.guests.push(add(props).props.id);
  }

  for (let i = 0; i < mix.service; i += 1) {
    const template = i === 0 ? null : SERVICE_ACCOUNTS[(i - 1) % SERVICE_ACCOUNTS.length]!;
    const alias = uniqueAlias(build, template?.alias ?? 'breakglass');
    const props = blankUser(random.guid());
    const upnDomain = template ? domain : tenant.initialDomain;
    Object.assign(props, {
      displayName: template?.displayName ?? 'Emergency Access Account',
      userPrincipalName: `${alias}@${upnDomain}`,
      mail: template?.alias === 'svc-scanner' ? `${alias}@${domain}` : null,
      mailNickname: alias,
      usageLocation: build.offices[0]!.country,
      createdDateTime: created(build),
      signInActivity: signInActivity(build, 0, template ? 2 : 200),
      passwordPolicies: 'DisablePasswordExpiration',
    });
    out.service.push(add(props).props.id);
  }

  for (let i = 0; i < mix.shared; i += 1) {
    const label = SHARED_MAILBOXES[i % SHARED_MAILBOXES.length]!;
    const alias = uniqueAlias(build, label.toLowerCase());
    const props = blankUser(random.guid());
    const mail = `${alias}@${domain}`;
    Object.assign(props, {
      displayName: label,
      userPrincipalName: mail,
      mail,
      mailNickname: alias,
      accountEnabled: false,
      usageLocation: build.offices[0]!.country,
      createdDateTime: created(build),
      proxyAddresses: [`SMTP:${mail}`, `smtp:${alias}@${tenant.initialDomain}`],
      assignedLicenses:
        sharedSku && random.chance(LICENSED_SHARED) ? [{ skuId: sharedSku, disabledPlans: [] }] : [],
    });
    out.shared.push(add(props).props.id);
  }
}
