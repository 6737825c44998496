import type { Estate } from '../state/estate.js';
import { seedCustomerTenant, type SeedRun } from './customer.js';
import { createNamePools } from './names.js';
import { linkCustomer } from './partner-link.js';
import { findPartner, seedPartner } from './partner.js';
import { demoCustomers, generatedCustomers, type CustomerPlan } from './presets.js';
import { createSeedRandom } from './random.js';

export interface SeedProgress {
  tenantsDone: number;
  tenantsTotal: number;
  usersDone: number;
  usersTotal: number;
}

export interface SeedOptions {
  seed: number;
  /** `demo` (the default without `tenants`): a partner and five customers; `empty`: nothing. */
  preset?: 'demo' | 'empty';
  /** A partner and this many customers, sized like an MSP's book. */
  tenants?: number;
  /** People across those customers (exactly); 50 per customer when absent. */
  users?: number;
  /** The first customer gets exactly this many of `users` (a benchmark's one big tenant); the rest share the others. */
  largestTenantUsers?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  partnerTenantId: string | null;
  customerTenantIds: string[];
  /** Users created in customer tenants. */
  users: number;
}

/** A seed request that cannot be honoured (bad combination, or clashing with the estate). */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

const DEFAULT_USERS_PER_TENANT = 50;
/** Salts that give the partner and each customer their own random stream. */
const PARTNER_STREAM = 1;
const PLAN_STREAM = 2;
const CUSTOMER_STREAM = 1000;
const LINK_STREAM = 500_000;

/**
 * Fills the estate deterministically from `seed` (the emulator clock gives "now"). Adds to what is
 * there: customers join an existing partner; the demo preset needs an estate without a partner.
 */
export function seedEstate(estate: Estate, opts: SeedOptions): SeedSummary {
  const summary: SeedSummary = { partnerTenantId: estate.partnerTenantId, customerTenantIds: [], users: 0 };
  if (opts.preset === 'empty') return summary;
  if (opts.preset === 'demo' && opts.tenants !== undefined) {
    throw new SeedError('choose either the demo preset or a number of tenants, not both');
  }
  if (opts.largestTenantUsers !== undefined && (opts.tenants === undefined || opts.users === undefined)) {
    throw new SeedError('the largest tenant size needs a number of tenants and of users');
  }
  if (opts.largestTenantUsers !== undefined && opts.largestTenantUsers > (opts.users ?? 0)) {
    throw new SeedError('the largest tenant cannot have more users than the whole estate');
  }
  if (opts.users !== undefined && opts.tenants === undefined) {
    throw new SeedError('a number of users needs a number of tenants to spread them over');
  }
  const random = createSeedRandom(opts.seed);
  const pools = createNamePools(opts.seed);
  const run: SeedRun = { estate, pools, now: estate.clock.now() };
  const existing = findPartner(estate);
  if (opts.tenants === undefined && existing) {
    throw new SeedError('the demo preset needs an estate without a partner; reset first');
  }
  const plans: CustomerPlan[] =
    opts.tenants === undefined
      ? demoCustomers()
      : generatedCustomers(
          random.fork(PLAN_STREAM),
          pools,
          opts.tenants,
          opts.users ?? opts.tenants * DEFAULT_USERS_PER_TENANT,
          opts.largestTenantUsers,
        );
  const partner = existing ?? seedPartner(run, random.fork(PARTNER_STREAM));
  summary.partnerTenantId = partner.tenant.id;
  const progress: SeedProgress = {
    tenantsDone: 0,
    tenantsTotal: plans.length,
    usersDone: 0,
    usersTotal: plans.reduce((n, p) => n + p.spec.users, 0),
  };
  for (const [i, plan] of plans.entries()) {
    const customer = seedCustomerTenant(run, random.fork(CUSTOMER_STREAM + i), plan.spec);
    linkCustomer(run, random.fork(LINK_STREAM + i), partner, customer, plan);
    summary.customerTenantIds.push(customer.tenant.id);
    summary.users += plan.spec.users;
    progress.tenantsDone += 1;
    progress.usersDone += plan.spec.users;
    opts.onProgress?.({ ...progress });
  }
  return summary;
}
