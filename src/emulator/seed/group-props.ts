import type { GraphProps, GroupKind } from '../state/types.js';
import { asciiFold } from './romanise.js';
import type { TenantBuild } from './tenant-build.js';
import { DAY_MS, isoSeconds } from './time.js';

export interface GroupSpec {
  displayName: string;
  description: string;
  kind: GroupKind;
  /** Dynamic membership rule (`membershipRule`); membership is computed at seed time. */
  rule?: string;
  paused?: boolean;
  /** Synced from on-premises AD. */
  synced?: boolean;
  roleAssignable?: boolean;
  /** A Microsoft 365 group with a Team. */
  team?: boolean;
}

const MAIL_ENABLED: Record<GroupKind, boolean> = {
  m365: true,
  security: false,
  mailSecurity: true,
  distribution: true,
};

/** `S-1-12-1-…`, the SID Entra gives cloud groups. */
function cloudSid(build: TenantBuild): string {
  const r = () => build.random.int(1, 0xffffffff);
  return `S-1-12-1-${r()}-${r()}-${r()}-${r()}`;
}

/** Graph properties of a group of the given kind (groups-overview: groupTypes × mailEnabled × securityEnabled). */
export function groupProps(build: TenantBuild, id: string, spec: GroupSpec, nickname: string): GraphProps {
  const { random, now, domain } = build;
  const mailEnabled = MAIL_ENABLED[spec.kind];
  const ad = spec.synced ? build.onPremises : null;
  const created = now - random.int(60 * DAY_MS, 2000 * DAY_MS);
  const groupTypes = [
    ...(spec.kind === 'm365' ? ['Unified'] : []),
    ...(spec.rule ? ['DynamicMembership'] : []),
  ];
  const mail = mailEnabled ? `${nickname}@${domain}` : null;
  return {
    id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: isoSeconds(created),
    creationOptions: spec.team ? ['Team', 'ExchangeProvisioningFlags:3552'] : [],
    description: spec.description,
    displayName: spec.displayName,
    expirationDateTime: null,
    groupTypes,
    isAssignableToRole: spec.roleAssignable ? true : null,
    mail,
    mailEnabled,
    mailNickname: nickname,
    membershipRule: spec.rule ?? null,
    membershipRuleProcessingState: spec.rule ? (spec.paused ? 'Paused' : 'On') : null,
    onPremisesDomainName: ad?.domainName ?? null,
    onPremisesLastSyncDateTime: ad ? isoSeconds(now - random.int(60_000, 30 * 60_000)) : null,
    onPremisesNetBiosName: ad?.netBios ?? null,
    onPremisesSamAccountName: ad ? nickname.slice(0, 20) : null,
    onPremisesSecurityIdentifier: ad ? `${ad.sidPrefix}-${ad.nextRid++}` : null,
    onPremisesSyncEnabled: ad ? true : null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    renewedDateTime: isoSeconds(created),
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: spec.team ? ['Team'] : [],
    securityEnabled: spec.kind !== 'distribution' && (spec.kind !== 'm365' || spec.rule !== undefined),
    securityIdentifier: cloudSid(build),
    theme: null,
    visibility: spec.kind === 'm365' ? (random.chance(0.7) ? 'Private' : 'Public') : null,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
}

/** A mail nickname from a display name (`Loc-München` → `loc-munchen`). */
export function nicknameOf(displayName: string): string {
  return displayName
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiFold)
    .filter(Boolean)
    .join('-');
}
