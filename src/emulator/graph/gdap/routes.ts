import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { GdapRelationshipRecord, TenantRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS, type GraphHandler } from '../auth.js';
import { pageOf, type PageLimits } from '../devices/paging.js';
import { parseSimpleFilter, type FieldReader } from '../devices/simple-filter.js';
import { project } from '../odata/select.js';
import { selection } from '../organization/selection.js';
import { graphBase, graphError, graphJson, notFound, odataContext } from '../respond.js';
import { accessAssignmentsOf, effectiveState } from './records.js';
import {
  accessAssignmentJson,
  CUSTOMER_PROPERTIES,
  etagOf,
  RELATIONSHIP_PROPERTIES,
  relationshipAnnotations,
  relationshipJson,
  serviceManagementDetails,
} from './shapes.js';

/** `$top` may not exceed 300 (tenantrelationship-list-*.md); the default page size is unverified. */
const GDAP_PAGE: PageLimits = { defaultTop: 100, maxTop: 300, overMax: 'error' };
const BASE = '/v1.0/tenantRelationships';

interface Customer {
  id: string;
  displayName: string;
  etag: string;
}

/** A customer exists while it has at least one relationship that is not terminated. */
function customersOf(tenant: TenantRecord, now: number): Customer[] {
  const byId = new Map<string, Customer>();
  for (const rel of tenant.gdapRelationships.values()) {
    if (effectiveState(rel, now).status === 'terminated') continue;
    byId.set(rel.customerTenantId, {
      id: rel.customerTenantId,
      displayName: rel.customerDisplayName,
      etag: etagOf(rel.customerTenantId, rel.customerDisplayName),
    });
  }
  return [...byId.values()];
}

const customerJson = (c: Customer) => ({ id: c.id, tenantId: c.id, displayName: c.displayName });
const customerAnnotations = (c: Customer) => ({
  '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
  '@odata.etag': c.etag,
});

