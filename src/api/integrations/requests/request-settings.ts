import type { OnboardingConfigView } from '../../../contracts/api/requests.js';
import {
  configuredGroupSchema,
  onboardingConfigInputSchema,
  type ConfiguredGroup,
  type OnboardingConfig,
} from '../../../contracts/onboarding/config.js';
import { DEFAULT_NAMING_CONVENTION } from './naming-defaults.js';
import { resolveGroups, type GraphClient } from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  createOnboardingConfigRepository,
  type CustomerTenant,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { tenantGraph } from '../tenant-graph.js';
import { manualReason } from '../../../workflows/requests/group-steps.js';
import { readVerifiedDomains } from '../../../microsoft/directory/verified-domains.js';

type Deps = { db: Database; secrets: SecretBox; microsoft: ApiDeps['microsoft'] };

/** A customer's request settings as stored, parsed; null until saved. */
export interface RequestSettings {
  customer: { id: string; name: string; defaultUsageLocation: string | null };
  config: OnboardingConfig | null;
  groups: ConfiguredGroup[];
  tenants: CustomerTenant[];
  updatedAt: Date | null;
}

export async function loadRequestSettings(db: Database, customerId: string): Promise<RequestSettings> {
  const customer = await createCustomerRepository(db).findById(customerId);
  if (!customer) throw new ApiHttpError('not_found', 'No such customer.');
  const repo = createOnboardingConfigRepository(db);
  const [stored, tenants] = await Promise.all([repo.find(customerId), repo.tenants(customerId)]);
  const parsed = stored ? onboardingConfigInputSchema.safeParse(stored.config) : null;
  return {
    customer: { id: customer.id, name: customer.name, defaultUsageLocation: customer.defaultUsageLocation },
    config: parsed?.success ? parsed.data : null,
    groups: parsed?.success ? configuredGroupSchema.array().parse(stored!.groups) : [],
    tenants,
    updatedAt: stored?.updatedAt ?? null,
  };
}

