import type { HrSourceInput } from '../../../contracts/hr/source.js';
import { compileAttributeMapping } from '../../../domain/hr/attribute-mapping.js';
import { readVerifiedDomains } from '../../../microsoft/directory/verified-domains.js';
import { createCustomerRepository, createOnboardingConfigRepository } from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { settingsTenantGraph } from '../requests/request-settings.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>;

/**
 * Checks a source's settings before they are saved (issue 9): the customer exists, the tenant is
 * one of the customer's, the attribute templates compile, a JSON source has its token, and (when
 * Microsoft answers) the domain is verified in the tenant. Refused with 400 naming each field;
 * nothing is saved. Returns warnings for what could not be checked.
 */
export async function checkHrSource(
  deps: Deps,
  input: HrSourceInput,
  existing: { jsonTokenSet: boolean } | null,
): Promise<{ warnings: string[] }> {
  const errors: { field: string; message: string }[] = [];
  const warnings: string[] = [];
  const customer = await createCustomerRepository(deps.db).findById(input.customerId);
  if (!customer) errors.push({ field: 'customerId', message: 'no such customer' });
  const tenants = customer ? await createOnboardingConfigRepository(deps.db).tenants(input.customerId) : [];
  const tenant = tenants.find((t) => t.tenantId === input.tenantId);
  if (customer && !tenant)
    errors.push({
      field: 'tenantId',
      message:
        tenants.length === 0
          ? 'the customer has no tenant a connection reaches: map a CSP tenant to it or import its users from an Entra connection first'
          : `not one of this customer’s tenants; choose one of ${tenants.map((t) => t.name).join(', ')}`,
    });
  const mapping = compileAttributeMapping(input.attributes);
  if (!mapping.ok)
    for (const p of mapping.problems) errors.push({ field: `attributes.${p.attribute}`, message: p.message });
  if (input.kind === 'json' && !input.jsonToken && !existing?.jsonTokenSet)
    errors.push({ field: 'jsonToken', message: 'the JSON source needs the bearer token its API expects' });
  if (errors.length === 0 && tenant) {
    const reached = await settingsTenantGraph(deps, tenant);
    const domains = 'graph' in reached ? await readVerifiedDomains(reached.graph) : null;
    if (domains?.ok) {
      if (!domains.value.includes(input.domain))
        errors.push({
          field: 'domain',
          message: `${input.domain} is not verified in the tenant; verified: ${domains.value.join(', ')}`,
        });
    } else
      warnings.push(
        `The domain was not checked against the tenant (Microsoft could not be asked: ${'problem' in reached ? reached.problem : domains?.ok === false ? domains.refusal.whatHappened : ''}).`,
      );
  }
  if (errors.length > 0)
    throw new ApiHttpError(
      'validation_failed',
      `The HR source was not saved: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`,
      errors,
    );
  return { warnings };
}
