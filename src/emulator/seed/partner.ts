import type { Estate } from '../state/estate.js';
import type { AppRegistration, TenantRecord } from '../state/types.js';
import { DIRECTORY_APP_ROLES, newSecret, registerSeedApp } from './apps.js';
import { seedCustomerTenant, type SeedRun } from './customer.js';
import type { GdapGroups } from './gdap.js';
import { groupProps, nicknameOf } from './group-props.js';
import type { SeedRandom } from './random.js';

/** The MSP: its tenant (with Partner Center state) and the apps Rollcall signs in with. */
export interface PartnerSeed {
  tenant: TenantRecord;
  /** MPN / Partner Network id shown on CSP subscriptions. */
  partnerId: string;
  apps: { partner: AppRegistration; gdap: AppRegistration; sso: AppRegistration };
  /** Partner security groups GDAP relationships assign roles to. */
  gdapGroups: GdapGroups;
}

const HELPDESK_GROUP = 'GDAP - Helpdesk';
const USER_ADMIN_GROUP = 'GDAP - User Administrators';

function gdapGroupsOf(tenant: TenantRecord): GdapGroups {
  const byName = (name: string) =>
    [...tenant.groups.values()].find((g) => g.props.displayName === name)?.props.id ?? null;
  return { helpdesk: byName(HELPDESK_GROUP), userAdmins: byName(USER_ADMIN_GROUP) };
}

export const PARTNER_NAME = 'Northwind IT Partners';
const PARTNER_STAFF = 14;
/** An older secret of the GDAP app that has run out (rotated, not yet removed). */
const EXPIRED_SECRET_AGE_DAYS = 40;

/** Redirect URIs a local Rollcall uses (loopback for desktop flows, the web app's callback). */
export const LOCAL_REDIRECT_URIS = [
  'http://localhost',
  'http://localhost:3000/auth/callback',
  'http://localhost:3000/auth/partner-center/callback',
];

/** Creates the partner tenant, its technicians and groups, and the partner, GDAP and sign-in apps. */
export function seedPartner(run: SeedRun, random: SeedRandom): PartnerSeed {
  const seeded = seedCustomerTenant(run, random, {
    displayName: PARTNER_NAME,
    home: 'en_GB',
    users: PARTNER_STAFF,
    hybrid: false,
    domain: 'northwindit.co.uk',
    partner: true,
  });
  const { tenant, people, build } = seeded;
  for (const name of ['AdminAgents', 'HelpdeskAgents', HELPDESK_GROUP, USER_ADMIN_GROUP]) {
    const id = random.guid();
    const spec = {
      displayName: name,
      description: `${name} (Partner Center / GDAP)`,
      kind: 'security' as const,
    };
    run.estate.addGroup(
      tenant,
      groupProps(build, id, spec, nicknameOf(name)),
      { kind: 'security' },
      { silent: true },
    );
    for (const member of people.members.slice(0, random.int(3, 6))) {
      run.estate.addMember(tenant, id, member, '#microsoft.graph.user', { silent: true });
    }
  }
  const partner = registerSeedApp(run.estate, random, run.now, {
    kind: 'partner',
    displayName: 'Rollcall Partner Center',
    home: tenant,
    multiTenant: false,
    partnerCenterScopes: ['user_impersonation'],
    // Guide 002 Fig 7: the Partner API permission the subscription pricing import needs.
    partnerApiScopes: ['user_impersonation'],
    graphRoles: ['DelegatedAdminRelationship.Read.All'],
    graphScopes: ['DelegatedAdminRelationship.Read.All', 'User.Read', 'offline_access'],
    redirectUris: LOCAL_REDIRECT_URIS,
  });
  const gdap = registerSeedApp(run.estate, random, run.now, {
    kind: 'gdap',
    displayName: 'Rollcall Customer Directories',
    home: tenant,
    multiTenant: true,
    // Guide 002: the GDAP app also holds PartnerBilling.Read.All for consumption billing.
    graphRoles: [...DIRECTORY_APP_ROLES, 'PartnerBilling.Read.All'],
  });
  gdap.secrets.push(newSecret(random, run.now, -EXPIRED_SECRET_AGE_DAYS));
  const sso = registerSeedApp(run.estate, random, run.now, {
    kind: 'sso',
    displayName: 'Rollcall Sign-in',
    home: tenant,
    multiTenant: false,
    graphScopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read'],
    redirectUris: LOCAL_REDIRECT_URIS,
  });
  return {
    tenant,
    partnerId: String(random.int(4_000_000, 6_999_999)),
    apps: { partner, gdap, sso },
    gdapGroups: gdapGroupsOf(tenant),
  };
}

/** The partner already in the estate (when seeding more customers on top of it). */
export function findPartner(estate: Estate): PartnerSeed | null {
  const tenant = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  if (!tenant) return null;
  const apps = [...estate.apps.values()].filter((a) => a.homeTenantId === tenant.id);
  const byKind = (kind: AppRegistration['kind']) => apps.find((a) => a.kind === kind);
  const partner = byKind('partner');
  const gdap = byKind('gdap');
  const sso = byKind('sso');
  if (!partner || !gdap || !sso) return null;
  const anySub = [...(tenant.partnerCenter?.subscriptions.values() ?? [])][0]?.values().next().value;
  return {
    tenant,
    partnerId: String(anySub?.props.partnerId ?? ''),
    apps: { partner, gdap, sso },
    gdapGroups: gdapGroupsOf(tenant),
  };
}
