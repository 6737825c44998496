import { managedDeviceSchema, type GraphClient } from '../../../microsoft/index.js';
import type { DeviceReader } from '../../../sync/assets/index.js';

/** Intune's page size (a larger `$top` is capped); the fewest requests a full read can make. */
export const DEVICE_PAGE_SIZE = 1000;

/**
 * Intune managed devices of one tenant, page by page with the properties asked for: the next page
 * is requested while this one is written, and no more than two pages are held at once.
 */
export function createDeviceReader(counted: { graph: GraphClient; requestCount(): number }): DeviceReader {
  return {
    async *pages(select) {
      const path = `/deviceManagement/managedDevices?$select=${select.join(',')}&$top=${DEVICE_PAGE_SIZE}`;
      for await (const page of counted.graph.pages(path, managedDeviceSchema)) yield page.items;
    },
    requestCount: () => counted.requestCount(),
  };
}