/** Graph for the customer's chosen tenant, or why it cannot be had (in words). */
export async function settingsTenantGraph(
  deps: Deps,
  tenant: CustomerTenant,
): Promise<{ graph: GraphClient } | { problem: string }> {
  const connection = await createConnectionRepository(deps.db, deps.secrets).findById(tenant.connectionId);
  if (!connection) return { problem: 'its connection was deleted' };
  try {
    return { graph: await tenantGraph(deps, connection, tenant.tenantId) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Checks settings against the customer's tenant before they are saved: the tenant is one of the
 * customer's, licences are among those imported, and (when Microsoft answers) domains are verified
 * and every group exists once. Refuses with 400 naming the field; groups Graph cannot add members
 * to are kept with a warning (the automation reports them as needing manual action).
 */
export async function checkRequestSettings(
  deps: Deps,
  settings: RequestSettings,
  config: OnboardingConfig,
): Promise<{ groups: ConfiguredGroup[]; verifiedDomains: string[] | null; warnings: string[] }> {
  const errors: { field: string; message: string }[] = [];
  const warnings: string[] = [];
  const tenant = config.tenantId ? settings.tenants.find((t) => t.tenantId === config.tenantId) : undefined;
  if (config.tenantId && !tenant)
    errors.push({
      field: 'tenantId',
      message: 'not one of this customer’s tenants; pick one of those listed',
    });
  const names: ConfiguredGroup[] = config.groups.map((name) => ({
    name,
    id: null,
    kind: null,
    warning: null,
  }));
  if (!tenant) {
    if (errors.length > 0) throw invalid(errors);
    return { groups: names, verifiedDomains: null, warnings: ['Choose the tenant users are created in.'] };
  }
  const licences = await createOnboardingConfigRepository(deps.db).tenantLicences(tenant.tenantId);
  const known = new Set(licences.map((l) => l.skuId.toLowerCase()));
  const unknown = config.licences.filter((l) => !known.has(l.toLowerCase()));
  if (unknown.length > 0)
    errors.push({
      field: 'licences',
      message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the tenant’s imported licences; run a licences import or pick another`,
    });
  if (config.licences.length > 0 && !tenant.manageLicences)
    warnings.push(
      `Licences cannot be assigned: "Allow licences to be managed" is off on the connection "${tenant.connectionName}".`,
    );

  const reached = await settingsTenantGraph(deps, tenant);
  if ('problem' in reached) {
    warnings.push(`Not checked against the tenant (Microsoft could not be asked: ${reached.problem}).`);
    if (errors.length > 0) throw invalid(errors);
    return { groups: names, verifiedDomains: null, warnings };
  }
  const [domains, found] = await Promise.all([
    readVerifiedDomains(reached.graph),
    config.groups.length > 0 ? resolveGroups(reached.graph, config.groups) : null,
  ]);
  const verified = domains.ok ? domains.value : null;
  if (verified) {
    const outside = config.allowedDomains.filter((d) => !verified.includes(d));
    if (outside.length > 0)
      errors.push({
        field: 'allowedDomains',
        message: `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not verified in the tenant; verified: ${verified.join(', ')}`,
      });
  } else if (!domains.ok) warnings.push(`Domains not checked: ${domains.refusal.whatHappened}`);
  if (config.allowedDomains.length === 0)
    errors.push({
      field: 'allowedDomains',
      message: 'name at least one domain new users’ addresses may use',
    });

  let groups = names;
  if (found && found.ok) {
    const byName = new Map(found.value.found.map((g) => [g.name.toLowerCase(), g]));
    for (const name of found.value.missing)
      errors.push({ field: 'groups', message: `no group named "${name}" in the tenant` });
    for (const name of found.value.ambiguous)
      errors.push({
        field: 'groups',
        message: `more than one group is named "${name}"; rename one in Entra`,
      });
    groups = config.groups.map((name) => {
      const group = byName.get(name.toLowerCase());
      const manual = group ? manualReason(group.kind) : null;
      return {
        name,
        id: group?.id ?? null,
        kind: group?.kind ?? null,
        warning: manual ? `Added by hand: ${manual}` : null,
      };
    });
  } else if (found && !found.ok) warnings.push(`Groups not checked: ${found.refusal.whatHappened}`);
  if (errors.length > 0) throw invalid(errors);
  return { groups, verifiedDomains: verified, warnings };
}

function invalid(errors: { field: string; message: string }[]): ApiHttpError {
  return new ApiHttpError(
    'validation_failed',
    `The request settings were not saved: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`,
    errors,
  );
}

/** The settings as the console shows them (defaults until saved). */
export function requestSettingsView(
  settings: RequestSettings,
  checked: { verifiedDomains: string[] | null; warnings: string[]; tenantId?: string | null },
  licences: { skuId: string; name: string; total: number; consumed: number }[],
): OnboardingConfigView {
  const config = settings.config;
  const available = new Map(licences.map((l) => [l.skuId.toLowerCase(), l]));
  return {
    customerId: settings.customer.id,
    customerName: settings.customer.name,
    configured: config !== null,
    tenantId: config?.tenantId ?? checked.tenantId ?? null,
    tenants: settings.tenants.map((t) => ({
      tenantId: t.tenantId,
      name: t.name,
      connectionName: t.connectionName,
    })),
    groups: settings.groups,
    licences: [
      ...(config?.licences ?? []).map((skuId) => {
        const l = available.get(skuId.toLowerCase());
        return {
          skuId,
          name: l?.name ?? skuId,
          available: l ? l.total - l.consumed : null,
          found: Boolean(l),
          offered: true,
        };
      }),
      ...licences
        .filter((l) => !(config?.licences ?? []).some((s) => s.toLowerCase() === l.skuId.toLowerCase()))
        .map((l) => ({
          skuId: l.skuId,
          name: l.name,
          available: l.total - l.consumed,
          found: true,
          offered: false,
        })),
    ],
    allowedDomains: config?.allowedDomains ?? [],
    verifiedDomains: checked.verifiedDomains,
    naming: {
      ...(config?.naming ?? DEFAULT_NAMING_CONVENTION),
      customPattern: config?.naming.customPattern ?? null,
    },
    emailFormatsOffered: config?.emailFormatsOffered ?? [],
    defaultUsageLocation: settings.customer.defaultUsageLocation,
    approval: config?.approval ?? onboardingConfigInputSchema.shape.approval.parse(undefined),
    notifications: config?.notifications ?? onboardingConfigInputSchema.shape.notifications.parse(undefined),
    warnings: [
      ...checked.warnings,
      ...settings.groups.filter((g) => g.warning).map((g) => `${g.name}: ${g.warning}`),
    ],
    updatedAt: settings.updatedAt ? settings.updatedAt.toISOString() : null,
  };
}

/**
 * The tenant the settings are about before they are saved (the customer's only one) and its
 * verified domains when Microsoft answers, so a first save needs no typing.
 */
export async function settingsTenantPreview(
  deps: Deps,
  settings: RequestSettings,
): Promise<{ tenantId: string | null; verifiedDomains: string[] | null; warnings: string[] }> {
  const tenantId =
    settings.config?.tenantId ?? (settings.tenants.length === 1 ? settings.tenants[0]!.tenantId : null);
  const tenant = settings.tenants.find((t) => t.tenantId === tenantId);
  if (!tenant) return { tenantId, verifiedDomains: null, warnings: [] };
  const reached = await settingsTenantGraph(deps, tenant);
  if ('problem' in reached)
    return {
      tenantId,
      verifiedDomains: null,
      warnings: [`Microsoft could not be asked: ${reached.problem}`],
    };
  const domains = await readVerifiedDomains(reached.graph);
  return { tenantId, verifiedDomains: domains.ok ? domains.value : null, warnings: [] };
}
