import type { CustomerSpec } from './customer.js';
import { HOME_LOCALES } from './locales.js';
import type { NamePools } from './names.js';
import type { SeedRandom } from './random.js';
import { skewedSizes } from './sizes.js';

/** A customer to create and how it relates to the partner. */
export interface CustomerPlan {
  spec: CustomerSpec;
  consented: boolean;
  gdap: 'active' | 'expiring';
  expiredRelationship: boolean;
  /** Whether the customer has an Azure plan; default: decided from its tenant id. */
  azurePlan?: boolean;
}

/**
 * The demo book: five customers from a 12-person bakery to a 180-person logistics firm, one that
 * never consented the GDAP app, GDAP relationships about to end, and an old expired one.
 */
export function demoCustomers(): CustomerPlan[] {
  const plan = (spec: CustomerSpec, extra: Partial<CustomerPlan> = {}): CustomerPlan => ({
    spec,
    consented: true,
    gdap: 'active',
    expiredRelationship: false,
    azurePlan: false,
    ...extra,
  });
  return [
    plan({
      displayName: 'Bäckerei Fabrikam GmbH',
      home: 'de',
      users: 12,
      hybrid: false,
      domain: 'fabrikam-baeckerei.de',
      mainSku: 'O365_BUSINESS_PREMIUM',
    }),
    plan(
      {
        displayName: 'Contoso Dental Group',
        home: 'en_GB',
        users: 35,
        hybrid: false,
        domain: 'contosodental.co.uk',
        mainSku: 'SPB',
      },
      { consented: false },
    ),
    plan(
      {
        displayName: 'Lumière Architectes SARL',
        home: 'fr',
        users: 60,
        hybrid: true,
        domain: 'lumiere-architectes.fr',
        mainSku: 'SPB',
      },
      { gdap: 'expiring', azurePlan: true },
    ),
    plan({
      displayName: 'Nordlys Shipping AS',
      home: 'nb',
      users: 120,
      hybrid: false,
      domain: 'nordlysshipping.no',
      mainSku: 'ENTERPRISEPACK',
    }),
    plan(
      {
        displayName: 'Tailspin Logistics Ltd',
        home: 'en_GB',
        users: 180,
        hybrid: true,
        domain: 'tailspinlogistics.co.uk',
        mainSku: 'SPE_E3',
      },
      { gdap: 'expiring', expiredRelationship: true, azurePlan: true },
    ),
  ];
}

/** Customers from this size up may be hybrid (synced from on-premises AD). */
const HYBRID_MIN_USERS = 50;
const HYBRID_SHARE = 0.4;
const EXPIRING_SHARE = 0.15;

/**
 * `count` customers sharing `users` people, sized like an MSP's book. With three or more, exactly
 * one has not consented the GDAP app and exactly one also keeps an expired GDAP relationship.
 */
export function generatedCustomers(
  random: SeedRandom,
  pools: NamePools,
  count: number,
  users: number,
  largest?: number,
): CustomerPlan[] {
  const sizes =
    largest === undefined
      ? skewedSizes(count, users, random)
      : [largest, ...skewedSizes(count - 1, users - largest, random)];
  const unconsented = count >= 3 ? random.int(0, count - 1) : -1;
  const withExpired = count >= 2 ? random.int(0, count - 1) : -1;
  const names = new Set<string>();
  return sizes.map((size, i) => {
    const home = random.weighted(HOME_LOCALES);
    let name = random.pick(pools.companies[home]);
    for (let n = 2; names.has(name); n += 1)
      name = `${random.pick(pools.companies[home])}${n > 4 ? ` ${n}` : ''}`;
    names.add(name);
    return {
      spec: {
        displayName: name,
        home,
        users: size,
        hybrid: size >= HYBRID_MIN_USERS && random.chance(HYBRID_SHARE),
      },
      consented: i !== unconsented,
      gdap: random.chance(EXPIRING_SHARE) ? 'expiring' : 'active',
      expiredRelationship: i === withExpired,
    };
  });
}