/** The relationships API lives in the partner's tenant; other tenants are refused (wording unverified). */
function partnerRoute(ctx: EmulatorContext, handler: GraphHandler) {
  return graphRoute(ctx, PERMISSIONS.readGdap, (req, params, caller) => {
    if (caller.tenant.id !== ctx.estate.partnerTenantId) {
      return graphError(
        req,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }
    return handler(req, params, caller);
  });
}

interface ListSpec<T> {
  fields: Record<string, FieldReader<T>>;
  typeName: string;
  known: readonly string[];
  render: (item: T, properties: string[]) => Record<string, unknown>;
  /** `@odata.context` without the `$select` suffix. */
  context: string;
}

function list<T>(req: EmuRequest, items: T[], spec: ListSpec<T>): EmuResponse {
  const select = selection(req, new Set(spec.known), spec.known, spec.typeName);
  if (!select.ok) return select.response;
  const filter = parseSimpleFilter(
    req.url.searchParams.get('$filter'),
    spec.fields,
    `microsoft.graph.${spec.typeName}`,
  );
  if (!filter.ok) return graphError(req, 400, 'BadRequest', filter.message);
  const page = pageOf(req, items.filter(filter.test), GDAP_PAGE);
  if (!page.ok) return page.response;
  return graphJson(200, {
    '@odata.context': `${spec.context}${select.contextSuffix}`,
    value: page.items.map((i) => spec.render(i, select.properties)),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
  });
}

/** GDAP: delegatedAdminCustomers and delegatedAdminRelationships, read in the partner tenant. */
export function registerGdapRoutes(ctx: EmulatorContext): void {
  const now = () => ctx.clock.now();
  const relationshipOf = (tenant: TenantRecord, id: string): GdapRelationshipRecord | undefined =>
    tenant.gdapRelationships.get(id);
  const relationshipFields: Record<string, FieldReader<GdapRelationshipRecord>> = {
    status: (r) => effectiveState(r, now()).status,
    displayName: (r) => r.displayName,
    'customer/tenantId': (r) => r.customerTenantId,
    'customer/displayName': (r) => r.customerDisplayName,
    endDateTime: (r) => effectiveState(r, now()).endDateTime,
    createdDateTime: (r) => r.createdDateTime,
    autoExtendDuration: (r) => r.autoExtendDuration,
  };
  const customerFields: Record<string, FieldReader<Customer>> = {
    id: (c) => c.id,
    tenantId: (c) => c.id,
    displayName: (c) => c.displayName,
  };
  const renderRelationship = (r: GdapRelationshipRecord, properties: string[]) => ({
    ...relationshipAnnotations(r, now()),
    ...project(relationshipJson(r, now()), properties),
  });
  const renderCustomer = (c: Customer, properties: string[]) => ({
    ...customerAnnotations(c),
    ...project(customerJson(c), properties),
  });
  const on = (path: string, name: string, handler: GraphHandler) =>
    ctx.router.on(
      'GET',
      `${BASE}${path}`,
      { service: 'graph', name: `GET /tenantRelationships${name}` },
      partnerRoute(ctx, handler),
    );

  on('/delegatedAdminCustomers', '/delegatedAdminCustomers', (req, _p, caller) =>
    list(req, customersOf(caller.tenant, now()), {
      fields: customerFields,
      typeName: 'delegatedAdminCustomer',
      known: CUSTOMER_PROPERTIES,
      render: renderCustomer,
      // The documented context of this list differs from other Graph lists.
      context: `${graphBase(req)}/tenantRelationships/$metadata#delegatedAdminCustomers`,
    }),
  );
  on('/delegatedAdminCustomers/:id', '/delegatedAdminCustomers/{id}', (req, params, caller) => {
    const customer = customersOf(caller.tenant, now()).find((c) => c.id === params.id?.toLowerCase());
    if (!customer) return notFound(req, params.id ?? '');
    return graphJson(200, {
      '@odata.context': `${graphBase(req)}/tenantRelationships/$metadata#delegatedAdminCustomers/$entity`,
      ...renderCustomer(customer, [...CUSTOMER_PROPERTIES]),
    });
  });
  on(
    '/delegatedAdminCustomers/:id/serviceManagementDetails',
    '/delegatedAdminCustomers/{id}/serviceManagementDetails',
    (req, params, caller) => {
      const customer = customersOf(caller.tenant, now()).find((c) => c.id === params.id?.toLowerCase());
      if (!customer) return notFound(req, params.id ?? '');
      return graphJson(200, {
        '@odata.context': odataContext(
          req,
          `tenantRelationships/delegatedAdminCustomers('${customer.id}')/serviceManagementDetails`,
        ),
        value: serviceManagementDetails(customer.id),
      });
    },
  );
  on('/delegatedAdminRelationships', '/delegatedAdminRelationships', (req, _p, caller) =>
    list(req, [...caller.tenant.gdapRelationships.values()], {
      fields: relationshipFields,
      typeName: 'delegatedAdminRelationship',
      known: RELATIONSHIP_PROPERTIES,
      render: renderRelationship,
      context: odataContext(req, 'tenantRelationships/delegatedAdminRelationships'),
    }),
  );
  on('/delegatedAdminRelationships/:id', '/delegatedAdminRelationships/{id}', (req, params, caller) => {
    const rel = relationshipOf(caller.tenant, params.id ?? '');
    if (!rel) return notFound(req, params.id ?? '');
    const select = selection(
      req,
      new Set(RELATIONSHIP_PROPERTIES),
      RELATIONSHIP_PROPERTIES,
      'delegatedAdminRelationship',
    );
    if (!select.ok) return select.response;
    return graphJson(200, {
      '@odata.context': odataContext(
        req,
        `tenantRelationships/delegatedAdminRelationships${select.contextSuffix}/$entity`,
      ),
      ...renderRelationship(rel, select.properties),
    });
  });
  on(
    '/delegatedAdminRelationships/:id/accessAssignments',
    '/delegatedAdminRelationships/{id}/accessAssignments',
    (req, params, caller) => {
      const rel = relationshipOf(caller.tenant, params.id ?? '');
      if (!rel) return notFound(req, params.id ?? '');
      return graphJson(200, {
        '@odata.context': odataContext(
          req,
          `tenantRelationships/delegatedAdminRelationships('${rel.id}')/accessAssignments`,
        ),
        value: accessAssignmentsOf(rel).map(accessAssignmentJson),
      });
    },
  );
}
