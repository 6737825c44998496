import type { EmulatorContext } from '../../context.js';
import type { TenantRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS, type GraphHandler } from '../auth.js';
import { parseEntitySelect } from '../odata/entity-select.js';
import { createListPaging } from '../odata/list-paging.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { project } from '../odata/select.js';
import { graphBase, graphError, graphJson, notFound, odataContext } from '../respond.js';
import { customerAnnotations, customerJson, customersOf } from './customers.js';
import { CUSTOMER_TYPE, RELATIONSHIP_TYPE } from './gdap-types.js';
import { listCustomers, listRelationships } from './lists.js';
import { accessAssignmentsOf } from './records.js';
import {
  accessAssignmentJson,
  relationshipAnnotations,
  relationshipJson,
  serviceManagementDetails,
} from './shapes.js';

const BASE = '/v1.0/tenantRelationships';

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

/** GDAP: delegatedAdminCustomers and delegatedAdminRelationships, read in the partner tenant. */
export function registerGdapRoutes(ctx: EmulatorContext): void {
  const now = () => ctx.clock.now();
  const paging = createListPaging(ctx);
  const customerOf = (tenant: TenantRecord, id: string | undefined) =>
    customersOf(tenant, now()).find((c) => c.id === id?.toLowerCase());
  const on = (path: string, name: string, handler: GraphHandler) =>
    ctx.router.on(
      'GET',
      `${BASE}${path}`,
      { service: 'graph', name: `GET /tenantRelationships${name}` },
      partnerRoute(ctx, handler),
    );

  on('/delegatedAdminCustomers', '/delegatedAdminCustomers', listCustomers(ctx, paging));
  on('/delegatedAdminCustomers/:id', '/delegatedAdminCustomers/{id}', (req, params, caller) => {
    const customer = customerOf(caller.tenant, params.id);
    if (!customer) return notFound(req, params.id ?? '');
    const select = parseEntitySelect(req, CUSTOMER_TYPE);
    if (isQueryError(select)) return queryErrorResponse(req, select);
    return graphJson(200, {
      '@odata.context': `${graphBase(req)}/tenantRelationships/$metadata#delegatedAdminCustomers${select.contextSuffix}/$entity`,
      ...customerAnnotations(customer),
      ...project(customerJson(customer), select.properties),
    });
  });
  on(
    '/delegatedAdminCustomers/:id/serviceManagementDetails',
    '/delegatedAdminCustomers/{id}/serviceManagementDetails',
    (req, params, caller) => {
      const customer = customerOf(caller.tenant, params.id);
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
  on('/delegatedAdminRelationships', '/delegatedAdminRelationships', listRelationships(ctx, paging));
  on('/delegatedAdminRelationships/:id', '/delegatedAdminRelationships/{id}', (req, params, caller) => {
    const rel = caller.tenant.gdapRelationships.get(params.id ?? '');
    if (!rel) return notFound(req, params.id ?? '');
    const select = parseEntitySelect(req, RELATIONSHIP_TYPE);
    if (isQueryError(select)) return queryErrorResponse(req, select);
    return graphJson(200, {
      '@odata.context': odataContext(
        req,
        `tenantRelationships/delegatedAdminRelationships${select.contextSuffix}/$entity`,
      ),
      ...relationshipAnnotations(rel, now()),
      ...project(relationshipJson(rel, now()), select.properties),
    });
  });
  on(
    '/delegatedAdminRelationships/:id/accessAssignments',
    '/delegatedAdminRelationships/{id}/accessAssignments',
    (req, params, caller) => {
      const rel = caller.tenant.gdapRelationships.get(params.id ?? '');
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
