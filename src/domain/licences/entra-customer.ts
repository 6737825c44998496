/**
 * Whose licences an Entra connection's tenant holds. A CSP partner maps each customer tenant to a
 * desk customer; an Entra connection has no such mapping, only site mappings that place its users
 * in sites of customers. The tenant's licences belong to:
 * 1. the one customer its site mappings reach (existing sites, customers by field);
 * 2. when they reach several or any customer (or none), the customer holding most of the tenant's
 *    users already in the desk, among the customers the mappings reach;
 * 3. otherwise nobody yet: the tenant is skipped with the words to fix it.
 */
export interface EntraLicenceCustomerInput {
  tenantId: string;
  /** The customers the connection's site mappings reach; `all` when a mapping may pick any. */
  mappedCustomerIds: readonly string[] | 'all';
  /** How many of the tenant's linked desk users each customer holds. */
  usersByCustomer: readonly { customerId: string; users: number }[];
}

export type EntraLicenceCustomer =
  | { ok: true; customerId: string; reason: 'siteMappings' | 'users' }
  | { ok: false; code: 'licences.noCustomer'; message: string };

export function entraLicenceCustomer(input: EntraLicenceCustomerInput): EntraLicenceCustomer {
  const mapped = input.mappedCustomerIds === 'all' ? null : new Set(input.mappedCustomerIds);
  if (mapped?.size === 1) return { ok: true, customerId: [...mapped][0]!, reason: 'siteMappings' };
  const candidates = input.usersByCustomer
    .filter((c) => c.users > 0 && (!mapped || mapped.size === 0 || mapped.has(c.customerId)))
    .sort((a, b) => b.users - a.users);
  const [first, second] = candidates;
  if (first && (!second || second.users < first.users)) {
    return { ok: true, customerId: first.customerId, reason: 'users' };
  }
  const why = first
    ? 'its users are split evenly between customers'
    : mapped && mapped.size > 1
      ? 'the site mappings reach several customers and none of its users is in the desk yet'
      : 'the site mappings name no customer and none of its users is in the desk yet';
  return {
    ok: false,
    code: 'licences.noCustomer',
    message: `Tenant ${input.tenantId} has no one desk customer for its licences: ${why}. Map the tenant's users to one customer's site (Site mappings), or run the users module first, then import licences again.`,
  };
}
