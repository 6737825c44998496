import { guid } from '../ids.js';
import type { EstateCore } from './estate-core.js';
import type { Estate } from './estate.js';
import type { ServicePrincipalRecord, TenantRecord } from './types.js';

type TenantOps = Pick<
  Estate,
  'tenant' | 'createTenant' | 'addDomain' | 'registerApp' | 'grantConsent' | 'revokeConsent' | 'clear'
>;

/** Tenants, their domains, app registrations and consent. */
export function createTenantOps(core: EstateCore): TenantOps {
  const { clock, tenants, domainIndex, apps } = core;
  const ops: TenantOps = {
    tenant(idOrDomain) {
      const key = idOrDomain.toLowerCase();
      return tenants.get(key) ?? tenants.get(domainIndex.get(key) ?? '');
    },
    createTenant(input) {
      const id = input.id.toLowerCase();
      const domains = [
        {
          id: input.initialDomain,
          isVerified: true,
          isDefault: !input.customDomains?.length,
          isInitial: true,
          authenticationType: 'Managed' as const,
          supportedServices: ['Email', 'OfficeCommunicationsOnline'],
        },
        ...(input.customDomains ?? []).map((d, i) => ({
          id: d,
          isVerified: true,
          isDefault: i === 0,
          isInitial: false,
          authenticationType: 'Managed' as const,
          supportedServices: ['Email', 'OfficeCommunicationsOnline', 'Intune'],
        })),
      ];
      const tenant: TenantRecord = {
        id,
        displayName: input.displayName,
        initialDomain: input.initialDomain,
        domains,
        premium: input.premium ?? true,
        intune: input.intune ?? true,
        countryLetterCode: input.countryLetterCode ?? 'GB',
        users: new Map(),
        upnIndex: new Map(),
        groups: new Map(),
        skus: new Map(),
        devices: new Map(),
        servicePrincipals: new Map(),
        gdapRelationships: new Map(),
        graphSubscriptions: new Map(),
        partnerCenter: input.partner
          ? {
              customers: new Map(),
              subscriptions: new Map(),
              applicationConsents: new Map(),
              userRoles: new Map(),
            }
          : null,
        createdDateTime: new Date(clock.now()).toISOString(),
      };
      tenants.set(id, tenant);
      for (const d of domains) domainIndex.set(d.id.toLowerCase(), id);
      if (input.partner) core.self().partnerTenantId = id;
      return tenant;
    },
    addDomain(tenant, domain) {
      if (tenant.domains.some((d) => d.id.toLowerCase() === domain.toLowerCase())) return;
      tenant.domains.push({
        id: domain,
        isVerified: true,
        isDefault: false,
        isInitial: false,
        authenticationType: 'Managed',
        supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      });
      domainIndex.set(domain.toLowerCase(), tenant.id);
    },
    registerApp(app) {
      apps.set(app.clientId.toLowerCase(), app);
      return app;
    },
    grantConsent(tenantId, clientId) {
      const tenant = ops.tenant(tenantId);
      const app = apps.get(clientId.toLowerCase());
      if (!tenant || !app) throw new Error(`emulator: cannot consent ${clientId} in ${tenantId}`);
      const existing = tenant.servicePrincipals.get(app.clientId);
      const sp: ServicePrincipalRecord = existing ?? {
        id: guid(),
        appId: app.clientId,
        appRoles: {},
        delegatedScopes: {},
      };
      for (const [resource, roles] of Object.entries(app.requiredAppRoles)) {
        sp.appRoles[resource] = [...new Set([...(sp.appRoles[resource] ?? []), ...roles])];
      }
      for (const [resource, scopes] of Object.entries(app.requiredScopes)) {
        sp.delegatedScopes[resource] = [...new Set([...(sp.delegatedScopes[resource] ?? []), ...scopes])];
      }
      tenant.servicePrincipals.set(app.clientId, sp);
      return sp;
    },
    revokeConsent(tenantId, clientId) {
      ops.tenant(tenantId)?.servicePrincipals.delete(clientId);
    },
    clear() {
      tenants.clear();
      domainIndex.clear();
      apps.clear();
      core.self().partnerTenantId = null;
    },
  };
  return ops;
}
