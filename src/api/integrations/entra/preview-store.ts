import { randomUUID } from 'node:crypto';
import type { PlannedUser } from '../../../contracts/entra/index.js';
import type { ImportModule, TenantRunResult } from '../../../sync/entra/index.js';
import { tenantResultView } from './run-import.js';

/** A preview kept for paging through its decisions. */
export interface StoredPreview {
  id: string;
  connectionId: string;
  module: ImportModule;
  createdAt: number;
  /** Per-tenant summary as the preview answered it. */
  tenants: ReturnType<typeof tenantResultView>[];
  records: PlannedUser[];
}

/** Previews live this long; paging an older one asks the person to preview again. */
const PREVIEW_TTL_MS = 30 * 60_000;
/** A 50k-user preview holds ~50 MB; keep only the newest few per process. */
const MAX_PREVIEWS = 8;

/**
 * The decisions of recent previews, in this process's memory: a preview is a full directory read,
 * too costly to repeat per page. Applying does not depend on it (the apply re-plans and compares
 * fingerprints), so losing a preview (restart, another server) only means previewing again.
 */
export function createPreviewStore(now: () => number = Date.now) {
  const previews = new Map<string, StoredPreview>();
  const expire = () => {
    for (const [id, preview] of previews) if (now() - preview.createdAt > PREVIEW_TTL_MS) previews.delete(id);
    while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
  };
  return {
    save(connectionId: string, module: ImportModule, results: TenantRunResult[]): string {
      const id = randomUUID();
      const records = results.flatMap((r) => r.plan?.records ?? []);
      const tenants = results.map(tenantResultView);
      previews.set(id, { id, connectionId, module, createdAt: now(), tenants, records });
      expire();
      return id;
    },
    get(id: string): StoredPreview | undefined {
      expire();
      return previews.get(id);
    },
  };
}

export type PreviewStore = ReturnType<typeof createPreviewStore>;
