import { z } from 'zod';
import type { CatalogueSkuName } from '../graph/licences/catalogue.js';
import { SKU_CATALOGUE } from '../graph/licences/catalogue.js';
import { seedCustomerTenant } from '../seed/customer.js';
import { HOME_LOCALES } from '../seed/locales.js';
import { linkCustomer } from '../seed/partner-link.js';
import { findPartner } from '../seed/partner.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { tenantSummary } from './tenants.js';

const DEFAULT_USERS = 25;
const MAX_USERS = 200_000;
const homeLocales = HOME_LOCALES.map(([key]) => key) as [string, ...string[]];
const skuNames = Object.keys(SKU_CATALOGUE) as [CatalogueSkuName, ...CatalogueSkuName[]];

export const newCustomerInputSchema = z
  .object({
    displayName: z.string().min(1).max(256).optional(),
    users: z.number().int().min(0).max(MAX_USERS).default(DEFAULT_USERS),
    /** Where the customer is based (names, offices, usage location). */
    locale: z.enum(homeLocales).default('en_GB'),
    hybrid: z.boolean().default(false),
    /** Custom domain (`contoso.com`); derived from the name when absent. */
    domain: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i)
      .optional(),
    mainSku: z.enum(skuNames).optional(),
    /** Whether the customer's admin consented the partner's GDAP app (default true). */
    consented: z.boolean().default(true),
    gdap: z.enum(['active', 'expiring']).default('active'),
  })
  .strict();

export type NewCustomerInput = z.input<typeof newCustomerInputSchema>;

/**
 * A new customer of the partner: tenant with people, groups, licences and devices, a Partner
 * Center customer with subscriptions, a GDAP relationship, consent (unless told otherwise), and a
 * per-tenant app whose credentials are returned.
 */
export function addCustomer(admin: AdminContext, input: NewCustomerInput) {
  const parsed = newCustomerInputSchema.parse(input);
  const { estate, clock } = admin.emulator;
  const partner = findPartner(estate);
  if (!partner) throw new AdminError(409, 'NoPartner', 'The estate has no partner tenant; seed one first.');
  const names =
    admin.names().companies[parsed.locale as keyof ReturnType<AdminContext['names']>['companies']];
  const displayName = parsed.displayName ?? admin.random.pick(names);
  const run = { estate, pools: admin.names(), now: clock.now() };
  const customer = seedCustomerTenant(run, admin.random.fork(1), {
    displayName,
    home: parsed.locale as (typeof HOME_LOCALES)[number][0],
    users: parsed.users,
    hybrid: parsed.hybrid,
    ...(parsed.domain ? { domain: parsed.domain.toLowerCase() } : {}),
    ...(parsed.mainSku ? { mainSku: parsed.mainSku } : {}),
  });
  linkCustomer(run, admin.random.fork(2), partner, customer, {
    consented: parsed.consented,
    gdap: parsed.gdap,
    expiredRelationship: false,
  });
  const app = [...estate.apps.values()].find(
    (a) => a.homeTenantId === customer.tenant.id && a.kind === 'graph',
  );
  return {
    ...tenantSummary(estate, customer.tenant),
    app: app ? { clientId: app.clientId, clientSecret: app.secrets[0]!.value, kind: app.kind } : null,
  };
}
