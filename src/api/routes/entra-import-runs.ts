import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  applyImport,
  exportPreviewItems,
  getPreview,
  listInboundLog,
  listPreviewItems,
  listReviews,
  listSyncRuns,
  previewImport,
} from '../../contracts/api/entra-import.js';
import type { PlannedUser } from '../../contracts/entra/index.js';
import { createReviewRepository, type SyncReview } from '../../store/index.js';
import { auditSource } from '../audit/audited.js';
import { csvRow } from '../audit/csv.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { createPreviewStore, type PreviewStore } from '../integrations/entra/preview-store.js';
import { runConnectionImport, tenantResultView } from '../integrations/entra/run-import.js';
import { registerConnectionLogRoutes } from './connection-logs-routes.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { endpointRegistrar, iso, notFound, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'audit' | 'config'>;

interface ItemFilter {
  outcome?: string | undefined;
  reasonCode?: string | undefined;
  search?: string | undefined;
}

function matches(record: PlannedUser, filter: ItemFilter): boolean {
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  if (filter.reasonCode && record.reasonCode !== filter.reasonCode) return false;
  const term = filter.search?.trim().toLowerCase();
  if (!term) return true;
  return record.displayName.toLowerCase().includes(term) || record.entraId.toLowerCase() === term;
}

const reviewView = (review: SyncReview) => ({
  id: review.id,
  tenantId: review.tenantId,
  module: review.module,
  entraId: review.entraId,
  displayName: review.displayName,
  candidates: review.candidates,
  reason: review.reason,
  createdAt: iso(review.createdAt),
});

const CSV_HEADER = ['tenant', 'entra id', 'display name', 'outcome', 'reason code', 'reason', 'changes'];

function csvOf(record: PlannedUser): string {
  const changes = record.changes.map((c) => `${c.field}: ${c.before ?? ''} → ${c.after ?? ''}`).join('; ');
  return csvRow([
    record.tenantId,
    record.entraId,
    record.displayName,
    record.outcome,
    record.reasonCode,
    record.reason,
    changes,
  ]);
}

/** Logs a run's unexpected failure (a bug) with the run id the run record points people to. */
function logUnexpected(request: FastifyRequest, connectionId: string) {
  return (error: unknown, tenantId: string, runId: string) =>
    request.log.error({ err: error, connectionId, tenantId, runId }, 'Entra import run failed unexpectedly');
}

/** "Import Users" / "Import Agents": preview, apply, and the connection's runs and inbound log. */
export function registerEntraImportRunRoutes(
  app: FastifyInstance,
  deps: Deps,
  previews: PreviewStore = createPreviewStore(),
): void {
  const on = endpointRegistrar(app, deps);
  const previewOf = async (id: string, principal: Principal | null) => {
    const preview = previews.get(id);
    if (!preview) throw notFound('preview (previews are kept for 30 minutes: preview again)');
    await loadEntraConnection(deps, deps.db, preview.connectionId, principal, 'read');
    return preview;
  };

  on(previewImport, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    const results = await runConnectionImport(deps, connection, {
      module: body.module,
      ...(body.tenantId ? { tenantIds: [body.tenantId] } : {}),
      trigger: 'manual',
      dryRun: true,
      onUnexpectedError: logUnexpected(request, connection.id),
    });
    const previewId = previews.save(connection.id, body.module, results);
    return { previewId, tenants: results.map(tenantResultView) };
  });

  on(getPreview, async ({ params, principal }) => {
    const preview = await previewOf(params.id, principal);
    return {
      previewId: preview.id,
      connectionId: preview.connectionId,
      module: preview.module,
      createdAt: new Date(preview.createdAt).toISOString(),
      tenants: preview.tenants,
    };
  });

  on(listPreviewItems, async ({ params, query, principal }) => {
    const preview = await previewOf(params.id, principal);
    const filtered = preview.records.filter((r) => matches(r, query));
    const start = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
    const items = filtered.slice(start, start + query.limit);
    const next = start + query.limit < filtered.length ? String(start + query.limit) : null;
    return { items, nextCursor: next, total: filtered.length };
  });

  on(exportPreviewItems, async ({ params, query, principal, reply }) => {
    const preview = await previewOf(params.id, principal);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rollcall-${preview.module}-preview.csv"`)
      .header('cache-control', 'no-store');
    const rows = preview.records.filter((r) => matches(r, query)).map(csvOf);
    return [csvRow(CSV_HEADER), ...rows].join('');
  });

  on(applyImport, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const results = await runConnectionImport(deps, connection, {
      module: body.module,
      ...(body.tenantId ? { tenantIds: [body.tenantId] } : {}),
      trigger: 'manual',
      dryRun: false,
      confirmMassDeactivation: body.confirmMassDeactivation,
      ...(body.fingerprint ? { expectedFingerprint: body.fingerprint } : {}),
      onUnexpectedError: logUnexpected(request, connection.id),
    });
    const tenants = results.map(tenantResultView);
    await deps.audit.record({
      ...auditSource(principal, request),
      action: 'entra.import.apply',
      target: { type: 'connection', id: connection.id },
      after: {
        module: body.module,
        confirmMassDeactivation: body.confirmMassDeactivation,
        tenants: tenants.map((t) => ({
          tenantId: t.tenantId,
          runId: t.runId,
          status: t.status,
          summary: t.summary,
        })),
      },
    });
    return { tenants };
  });

  on(listReviews, async ({ params, query, principal }) => {
    await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    const page = await createReviewRepository(deps.db).listOpen({ connectionId: params.id, ...query });
    return toApiPage(page, reviewView);
  });

  registerConnectionLogRoutes(app, deps, {
    kind: 'entra',
    listRuns: listSyncRuns,
    listInbound: listInboundLog,
  });
}
