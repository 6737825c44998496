import type { EmulatorContext } from '../../context.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { parseEntitySelect } from '../odata/entity-select.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { project } from '../odata/select.js';
import { graphJson, notFound, odataContext } from '../respond.js';
import { DOMAIN_TYPE, ORGANIZATION_TYPE } from './organization-types.js';
import { domainJson, organizationJson } from './shapes.js';

/** Delegated callers read their organization with User.Read (organization-get.md). */
const READ_ORGANIZATION = [...PERMISSIONS.readOrganization, 'User.Read'];
const READ_DOMAINS = [
  'Domain.Read.All',
  'Domain.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/** Graph organization (the caller's tenant) and domains. */
export function registerOrganizationRoutes(ctx: EmulatorContext): void {
  ctx.router.on(
    'GET',
    '/v1.0/organization',
    { service: 'graph', name: 'GET /organization' },
    graphRoute(ctx, READ_ORGANIZATION, (req, _params, caller) => {
      const select = parseEntitySelect(req, ORGANIZATION_TYPE);
      if (isQueryError(select)) return queryErrorResponse(req, select);
      return graphJson(200, {
        '@odata.context': odataContext(req, `organization${select.contextSuffix}`),
        value: [project(organizationJson(caller.tenant), select.properties)],
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/organization/:id',
    { service: 'graph', name: 'GET /organization/{id}' },
    graphRoute(ctx, READ_ORGANIZATION, (req, params, caller) => {
      const id = params.id ?? '';
      if (id.toLowerCase() !== caller.tenant.id) return notFound(req, id);
      const select = parseEntitySelect(req, ORGANIZATION_TYPE);
      if (isQueryError(select)) return queryErrorResponse(req, select);
      return graphJson(200, {
        '@odata.context': odataContext(req, `organization${select.contextSuffix}/$entity`),
        ...project(organizationJson(caller.tenant), select.properties),
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/domains',
    { service: 'graph', name: 'GET /domains' },
    graphRoute(ctx, READ_DOMAINS, (req, _params, caller) => {
      const select = parseEntitySelect(req, DOMAIN_TYPE);
      if (isQueryError(select)) return queryErrorResponse(req, select);
      return graphJson(200, {
        '@odata.context': odataContext(req, `domains${select.contextSuffix}`),
        value: caller.tenant.domains.map((d) => project(domainJson(d), select.properties)),
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/domains/:id',
    { service: 'graph', name: 'GET /domains/{id}' },
    graphRoute(ctx, READ_DOMAINS, (req, params, caller) => {
      const id = params.id ?? '';
      const domain = caller.tenant.domains.find((d) => d.id.toLowerCase() === id.toLowerCase());
      if (!domain) return notFound(req, id);
      const select = parseEntitySelect(req, DOMAIN_TYPE);
      if (isQueryError(select)) return queryErrorResponse(req, select);
      return graphJson(200, {
        '@odata.context': odataContext(req, `domains${select.contextSuffix}/$entity`),
        ...project(domainJson(domain), select.properties),
      });
    }),
  );
}
