import type { FastifyInstance } from 'fastify';
import { listCspInbound, listCspRuns } from '../../contracts/api/csp-connections.js';
import type { ApiDeps } from '../deps.js';
import { registerConnectionLogRoutes } from './connection-logs-routes.js';

/**
 * A CSP connection's Runs and Inbound Requests (tenants, licences and users modules, every
 * customer tenant), behind `integrations.csp.configure` like the rest of the connection.
 */
export function registerCspLogRoutes(app: FastifyInstance, deps: ApiDeps): void {
  registerConnectionLogRoutes(app, deps, { kind: 'csp', listRuns: listCspRuns, listInbound: listCspInbound });
}
