import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { DeviceRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { parseCollectionQuery, selectedForContext } from '../odata/collection-query.js';
import { parseEntitySelect } from '../odata/entity-select.js';
import { respondWithPage } from '../odata/list-response.js';
import { createListPaging } from '../odata/list-paging.js';
import { isQueryError, queryErrorResponse } from '../odata/query-errors.js';
import { recordSource } from '../odata/record-source.js';
import { project } from '../odata/select.js';
import { graphError, graphJson, odataContext } from '../respond.js';
import { MANAGED_DEVICE_TYPE } from './managed-device-type.js';

const MANAGED_DEVICE_ODATA_TYPE = '#microsoft.graph.managedDevice';
const ENTITY_SET = 'deviceManagement/managedDevices';

/**
 * A tenant without an Intune licence: Graph relays Intune's refusal. Observed wording (M365DSC and
 * CIPP treat it as "tenant not registered for Intune"); the status is [O]/[K].
 */
function intuneUnavailable(req: EmuRequest): EmuResponse {
  return graphError(req, 400, 'BadRequest', 'Request not applicable to target tenant.');
}

const view = (device: DeviceRecord, properties: readonly string[]) => ({
  '@odata.type': MANAGED_DEVICE_ODATA_TYPE,
  ...project(device, properties),
});

/** Intune `GET /deviceManagement/managedDevices` and `/{id}`. */
export function registerDeviceRoutes(ctx: EmulatorContext): void {
  const paging = createListPaging(ctx);

  ctx.router.on(
    'GET',
    '/v1.0/deviceManagement/managedDevices',
    { service: 'graph', name: 'GET /deviceManagement/managedDevices' },
    graphRoute(ctx, PERMISSIONS.readDevices, (req, _params, { tenant }) => {
      if (!tenant.intune) return intuneUnavailable(req);
      const query = parseCollectionQuery(req, tenant.id, { type: MANAGED_DEVICE_TYPE });
      if (isQueryError(query)) return queryErrorResponse(req, query);
      const selected = selectedForContext(req, MANAGED_DEVICE_TYPE);
      const properties = query.select ?? MANAGED_DEVICE_TYPE.defaults;
      return respondWithPage({
        req,
        query,
        paging,
        source: recordSource(
          tenant.devices.values(),
          { id: (d) => String(d.id), props: (d) => d },
          query.orderBy,
        ),
        context: selected ? `${ENTITY_SET}(${selected})` : ENTITY_SET,
        project: (device) => view(device, properties),
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/deviceManagement/managedDevices/:id',
    { service: 'graph', name: 'GET /deviceManagement/managedDevices/{id}' },
    graphRoute(ctx, PERMISSIONS.readDevices, (req, params, { tenant }) => {
      if (!tenant.intune) return intuneUnavailable(req);
      const select = parseEntitySelect(req, MANAGED_DEVICE_TYPE);
      if (isQueryError(select)) return queryErrorResponse(req, select);
      const id = params.id ?? '';
      const device = tenant.devices.get(id) ?? tenant.devices.get(id.toLowerCase());
      if (!device) {
        // Intune's own not-found wording (unverified); clients should branch on the status.
        return graphError(req, 404, 'ResourceNotFound', `Resource not found: managedDevice '${params.id}'.`);
      }
      return graphJson(200, {
        '@odata.context': odataContext(req, `${ENTITY_SET}${select.contextSuffix}/$entity`),
        ...view(device, select.properties),
      });
    }),
  );
}
