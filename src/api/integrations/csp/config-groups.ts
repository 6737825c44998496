import type { ConfigProblem } from '../../../contracts/api/entra-import.js';
import type { EntraImportConfig } from '../../../contracts/entra/index.js';
import { closest } from '../../config/suggest.js';
import type { GroupUse, TenantGroups } from '../entra/config-problems.js';

/** A mapped tenant of a CSP connection, as problems name it. */
export interface NamedTenant {
  tenantId: string;
  name: string;
}

/** How many tenants a message names before "and N more". */
const NAMED_IN_A_MESSAGE = 5;

function namesOf(tenants: readonly NamedTenant[]): string {
  const named = tenants.slice(0, NAMED_IN_A_MESSAGE).map((t) => t.name);
  const more = tenants.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/** Tenant filters naming tenants the connection does not import (errors: such a filter never matches). */
export function tenantFilterProblems(
  config: EntraImportConfig,
  mapped: readonly NamedTenant[],
): ConfigProblem[] {
  const ids = new Set(mapped.map((t) => t.tenantId.toLowerCase()));
  const problems: ConfigProblem[] = [];
  config.siteMappings.forEach((m, i) =>
    m.tenantIds.forEach((tenantId, j) => {
      if (ids.has(tenantId.toLowerCase())) return;
      problems.push({
        severity: 'error',
        field: `siteMappings.${i}.tenantIds.${j}`,
        message: `tenant ${tenantId} is not mapped to a customer on the Tenants tab; map it there or remove it from the tenant filter`,
        suggestions: [],
      });
    }),
  );
  return problems;
}

/** The mapped tenants a use applies to: its tenant filter's mapped tenants, or every one without a filter. */
export function tenantsOfUse(use: GroupUse, mapped: readonly NamedTenant[]): NamedTenant[] {
  if (!use.tenantIds.length) return [...mapped];
  const wanted = new Set(use.tenantIds.map((t) => t.toLowerCase()));
  return mapped.filter((t) => wanted.has(t.tenantId.toLowerCase()));
}

/**
 * Group names checked in every tenant each applies to (`groups`: what each tenant read said):
 * - missing in every tenant it applies to (all of them read): an error, nobody could ever match;
 * - missing in some: a warning naming those tenants;
 * - a tenant whose groups could not be read: one warning saying why, never an error.
 */
export function groupProblemsAcrossTenants(
  uses: readonly GroupUse[],
  mapped: readonly NamedTenant[],
  groups: ReadonlyMap<string, TenantGroups>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const unreadable = new Map<string, { tenant: NamedTenant; why: string; field: string }>();
  const have = new Map<string, Set<string>>();
  for (const [tenantId, read] of groups) {
    if (!('unavailable' in read)) have.set(tenantId, new Set(read.names.map((n) => n.toLowerCase())));
  }
  for (const use of uses) {
    const applies = tenantsOfUse(use, mapped);
    if (!applies.length) {
      // A filter of unmapped tenants only is an error already; no mapped tenant at all is said here.
      if (!mapped.length)
        problems.push({
          severity: 'warning',
          field: use.field,
          message: `no tenant is mapped to a customer yet, so "${use.name}" could not be checked; map tenants on the Tenants tab`,
          suggestions: [],
        });
      continue;
    }
    const checked: NamedTenant[] = [];
    for (const tenant of applies) {
      const read = groups.get(tenant.tenantId);
      if (read && 'unavailable' in read) {
        if (!unreadable.has(tenant.tenantId))
          unreadable.set(tenant.tenantId, { tenant, why: read.unavailable, field: use.field });
      } else if (read) checked.push(tenant);
    }
    const missing = checked.filter((t) => !have.get(t.tenantId)?.has(use.name.toLowerCase()));
    if (!missing.length) continue;
    const near = closest(
      use.name,
      missing.flatMap((t) => {
        const read = groups.get(t.tenantId);
        return read && !('unavailable' in read) ? read.names : [];
      }),
    );
    const everywhere = missing.length === applies.length;
    problems.push({
      severity: everywhere ? 'error' : 'warning',
      field: use.field,
      message: everywhere
        ? `no tenant it applies to has a group named "${use.name}" (${namesOf(missing)}); nobody could match, so create the group or correct the name`
        : `the group "${use.name}" is missing in ${missing.length} of ${applies.length} tenants (${namesOf(missing)}); their users will not match until one exists`,
      suggestions: near ? [near] : [],
    });
  }
  for (const { tenant, why, field } of unreadable.values()) {
    problems.push({
      severity: 'warning',
      field,
      message: `the groups of tenant ${tenant.name} could not be checked: ${why}`,
      suggestions: [],
    });
  }
  return problems;
}
