import { z } from 'zod';
import type {
  GdapCustomerInput,
  GdapRelationshipInput,
  PartnerCenterCustomerInput,
} from '../../../domain/csp/index.js';
import {
  createGraphClient,
  GRAPH_DEFAULT_SCOPE,
  PARTNER_CENTER_DEFAULT_SCOPE,
  type HttpClient,
  type MicrosoftClients,
} from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { CspTenantsSource } from '../../../sync/csp/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import { partnerCenterAccountKey } from './connection-tokens.js';

const relationshipSchema = z.looseObject({
  id: z.string(),
  displayName: z.string().nullish(),
  status: z.string(),
  customer: z.looseObject({ tenantId: z.string(), displayName: z.string().nullish() }),
  accessDetails: z
    .looseObject({ unifiedRoles: z.array(z.looseObject({ roleDefinitionId: z.string() })).default([]) })
    .nullish(),
  activatedDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
  autoExtendDuration: z.string().nullish(),
});
const gdapCustomerSchema = z.looseObject({
  id: z.string(),
  tenantId: z.string().nullish(),
  displayName: z.string().nullish(),
});

const missing = (field: string, message: string) =>
  new ApiHttpError('conflict', `This connection cannot read tenants yet: ${message}`, [{ field, message }]);

/**
 * Partner Center (app + user, from the stored refresh token whose rotations are saved) and Graph
 * in the partner tenant (app-only, the Partner Center app's DelegatedAdminRelationship.Read.All).
 */
export async function createCspTenantsSource(
  deps: { db: Database; secrets: SecretBox },
  clients: MicrosoftClients,
  connection: ConnectionSummary,
): Promise<CspTenantsSource> {
  const repository = createConnectionRepository(deps.db, deps.secrets);
  const secrets = (await repository.readSecrets(connection.id)) ?? {};
  if (!connection.clientId) throw missing('clientId', "the Partner Center app's client id is missing");
  if (!secrets.clientSecret)
    throw missing('clientSecret', "the Partner Center app's client secret is missing");
  const credential = { kind: 'secret' as const, secret: secrets.clientSecret };
  let count = 0;
  const http: HttpClient = {
    retry: clients.http.retry,
    send: (request) => {
      count += 1;
      return clients.http.send(request);
    },
  };
  const graph = createGraphClient({
    baseUrl: clients.endpoints.graphBaseUrl,
    http,
    tokens: clients.tokens.app({
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      credential,
      scopes: [GRAPH_DEFAULT_SCOPE],
    }),
  });
  const partnerCenter = () => {
    if (!secrets.refreshToken) throw missing('refreshToken', 'nobody has authorised Partner Center yet');
    let refreshToken = secrets.refreshToken;
    const tokens = clients.tokens.delegated({
      tenantId: connection.tenantId,
      clientId: connection.clientId!,
      credential,
      scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
      accountKey: partnerCenterAccountKey(connection.id),
      refreshTokens: {
        load: async () => refreshToken,
        save: async (token) => {
          refreshToken = token;
          await repository.updateSecrets(connection.id, { refreshToken: token });
        },
      },
    });
    return clients.partnerCenter(tokens);
  };
  const all = async <T>(path: string, schema: z.ZodType<T>) => {
    const out: T[] = [];
    for await (const page of graph.pages(path, schema)) out.push(...page.items);
    return out;
  };

  return {
    async partnerCenterCustomers(): Promise<PartnerCenterCustomerInput[]> {
      const client = partnerCenter();
      const out: PartnerCenterCustomerInput[] = [];
      for await (const page of client.customers()) {
        for (const c of page.items) {
          out.push({
            tenantId: c.companyProfile.tenantId || c.id,
            companyName: c.companyProfile.companyName ?? null,
            domain: c.companyProfile.domain ?? null,
            relationshipToPartner: c.relationshipToPartner ?? null,
          });
        }
      }
      return out;
    },
    async gdapCustomers(): Promise<GdapCustomerInput[]> {
      const items = await all('/tenantRelationships/delegatedAdminCustomers?$top=300', gdapCustomerSchema);
      return items.map((c) => ({ tenantId: c.tenantId ?? c.id, displayName: c.displayName ?? c.id }));
    },
    async gdapRelationships(): Promise<GdapRelationshipInput[]> {
      const items = await all(
        '/tenantRelationships/delegatedAdminRelationships?$top=300',
        relationshipSchema,
      );
      return items.map((r) => ({
        id: r.id,
        displayName: r.displayName ?? r.id,
        status: r.status,
        customerTenantId: r.customer.tenantId,
        customerDisplayName: r.customer.displayName ?? r.customer.tenantId,
        activatedDateTime: r.activatedDateTime ?? null,
        endDateTime: r.endDateTime ?? null,
        autoExtendDuration: r.autoExtendDuration ?? null,
        roleDefinitionIds: (r.accessDetails?.unifiedRoles ?? []).map((u) => u.roleDefinitionId),
      }));
    },
    requestCount: () => count,
  };
}
