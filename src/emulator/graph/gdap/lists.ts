import type { EmulatorContext } from '../../context.js';
import type { GraphHandler } from '../auth.js';
import { parseCollectionQuery, selectedForContext } from '../odata/collection-query.js';
import { respondWithPage } from '../odata/list-response.js';
import type { ListPaging } from '../odata/list-paging.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { recordSource } from '../odata/record-source.js';
import { project } from '../odata/select.js';
import { graphBase } from '../respond.js';
import { customerAnnotations, customerJson, customersOf } from './customers.js';
import { CUSTOMER_TYPE, RELATIONSHIP_TYPE } from './gdap-types.js';
import { relationshipAnnotations, relationshipJson } from './shapes.js';

const withSelect = (base: string, selected: string | null) => (selected ? `${base}(${selected})` : base);

/** `GET /tenantRelationships/delegatedAdminRelationships`: the shared query engine and paging. */
export function listRelationships(ctx: EmulatorContext, paging: ListPaging): GraphHandler {
  return (req, _params, { tenant }) => {
    const query = parseCollectionQuery(req, tenant.id, { type: RELATIONSHIP_TYPE });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const now = ctx.clock.now();
    const properties = query.select ?? RELATIONSHIP_TYPE.defaults;
    return respondWithPage({
      req,
      query,
      paging,
      source: recordSource(
        tenant.gdapRelationships.values(),
        { id: (rel) => rel.id, props: (rel) => relationshipJson(rel, now) },
        query.orderBy,
      ),
      context: withSelect(
        'tenantRelationships/delegatedAdminRelationships',
        selectedForContext(req, RELATIONSHIP_TYPE),
      ),
      project: (rel) => ({
        ...relationshipAnnotations(rel, now),
        ...project(relationshipJson(rel, now), properties),
      }),
    });
  };
}

/** `GET /tenantRelationships/delegatedAdminCustomers`, with its documented (non-Graph) context. */
export function listCustomers(ctx: EmulatorContext, paging: ListPaging): GraphHandler {
  return (req, _params, { tenant }) => {
    const query = parseCollectionQuery(req, tenant.id, { type: CUSTOMER_TYPE });
    if (isQueryError(query)) return queryErrorResponse(req, query);
    const properties = query.select ?? CUSTOMER_TYPE.defaults;
    const metadata = `${graphBase(req)}/tenantRelationships/$metadata#delegatedAdminCustomers`;
    return respondWithPage({
      req,
      query,
      paging,
      source: recordSource(
        customersOf(tenant, ctx.clock.now()),
        { id: (c) => c.id, props: customerJson },
        query.orderBy,
      ),
      context: { url: withSelect(metadata, selectedForContext(req, CUSTOMER_TYPE)) },
      project: (c) => ({ ...customerAnnotations(c), ...project(customerJson(c), properties) }),
    });
  };
}
