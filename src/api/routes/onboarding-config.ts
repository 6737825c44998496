import type { FastifyInstance } from 'fastify';
import { getOnboardingConfig, putOnboardingConfig } from '../../contracts/api/requests.js';
import { createOnboardingConfigRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import {
  checkRequestSettings,
  loadRequestSettings,
  requestSettingsView,
  settingsTenantPreview,
} from '../integrations/requests/request-settings.js';
import { endpointRegistrar } from './resource-helpers.js';

/**
 * A customer's new-starter and leaver settings (docs/requests.md): read with customers.read,
 * saved with customers.write after checking them against the customer's tenant.
 */
export function registerOnboardingConfigRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal'>,
): void {
  const on = endpointRegistrar(app, deps);
  const licencesOf = (tenantId: string | null) =>
    tenantId ? createOnboardingConfigRepository(deps.db).tenantLicences(tenantId) : Promise.resolve([]);

  on(getOnboardingConfig, async ({ params }) => {
    const settings = await loadRequestSettings(deps.db, params.id);
    const preview = await settingsTenantPreview(deps, settings);
    return requestSettingsView(settings, preview, await licencesOf(preview.tenantId));
  });

  on(putOnboardingConfig, async ({ params, body, principal, request }) => {
    const settings = await loadRequestSettings(deps.db, params.id);
    const checked = await checkRequestSettings(deps, settings, body);
    await audited(deps.db, auditSource(principal!, request), async (tx, record) => {
      await createOnboardingConfigRepository(tx).save(
        params.id,
        { config: body as unknown as Record<string, unknown>, groups: checked.groups },
        principal!.accountId,
      );
      await record({
        action: 'customer.requestSettings',
        target: { type: 'customer', id: params.id },
        customerId: params.id,
        before: settings.config,
        after: body,
      });
    });
    const saved = await loadRequestSettings(deps.db, params.id);
    return requestSettingsView(saved, checked, await licencesOf(body.tenantId));
  });
}
