import type { EmulatorContext } from '../../context.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { createChangeWindows } from './changes.js';
import { createDeltaHandler, type DeltaEngine } from './handler.js';
import { createManagerHistory } from './manager-history.js';
import { createSnapshotCache } from './snapshots.js';

/**
 * Delta queries for users and groups (`/users/delta`, `/groups/delta`; the pipeline maps the
 * SDKs' `/microsoft.graph.delta()` onto them). Registered before the users and groups routes.
 */
export function registerDeltaRoutes(ctx: EmulatorContext): void {
  const engine: DeltaEngine = {
    snapshots: createSnapshotCache(),
    windows: createChangeWindows(ctx.estate.log, (id) => ctx.estate.tenant(id)),
    managers: createManagerHistory(ctx.estate),
  };
  ctx.router.on(
    'GET',
    '/v1.0/users/delta',
    { service: 'graph', name: 'GET /users/delta' },
    graphRoute(ctx, PERMISSIONS.readUsers, createDeltaHandler(ctx, 'users', engine)),
  );
  ctx.router.on(
    'GET',
    '/v1.0/groups/delta',
    { service: 'graph', name: 'GET /groups/delta' },
    graphRoute(ctx, PERMISSIONS.readGroups, createDeltaHandler(ctx, 'groups', engine)),
  );
}
