import type { CatalogueSkuName } from '../graph/licences/catalogue.js';
import type { Estate } from '../state/estate.js';
import type { TenantRecord } from '../state/types.js';
import { seedDevices } from './devices.js';
import { seedGroups } from './groups.js';
import {
  chooseLicencePlan,
  installSkus,
  planHasIntune,
  planIsPremium,
  settleSeats,
  type LicencePlan,
} from './licensing.js';
import { LOCALES, type LocaleKey } from './locales.js';
import type { NamePools } from './names.js';
import type { SeedRandom } from './random.js';
import { asciiFold } from './romanise.js';
import { createTenantBuild, type TenantBuild } from './tenant-build.js';
import { DAY_MS } from './time.js';
import { seedUsers, type SeededPeople } from './users.js';

/** What every part of a seeding run shares. */
export interface SeedRun {
  estate: Estate;
  pools: NamePools;
  now: number;
}

export interface CustomerSpec {
  displayName: string;
  home: LocaleKey;
  users: number;
  /** Synced from on-premises AD (Entra Connect). */
  hybrid: boolean;
  /** Custom domain; derived from the name when absent. */
  domain?: string;
  /** The SKU most people get; chosen by size when absent. */
  mainSku?: CatalogueSkuName;
  /** The partner (MSP) tenant: it holds Partner Center state and GDAP relationships. */
  partner?: boolean;
}

export interface SeededTenant {
  tenant: TenantRecord;
  people: SeededPeople;
  plan: LicencePlan;
  build: TenantBuild;
}

/** Longest label kept from a company name (the `…onmicrosoft.com` label allows 27). */
const LABEL_MAX = 20;
/** Words of a company name that make poor domain labels. */
const NOISE_WORDS = new Set([
  'and',
  'und',
  'et',
  'e',
  'y',
  'the',
  'sp',
  'z',
  'o',
  'oo',
  'ltd',
  'inc',
  'llc',
  'gmbh',
]);

/** A verified custom domain and an `onmicrosoft.com` domain no tenant in the estate uses yet. */
export function freeDomains(estate: Estate, companyName: string, tld: string, wanted?: string) {
  const words = companyName
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiFold)
    .filter((w) => w.length > 1 && !NOISE_WORDS.has(w));
  const label = (words.slice(0, 2).join('') || 'customer').slice(0, LABEL_MAX);
  const [wantedLabel, ...wantedRest] = (wanted ?? '').split('.');
  const base = wanted ? wantedLabel! : label;
  const suffix = wanted ? wantedRest.join('.') : tld;
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}${n}`;
    const domain = `${candidate}.${suffix}`;
    const initial = `${candidate.replace(/[^a-z0-9]/g, '')}.onmicrosoft.com`;
    if (!estate.tenant(domain) && !estate.tenant(initial)) return { domain, initialDomain: initial };
  }
}

/**
 * One customer tenant with its SKUs, people, groups and devices. Everything is written silently:
 * seeding is the starting state, not a change delta rounds should report.
 */
export function seedCustomerTenant(run: SeedRun, random: SeedRandom, spec: CustomerSpec): SeededTenant {
  const { estate } = run;
  const home = LOCALES[spec.home];
  const plan = chooseLicencePlan(spec.users, random, spec.mainSku);
  const { domain, initialDomain } = freeDomains(estate, spec.displayName, home.tld, spec.domain);
  const id = random.guid();
  if (estate.tenants.has(id))
    throw new Error(`emulator seed: tenant ${id} already exists (use another seed)`);
  const tenant = estate.createTenant({
    id,
    displayName: spec.displayName,
    initialDomain,
    customDomains: [domain],
    premium: planIsPremium(plan),
    intune: planHasIntune(plan),
    countryLetterCode: home.country,
    partner: spec.partner ?? false,
  });
  tenant.createdDateTime = new Date(run.now - random.int(400, 3000) * DAY_MS).toISOString();
  const build = createTenantBuild({
    estate,
    tenant,
    random,
    pools: run.pools,
    home: spec.home,
    domain,
    users: spec.users,
    hybrid: spec.hybrid,
    now: run.now,
  });
  installSkus(build, plan);
  const people = seedUsers(build, plan, spec.users);
  settleSeats(build, plan);
  seedGroups(build, people);
  seedDevices(build, people.members);
  return { tenant, people, plan, build };
}
