import { HOME_LOCALES, LOCALES, type LocaleKey } from '../seed/locales.js';
import type { Office, TenantBuild } from '../seed/tenant-build.js';
import type { TenantRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';

/** The locale a tenant's people mostly come from, by its country. */
export function homeLocaleOf(tenant: TenantRecord): LocaleKey {
  const match = HOME_LOCALES.find(([key]) => LOCALES[key].country === tenant.countryLetterCode);
  return match?.[0] ?? 'en_GB';
}

/** The tenant's default verified domain (where new UPNs go). */
export function defaultDomainOf(tenant: TenantRecord): string {
  return (tenant.domains.find((d) => d.isDefault) ?? tenant.domains[0])?.id ?? tenant.initialDomain;
}

/** Offices people in the tenant already sit in (`officeLocation`, city, country). */
export function officesOf(tenant: TenantRecord, home: LocaleKey): Office[] {
  const offices = new Map<string, Office>();
  for (const user of tenant.users.values()) {
    const name = user.props.officeLocation;
    if (typeof name !== 'string' || offices.has(name)) continue;
    const country = String(user.props.country ?? LOCALES[home].country);
    const locale = Object.values(LOCALES).find((l) => l.country === country) ?? LOCALES[home];
    offices.set(name, { name, city: String(user.props.city ?? name), country, locale });
  }
  if (offices.size === 0) {
    const locale = LOCALES[home];
    const city = locale.cities[0]!;
    offices.set(city, { name: `${city} HQ`, city, country: locale.country, locale });
  }
  return [...offices.values()];
}

/**
 * A seeding context for an existing tenant, so joiners are generated like seeded people: same
 * name pools, unique aliases, offices and employee numbers continuing from the highest in use.
 */
export function buildForTenant(admin: AdminContext, tenant: TenantRecord): TenantBuild {
  const home = homeLocaleOf(tenant);
  const aliases = new Set<string>();
  let highest = 0;
  for (const [upn] of tenant.upnIndex) aliases.add(upn.split('@')[0]!);
  for (const user of tenant.users.values()) {
    const n = Number(user.props.employeeId);
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return {
    estate: admin.emulator.estate,
    tenant,
    random: admin.random,
    pools: admin.names(),
    home: LOCALES[home],
    domain: defaultDomainOf(tenant),
    offices: officesOf(tenant, home),
    onPremises: null,
    aliases,
    now: admin.emulator.clock.now(),
    nextEmployeeNumber: highest + 1,
  };
}
