import type { EmulatorContext } from '../../context.js';
import type { EmuRequest, EmuResponse } from '../../http/types.js';
import type { DeviceRecord, TenantRecord } from '../../state/types.js';
import { graphRoute, PERMISSIONS } from '../auth.js';
import { project } from '../odata/select.js';
import { selection } from '../organization/selection.js';
import { graphError, graphJson, odataContext } from '../respond.js';
import { pageOf, type PageLimits } from './paging.js';
import {
  FILTERABLE_DEVICE_PROPERTIES,
  MANAGED_DEVICE_KNOWN,
  MANAGED_DEVICE_PROPERTIES,
} from './properties.js';
import { parseSimpleFilter, type FieldReader } from './simple-filter.js';

/** Intune pages hold at most 1,000 devices (often quoted, unverified); a larger `$top` is capped. */
const DEVICE_PAGE: PageLimits = { defaultTop: 1000, maxTop: 1000, overMax: 'cap' };

const MANAGED_DEVICE_TYPE = '#microsoft.graph.managedDevice';

const FILTER_FIELDS: Record<string, FieldReader<DeviceRecord>> = Object.fromEntries(
  FILTERABLE_DEVICE_PROPERTIES.map((p) => [p, (d: DeviceRecord) => d[p]]),
);

/**
 * A tenant without an Intune licence: Graph relays Intune's refusal. Observed wording (M365DSC and
 * CIPP treat it as "tenant not registered for Intune"); the status is [O]/[K].
 */
function intuneUnavailable(req: EmuRequest): EmuResponse {
  return graphError(req, 400, 'BadRequest', 'Request not applicable to target tenant.');
}

function guard(req: EmuRequest, tenant: TenantRecord) {
  if (!tenant.intune) return { ok: false as const, response: intuneUnavailable(req) };
  return selection(req, MANAGED_DEVICE_KNOWN, MANAGED_DEVICE_PROPERTIES, 'managedDevice');
}

const withType = (props: Record<string, unknown>) => ({ '@odata.type': MANAGED_DEVICE_TYPE, ...props });

/** Intune `GET /deviceManagement/managedDevices` and `/{id}`. */
export function registerDeviceRoutes(ctx: EmulatorContext): void {
  ctx.router.on(
    'GET',
    '/v1.0/deviceManagement/managedDevices',
    { service: 'graph', name: 'GET /deviceManagement/managedDevices' },
    graphRoute(ctx, PERMISSIONS.readDevices, (req, _params, caller) => {
      const select = guard(req, caller.tenant);
      if (!select.ok) return select.response;
      const filter = parseSimpleFilter(
        req.url.searchParams.get('$filter'),
        FILTER_FIELDS,
        'microsoft.graph.managedDevice',
      );
      if (!filter.ok) return graphError(req, 400, 'BadRequest', filter.message);
      const matching = [...caller.tenant.devices.values()].filter(filter.test);
      const page = pageOf(req, matching, DEVICE_PAGE);
      if (!page.ok) return page.response;
      return graphJson(200, {
        '@odata.context': odataContext(req, `deviceManagement/managedDevices${select.contextSuffix}`),
        ...(req.url.searchParams.get('$count') === 'true' ? { '@odata.count': matching.length } : {}),
        value: page.items.map((d) => withType(project(d, select.properties))),
        ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
      });
    }),
  );

  ctx.router.on(
    'GET',
    '/v1.0/deviceManagement/managedDevices/:id',
    { service: 'graph', name: 'GET /deviceManagement/managedDevices/{id}' },
    graphRoute(ctx, PERMISSIONS.readDevices, (req, params, caller) => {
      const select = guard(req, caller.tenant);
      if (!select.ok) return select.response;
      const id = params.id ?? '';
      const device = caller.tenant.devices.get(id) ?? caller.tenant.devices.get(id.toLowerCase());
      if (!device) {
        // Intune's own not-found wording (unverified); clients should branch on the status.
        return graphError(req, 404, 'ResourceNotFound', `Resource not found: managedDevice '${params.id}'.`);
      }
      return graphJson(200, {
        '@odata.context': odataContext(req, `deviceManagement/managedDevices${select.contextSuffix}/$entity`),
        ...withType(project(device, select.properties)),
      });
    }),
  );
}
