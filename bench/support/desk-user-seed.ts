import { createNamePools } from '../../src/emulator/seed/names.js';
import { LOCALES, STAFF_MIX, type LocaleKey } from '../../src/emulator/seed/locales.js';
import { createSeedRandom, type SeedRandom } from '../../src/emulator/seed/random.js';
import {
  createCustomerRepository,
  createUserRepository,
  type Database,
  type DeskUserUpsert,
} from '../../src/store/index.js';

/** Rows per `upsertMany` call: the store's own statement size, so each call is one statement. */
const SEED_BATCH_ROWS = 5_000;
/** Share of people named in their customer's own language (as the emulator's seed does). */
const HOME_SHARE = 0.72;
const HOME_LOCALE_KEYS: readonly LocaleKey[] = ['en_GB', 'en_US', 'de', 'fr', 'es', 'pl', 'sv', 'nb', 'nl'];

export interface DeskUserSeedOptions {
  users: number;
  customers: number;
  seed: number;
  onProgress?: (seeded: number) => void;
}

export interface DeskUserSeedResult {
  /** Lower-case 3-character starts of seeded given names and surnames, one entry per person. */
  prefixes: string[];
}

interface SeedCustomer {
  id: string;
  siteId: string;
  tenantId: string;
  home: LocaleKey;
  domain: string;
}

async function createCustomers(db: Database, count: number, random: SeedRandom): Promise<SeedCustomer[]> {
  const pools = createNamePools(random.int(1, 1_000_000));
  const repository = createCustomerRepository(db);
  const used = new Set<string>();
  const customers: SeedCustomer[] = [];
  for (let i = 0; i < count; i += 1) {
    const home = random.pick(HOME_LOCALE_KEYS);
    let name = random.pick(pools.companies[home]);
    // Customer names are unique ignoring case; a repeat gets a number, as a real desk would.
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${random.pick(pools.companies[home])} ${n}`;
    used.add(name.toLowerCase());
    const { customer, defaultSite } = await repository.create({ name });
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '') || `customer${i}`;
    customers.push({
      id: customer.id,
      siteId: defaultSite.id,
      tenantId: random.guid(),
      home,
      domain: `${slug}.${LOCALES[home].tld}`,
    });
  }
  return customers;
}

/**
 * Seeds `users` desk users spread over `customers` new customers, with names drawn from the
 * emulator's seed pools (mixed locales, accents, CJK), through the store's bulk upsert.
 */
export async function seedDeskUsers(db: Database, options: DeskUserSeedOptions): Promise<DeskUserSeedResult> {
  const random = createSeedRandom(options.seed);
  const pools = createNamePools(options.seed);
  const customers = await createCustomers(db, options.customers, random.fork(1));
  const users = createUserRepository(db);
  const prefixes: string[] = [];
  let batch: DeskUserUpsert[] = [];
  for (let i = 0; i < options.users; i += 1) {
    const customer = customers[i % customers.length]!;
    const locale = LOCALES[random.chance(HOME_SHARE) ? customer.home : random.weighted(STAFF_MIX)];
    const sex = random.chance(0.5) ? 'female' : 'male';
    const given = random.pick(pools.people[locale.key].given[sex]);
    const family = random.pick(pools.people[locale.key].family[sex]);
    const displayName = locale.familyFirst
      ? `${family.native}${locale.separator}${given.native}`
      : `${given.native}${locale.separator}${family.native}`;
    const alias = `${given.ascii}.${family.ascii}${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    const address = `${alias}@${customer.domain}`;
    prefixes.push(given.native.slice(0, 3).toLowerCase(), family.native.slice(0, 3).toLowerCase());
    batch.push({
      tenantId: customer.tenantId,
      entraObjectId: random.guid(),
      customerId: customer.id,
      siteId: customer.siteId,
      displayName,
      givenName: given.native,
      surname: family.native,
      userPrincipalName: address,
      email: address,
      networkLogin: alias.slice(0, 20),
    });
    if (batch.length === SEED_BATCH_ROWS) {
      await users.upsertMany(batch);
      batch = [];
      options.onProgress?.(i + 1);
    }
  }
  if (batch.length) {
    await users.upsertMany(batch);
    options.onProgress?.(options.users);
  }
  return { prefixes };
}
