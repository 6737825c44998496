import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { readJson } from '../http/types.js';
import type { ServicePrincipalRecord } from '../state/types.js';
import { pcRoute } from './auth.js';
import { pcErrors } from './errors.js';
import { pcCollection, pcJson, pcLink } from './respond.js';
import { customerOf } from './subscriptions.js';

const applicationGrantSchema = z.object({ enterpriseapplicationid: z.string().min(1), scope: z.string() });
const consentBodySchema = z.object({
  applicationid: z.string().min(1),
  displayname: z.string().optional(),
  applicationgrants: z.array(z.record(z.string(), z.unknown())).min(1),
});

const lowerKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

/** Grants as Partner Center shows them: one per resource app, scopes comma-separated. */
function grantsOf(sp: ServicePrincipalRecord | undefined) {
  return Object.entries(sp?.delegatedScopes ?? {}).map(([enterpriseApplicationId, scopes]) => ({
    enterpriseApplicationId,
    scope: scopes.join(','),
  }));
}

/**
 * Control-panel-vendor consents: POST creates the app's service principal in the customer tenant
 * (the same admin consent the identity platform gives) and records the requested delegated
 * scopes; GET lists; DELETE removes the service principal.
 */
export function registerApplicationConsentRoutes(ctx: EmulatorContext): void {
  const base = '/partnercenter/v1/customers/:customerId/applicationconsents';
  ctx.router.on(
    'POST',
    base,
    { service: 'partnercenter', name: 'POST /v1/customers/{id}/applicationconsents' },
    pcRoute(ctx, (req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      const raw = readJson(req);
      const body = consentBodySchema.safeParse(
        raw && typeof raw === 'object' ? lowerKeys(raw as Record<string, unknown>) : raw,
      );
      const grants = body.success
        ? body.data.applicationgrants.map((g) => applicationGrantSchema.safeParse(lowerKeys(g)))
        : [];
      if (!body.success || grants.some((g) => !g.success)) {
        return pcErrors.invalidInput(
          'Body must be {applicationId, applicationGrants: [{enterpriseApplicationId, scope}]}.',
        );
      }
      const appId = body.data.applicationid.toLowerCase();
      if (!ctx.estate.apps.has(appId)) return pcErrors.invalidInput(`Application ${appId} was not found.`);
      const tenant = ctx.estate.tenant(customer.id);
      if (!tenant) return pcErrors.tenantNotFound();
      const consented = caller.state.applicationConsents.get(customer.id) ?? new Set<string>();
      if (consented.has(appId)) return pcErrors.consentExists();

      const sp = ctx.estate.grantConsent(customer.id, appId);
      const applicationGrants = grants.flatMap((g) => (g.success ? [g.data] : []));
      for (const grant of applicationGrants) {
        const scopes = grant.scope
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const key = grant.enterpriseapplicationid.toLowerCase();
        sp.delegatedScopes[key] = [...new Set([...(sp.delegatedScopes[key] ?? []), ...scopes])];
      }
      consented.add(appId);
      caller.state.applicationConsents.set(customer.id, consented);
      return pcJson(201, {
        applicationId: appId,
        ...(body.data.displayname ? { displayName: body.data.displayname } : {}),
        applicationGrants: applicationGrants.map((g) => ({
          enterpriseApplicationId: g.enterpriseapplicationid,
          scope: g.scope,
        })),
      });
    }),
  );

  ctx.router.on(
    'GET',
    base,
    { service: 'partnercenter', name: 'GET /v1/customers/{id}/applicationconsents' },
    pcRoute(ctx, (_req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      const tenant = ctx.estate.tenant(customer.id);
      const items = [...(caller.state.applicationConsents.get(customer.id) ?? [])].map((appId) => ({
        applicationId: appId,
        applicationGrants: grantsOf(tenant?.servicePrincipals.get(appId)),
      }));
      return pcJson(
        200,
        pcCollection(items, { self: pcLink(`/v1/customers/${customer.id}/applicationconsents`) }),
      );
    }),
  );

  ctx.router.on(
    'DELETE',
    `${base}/:applicationId`,
    { service: 'partnercenter', name: 'DELETE /v1/customers/{id}/applicationconsents/{id}' },
    pcRoute(ctx, (_req, params, caller) => {
      const customer = customerOf(caller, params.customerId);
      if ('status' in customer) return customer;
      const appId = (params.applicationId ?? '').toLowerCase();
      const consented = caller.state.applicationConsents.get(customer.id);
      if (!consented?.has(appId)) return pcErrors.consentNotFound(appId);
      consented.delete(appId);
      ctx.estate.revokeConsent(customer.id, appId);
      return { status: 204 };
    }),
  );
}
