import type { Estate } from '../state/estate.js';
import type { TenantRecord } from '../state/types.js';
import { LOCALES, STAFF_MIX, type LocaleInfo, type LocaleKey } from './locales.js';
import type { NamePools } from './names.js';
import type { SeedRandom } from './random.js';
import { asciiFold } from './romanise.js';

/** An office people sit in: `officeLocation`, `city`, `country` and usageLocation come from it. */
export interface Office {
  name: string;
  city: string;
  country: string;
  locale: LocaleInfo;
}

/** On-premises Active Directory a hybrid customer syncs from (Entra Connect). */
export interface OnPremisesDirectory {
  domainName: string;
  netBios: string;
  /** `S-1-5-21-a-b-c`, the domain SID users' RIDs hang off. */
  sidPrefix: string;
  nextRid: number;
}

/** Everything the per-tenant generators share while one customer tenant is being filled. */
export interface TenantBuild {
  estate: Estate;
  tenant: TenantRecord;
  random: SeedRandom;
  pools: NamePools;
  home: LocaleInfo;
  /** The custom domain users' UPNs and mail use. */
  domain: string;
  offices: Office[];
  onPremises: OnPremisesDirectory | null;
  /** Mail aliases in use (lower-case), for unique UPNs. */
  aliases: Set<string>;
  /** Seed-time "now" (the emulator clock). */
  now: number;
  nextEmployeeNumber: number;
}

/** Offices by customer size: one for small firms, a handful (one abroad) for large ones. */
const OFFICE_STEPS: readonly (readonly [minUsers: number, offices: number])[] = [
  [0, 1],
  [40, 2],
  [150, 3],
  [1000, 5],
];

function officesFor(home: LocaleInfo, users: number, random: SeedRandom): Office[] {
  const count = OFFICE_STEPS.filter(([min]) => users >= min).at(-1)![1];
  const cities = [...home.cities];
  const offices: Office[] = [];
  for (let i = 0; i < Math.min(count, cities.length); i += 1) {
    const city = cities.splice(i === 0 ? 0 : random.int(0, cities.length - 1), 1)[0]!;
    offices.push({ name: i === 0 ? `${city} HQ` : city, city, country: home.country, locale: home });
  }
  if (count >= 3) {
    const abroad = LOCALES[random.weighted(STAFF_MIX.filter(([k]) => LOCALES[k].country !== home.country))];
    const city = random.pick(abroad.cities);
    offices.push({ name: city, city, country: abroad.country, locale: abroad });
  }
  return offices;
}

export function createTenantBuild(input: {
  estate: Estate;
  tenant: TenantRecord;
  random: SeedRandom;
  pools: NamePools;
  home: LocaleKey;
  domain: string;
  users: number;
  hybrid: boolean;
  now: number;
}): TenantBuild {
  const home = LOCALES[input.home];
  const label = asciiFold(input.domain.split('.')[0] ?? 'corp').slice(0, 15) || 'corp';
  const { random } = input;
  return {
    estate: input.estate,
    tenant: input.tenant,
    random,
    pools: input.pools,
    home,
    domain: input.domain,
    offices: officesFor(home, input.users, random),
    onPremises: input.hybrid
      ? {
          domainName: `corp.${label}.local`,
          netBios: label.toUpperCase(),
          sidPrefix: `S-1-5-21-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}`,
          nextRid: 1105,
        }
      : null,
    aliases: new Set(),
    now: input.now,
    nextEmployeeNumber: random.int(1000, 4000),
  };
}
