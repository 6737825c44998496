/** Legal forms and filler words that do not tell two organisations apart. */
const NOISE = new Set([
  'ltd',
  'limited',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sarl',
  'sas',
  'sa',
  'as',
  'asa',
  'ab',
  'bv',
  'nv',
  'oy',
  'spa',
  'srl',
  'pty',
  'pte',
  'the',
  'group',
  'holdings',
  'and',
]);

/** A name for comparison: no accents, case, punctuation, legal form (`Bäckerei Fabrikam GmbH` → `backerei fabrikam`). */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
  const kept = words.filter((w) => !NOISE.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The organisation part of a domain: `contosodental.co.uk` → `contosodental`, `x.onmicrosoft.com` → `x`. */
export function domainLabel(domain: string): string {
  const lower = domain.toLowerCase().replace(/\.onmicrosoft\.com$/, '');
  return lower.split('.')[0] ?? lower;
}

export interface CustomerCandidate {
  id: string;
  name: string;
  /** Email domains of the customer's desk users (lower case). */
  emailDomains: readonly string[];
}

export interface TenantForSuggestion {
  name: string;
  defaultDomain: string | null;
}

export type SuggestionBasis = 'domain' | 'name';

export interface Suggestion {
  customerId: string;
  customerName: string;
  basis: SuggestionBasis;
  reason: string;
}

const compact = (s: string) => s.replace(/ /g, '');

/**
 * Desk customers a tenant probably belongs to, best first: the tenant's domain is a domain of
 * the customer's users or spells the customer's name (`domain`), or the names match once
 * normalised (`name`). Suggestions are shown for confirmation, never applied by themselves.
 */
export function suggestCustomers(
  tenant: TenantForSuggestion,
  customers: readonly CustomerCandidate[],
): Suggestion[] {
  const name = normaliseName(tenant.name);
  const domain = tenant.defaultDomain?.toLowerCase() ?? null;
  const label = domain ? compact(normaliseName(domainLabel(domain))) : null;
  const out: Suggestion[] = [];
  for (const c of customers) {
    const customerName = normaliseName(c.name);
    if (domain && c.emailDomains.includes(domain)) {
      out.push({
        customerId: c.id,
        customerName: c.name,
        basis: 'domain',
        reason: `users of ${c.name} have ${domain} addresses`,
      });
    } else if (label && label.length >= 3 && compact(customerName) === label) {
      out.push({
        customerId: c.id,
        customerName: c.name,
        basis: 'domain',
        reason: `the domain ${domain} spells the customer's name`,
      });
    } else if (name.length > 0 && customerName === name) {
      out.push({
        customerId: c.id,
        customerName: c.name,
        basis: 'name',
        reason: `same name once case, accents and legal form are ignored`,
      });
    }
  }
  return out.sort((a, b) =>
    a.basis === b.basis ? a.customerName.localeCompare(b.customerName) : a.basis === 'domain' ? -1 : 1,
  );
}

/**
 * Guide 002's duplicate warning: customers that a new customer made from this tenant would
 * duplicate (same normalised name, or matched by domain).
 */
export function duplicateCustomers(
  tenant: TenantForSuggestion,
  customers: readonly CustomerCandidate[],
): Suggestion[] {
  return suggestCustomers(tenant, customers);
}
